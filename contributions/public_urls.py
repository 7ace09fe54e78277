"""The public catalogue of published projects: no log-in."""

from django.urls import path

from . import public_views

app_name = "catalogue"

urlpatterns = [
    path("", public_views.catalogue_index, name="index"),
    path("<id:pk>/", public_views.catalogue_detail, name="detail"),
    path("<id:pk>/photos/<id:photo_pk>/", public_views.catalogue_photo, name="photo"),
]
