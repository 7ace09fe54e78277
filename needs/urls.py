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
    path("offers/<int:pk>/", views.offer_answer, name="answer"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/new/<int:corporation_pk>/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/", views.resource_detail, name="resource"),
    path("resources/<int:pk>/edit/", views.resource_update, name="resource_update"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_update, name="update"),
    path("<int:pk>/status/", views.need_status, name="status"),
    path("<int:pk>/candidates/", views.candidates, name="candidates"),
    path("<int:pk>/offers/send/", views.offers_send, name="send"),
    path("<int:pk>/offers/remind/", views.offers_remind, name="remind"),
    path("<int:pk>/take-on/", views.need_take_on, name="take_on"),
    path("<int:pk>/project/", views.project_start, name="project_start"),
    path("<int:pk>/link/", views.project_link, name="link"),
    path("<int:pk>/publish/", views.need_publish, name="publish"),
    path("<int:pk>/unpublish/", views.need_unpublish, name="unpublish"),
]
