"""The public catalogue (no log-in): published copies only, nothing personal."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.paging import paginate

from .filters import CatalogueFilter
from .selectors import get_public_project, public_pattern_counts, public_projects
from .views import photo_response

PAGE_SIZE = 30


@require_GET
def catalogue_index(request):
    catalogue = CatalogueFilter(request.GET or None, queryset=public_projects())
    page, query = paginate(request, catalogue.qs, PAGE_SIZE)
    patterns = list(public_pattern_counts())
    return render(request, "contributions/catalogue/index.html", {
        "filter": catalogue, "page": page, "query": query, "patterns": patterns,
        "total": sum(p.public_count for p in patterns),
    })


@require_GET
def catalogue_detail(request, pk):
    return render(request, "contributions/catalogue/detail.html", {"project": get_public_project(pk)})


@require_GET
def catalogue_photo(request, pk, photo_pk):
    project = get_public_project(pk)
    # Only photos approved with the public version; a newer upload waits for approval.
    return photo_response(get_object_or_404(project.photos.all(), pk=photo_pk))
