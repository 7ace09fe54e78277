"""A list's page, read only when the template shows it (its cached fragment, core/fragments.py, may not)."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject


def lazy_page(request, rows: Callable, size: int, then: Callable | None = None):
    """(page, query): the page `?page=` asks for of `rows()` (a queryset, e.g. a filter's `.qs`), `size` rows a
    page, read when the template first uses it — not at all when the list's fragment (includes/list_page.html)
    comes from the cache; `then(rows of the page)`, once they are read, gives the rows the page shows (the same,
    labelled for the viewer, or with what they show read in one more query).
    `query` is the query string without `page`, for the page links."""

    def read():
        page = Paginator(rows(), size).get_page(request.GET.get("page"))
        if then is not None:
            page.object_list = then(page.object_list)
        return page

    query = request.GET.copy()
    query.pop("page", None)
    return SimpleLazyObject(read), query.urlencode()
