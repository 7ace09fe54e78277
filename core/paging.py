"""A list's page and the query string its page links keep: one home for every paged list.

`paginate` reads the page at once; `lazy_page` only when the template shows it (a list's cached
fragment, core/fragments.py, may not)."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.utils.functional import SimpleLazyObject


def without_page(params) -> str:
    """The query string `params` (a QueryDict: request.GET) without `page`, for the page links."""
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


def paginate(request, rows, size: int) -> tuple[Page, str]:
    """(page, query): the page `?page=` asks for of `rows`, `size` rows a page, and the query string
    without `page`."""
    return Paginator(rows, size).get_page(request.GET.get("page")), without_page(request.GET)


def lazy_page(request, rows: Callable, size: int, then: Callable | None = None):
    """(page, query) as paginate(), of `rows()` (a queryset, e.g. a filter's `.qs`), the page read when
    the template first uses it — not at all when the list's fragment (includes/list_page.html) comes
    from the cache; `then(rows of the page)`, once they are read, gives the rows the page shows (the
    same, labelled for the viewer, or with what they show read in one more query)."""

    def read():
        page = Paginator(rows(), size).get_page(request.GET.get("page"))
        if then is not None:
            page.object_list = then(page.object_list)
        return page

    return SimpleLazyObject(read), without_page(request.GET)
