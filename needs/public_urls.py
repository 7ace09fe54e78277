"""この地域で求められていること: published local issues and public resources, no log-in."""

from django.urls import path

from . import public_views

app_name = "local_needs"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<id:pk>/", public_views.detail, name="detail"),
    path("resources/", public_views.resources, name="resources"),
]
