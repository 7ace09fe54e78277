"""この地域で求められていること (no log-in): the local issues staff published to the public,
in the text they approved, and the resources corporations marked public. Never a case."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .filters import ResourceFilter
from .selectors import get_public_need, public_needs, public_resources

PAGE_SIZE = 30


def _page(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@require_GET
def index(request):
    page, query = _page(request, public_needs())
    return render(request, "needs/public/index.html", {"page": page, "query": query})


@require_GET
def detail(request, pk):
    return render(request, "needs/public/detail.html", {"need": get_public_need(pk)})


@require_GET
def resources(request):
    found = ResourceFilter(request.GET or None, queryset=public_resources())
    page, query = _page(request, found.qs)
    return render(request, "needs/public/resources.html", {"filter": found, "page": page, "query": query})
