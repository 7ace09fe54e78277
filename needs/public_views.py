"""この地域で求められていること (no log-in): the local issues staff published to the public,
in the text they approved, and the resources corporations marked public. Never a case."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.paging import paginate

from .filters import ResourceFilter
from .selectors import get_public_need, public_needs, public_resources

PAGE_SIZE = 30


@require_GET
def index(request):
    page, query = paginate(request, public_needs(), PAGE_SIZE)
    return render(request, "needs/public/index.html", {"page": page, "query": query})


@require_GET
def detail(request, pk):
    return render(request, "needs/public/detail.html", {"need": get_public_need(pk)})


@require_GET
def resources(request):
    found = ResourceFilter(request.GET or None, queryset=public_resources())
    page, query = paginate(request, found.qs, PAGE_SIZE)
    return render(request, "needs/public/resources.html", {"filter": found, "page": page, "query": query})
