"""The portal's URLs and a hello-world view behind the same middleware (benchmarks only)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


def hello(request):
    return HttpResponse("hello")


def empty(request):
    """base.html with nothing in it: the cost every page pays for its frame."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/empty/", empty),
    path("", include("network_portal.urls")),
]
