"""An open fiscal year's page (not closed: annual/closing.py), computed from the year's records
and kept in the cache under the data generation (core/generation.py), so that the page is built
once per change of the data instead of once per request.

What is kept is what a closed year stores for its page (closing.page_data: the sections 1–5 as
rendered, the cover's facts), per variant (published projects only, or all) and rows shown. Its
key holds the generation, read before the year's records (the view is @generation_first), so
figures kept under generation G show G's data or newer and no write leaves them stale; and the
day, since the reviews are counted as of today (report._review_section). The figures name no
user and hold no CSRF token: the same for every member of staff who may see the report.

The first request after any write to the portal's data (or in a worker that has not built the
page yet: the cache is each worker's memory, settings.CACHES) still builds the whole report;
nothing is kept inside a transaction of the site's own. The exports always build the year from
its records: under one generation they print the same figures as the page.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from core.fragments import in_own_transaction, request_generation

from . import closing
from . import report as year_report

TIMEOUT = 3600  # seconds; a new generation or a new day makes a new key long before


def _key(request, fiscal_year: int, published_only: bool, rows: int) -> str | None:
    current = None if in_own_transaction() else request_generation(request)
    if current is None:
        return None
    variant = closing.VARIANTS[published_only]
    today = timezone.localdate().isoformat()
    return f"annual-open-year:{current}:{get_language()}:{today}:{fiscal_year}:{variant}:{rows}"


def open_report(request, fiscal_year: int, *, published_only: bool, rows: int):
    """The open year's report for its page, and the page's sections 1–5 as HTML.

    Built from the records (report.build, its ~30 queries) unless this generation's page is in the
    cache; then 1 query (the narrative, which the page's form edits). The report is the built
    YearReport when this request built it, otherwise its stored form (closing.StoredReport, as a
    closed year's): the page's template reads only what both have."""
    key = _key(request, fiscal_year, published_only, rows)
    data = cache.get(key) if key is not None else None
    built = None
    if data is None:
        built = year_report.build(fiscal_year, published_only=published_only, shown=rows)
        data = closing.page_data(built, rows)
        if key is not None:
            cache.set(key, data, TIMEOUT)
    stored = closing.from_data(fiscal_year, {closing.VARIANTS[published_only]: data}, None,
                               published_only=published_only)
    if built is not None:
        return built, stored.figures_html
    stored.narrative = year_report.narrative_of(fiscal_year)
    return stored, stored.figures_html
