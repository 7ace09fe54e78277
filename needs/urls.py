from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("needs.xlsx", views.need_list_xlsx, name="list_xlsx"),
    path("new/", views.need_create, name="create"),
    path("areas/", views.area_table, name="areas"),
    path("areas.xlsx", views.area_table_xlsx, name="areas_xlsx"),
    path("offers/", views.offer_list, name="offers"),
    path("offers/<id:pk>/", views.offer_answer, name="answer"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/new/<id:corporation_pk>/", views.resource_create, name="resource_create"),
    path("resources/<id:pk>/", views.resource_detail, name="resource"),
    path("resources/<id:pk>/edit/", views.resource_update, name="resource_update"),
    path("<id:pk>/", views.need_detail, name="detail"),
    path("<id:pk>/edit/", views.need_update, name="update"),
    path("<id:pk>/status/", views.need_status, name="status"),
    path("<id:pk>/candidates/", views.candidates, name="candidates"),
    path("<id:pk>/offers/send/", views.offers_send, name="send"),
    path("<id:pk>/offers/remind/", views.offers_remind, name="remind"),
    path("<id:pk>/take-on/", views.need_take_on, name="take_on"),
    path("<id:pk>/project/", views.project_start, name="project_start"),
    path("<id:pk>/link/", views.project_link, name="link"),
    path("<id:pk>/publish/", views.need_publish, name="publish"),
    path("<id:pk>/unpublish/", views.need_unpublish, name="unpublish"),
]
