"""The portal's URLs and a hello-world view behind the same middleware (benchmarks only)."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("hello")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("network_portal.urls")),
]
