from django.urls import path

from . import views

app_name = "corporations"

urlpatterns = [
    path("", views.corporation_list, name="list"),
    path("search.json", views.corporation_search, name="search"),
    path("export.csv", views.corporation_export_csv, name="export_csv"),
    path("export.xlsx", views.corporation_export_xlsx, name="export_xlsx"),
    path("new/", views.corporation_create, name="create"),
    path("import/", views.corporation_import, name="import"),
    path("mine/", views.my_corporation, name="mine"),
    path("<id:pk>/", views.corporation_detail, name="detail"),
    path("<id:pk>/edit/", views.corporation_update, name="update"),
    path("<id:pk>/facilities/new/", views.facility_create, name="facility_create"),
    path("<id:pk>/facilities/<id:facility_pk>/edit/", views.facility_update, name="facility_update"),
    path("<id:pk>/members/new/", views.member_create, name="member_create"),
    path("<id:pk>/history/", views.corporation_history, name="history"),
    path("<id:pk>/history/<id:history_id>/restore/", views.corporation_restore, name="restore"),
    path("<id:pk>/facilities/<id:facility_pk>/history/", views.facility_history, name="facility_history"),
    path(
        "<id:pk>/facilities/<id:facility_pk>/history/<id:history_id>/restore/", views.facility_restore,
        name="facility_restore",
    ),
]
