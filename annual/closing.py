"""A closed fiscal year's report (年度の締め): the figures are computed once, when the year is closed,
with report.build(), and stored as plain data in ClosedYear.figures; from then on the page, the
.xlsx and the .docx print the stored figures and read none of the year's records, so changing the
register (a corporation's area, a deactivated corporation, a late attendee) leaves them as adopted.

What is stored, per variant ("published": published projects only; "all": every state), in
ClosedYear.page (read by the page):
- figures_html: the page's sections 1–5 (annual/_figures.html) as rendered at closing (the page's
  rows, PAGE_ROWS per list), so the page shows exactly the tables it showed then;
and in ClosedYear.figures (read by the exports only):
- tables: every table of the exports (annual/exports.py's @stored functions), all their rows, dates
  as {"date": "YYYY-MM-DD"};
- charts: the two charts' data (the .docx draws them). The page part also holds the narrative
  and the cover's facts.
Both are stored once per language of settings.LANGUAGES ({"ja": {"published": …, "all": …}, "en":
…}): the labels in them (headings, table headers, 新規/継続/終了, the charts' captions) are words,
so an English reader of a closed year reads them in English, as on an open year's page. A year
closed before this kept one language only ({"published": …, "all": …}, the closing clerk's): it
is printed as stored, in that language, until it is reopened and closed again.
"""

import datetime
from dataclasses import asdict, dataclass
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import exports
from . import report as year_report
from .charts import Bar, Chart
from .models import ClosedYear

PAGE_ROWS = 100  # the demo year (63 corporations, 51 projects) shows every row
DOCUMENT_TABLES = ("meeting_rows", "project_rows", "overdue_rows")  # the .docx prints their dates in 和暦
VARIANTS = {True: "published", False: "all"}


def _plain(value):
    """A cell of a table as JSON: dates tagged, lazy strings as str."""
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _cell(value):
    if isinstance(value, dict):
        return datetime.date.fromisoformat(value["date"])
    return value


def page_context(report, rows: int = PAGE_ROWS) -> dict:
    """What annual/_figures.html needs besides the report: how many rows of each list it shows."""
    return {"report": report, "page_rows": f":{rows}", "page_rows_count": rows}


def _tables(report) -> dict:
    tables = {}
    for name in dir(exports):
        function = getattr(exports, name)
        if getattr(function, "stored_table", False):
            tables[exports.table_key(name)] = [[_plain(cell) for cell in row] for row in function(report)] \
                if name.endswith("_rows") else [_plain(cell) for cell in function(report)]
            if name in DOCUMENT_TABLES:
                tables[exports.table_key(name, True)] = [
                    [_plain(cell) for cell in row] for row in function(report, for_document=True)
                ]
    return tables


def page_data(page, rows: int = PAGE_ROWS) -> dict:
    """What the page prints of a report built with shown=rows, as plain data: the cover's facts, the
    sections 1–5 rendered (annual/_figures.html), the narrative. Stored by a closed year, kept in the
    cache under the data generation by an open one (annual/open_year.py)."""
    return {
        "first": page.first.isoformat(), "last": page.last.isoformat(),
        "figures_html": render_to_string("annual/_figures.html", page_context(page, rows)),
        "narrative": {"summary": page.narrative.summary, "next_issues": page.narrative.next_issues},
        "phases": [[label, count] for label, count in page.projects.phases],  # every project, whatever `shown`
    }


def _variants(fiscal_year: int) -> tuple[dict, dict]:
    """The year's page and its exports' figures as plain data, both variants (4 builds of the report),
    in the active language."""
    pages, figures = {}, {}
    for published_only, variant in VARIANTS.items():
        pages[variant] = page_data(year_report.build(fiscal_year, published_only=published_only, shown=PAGE_ROWS))
        full = year_report.build(fiscal_year, published_only=published_only)
        figures[variant] = {
            "charts": {name: asdict(chart) for name, chart in full.charts.items()}, "tables": _tables(full),
        }
    return pages, figures


def snapshot(fiscal_year: int) -> tuple[dict, dict]:
    """_variants() in each language of settings.LANGUAGES: {language: {variant: data}} for the page and
    for the exports. The report is built again for each language, since its labels are words."""
    pages, figures = {}, {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            pages[language], figures[language] = _variants(fiscal_year)
    return pages, figures


def _in_language(stored: dict) -> dict:
    """{variant: data} of what a closing stored, in the reader's language (else the site's); a year
    closed before closings kept each language holds {variant: data} itself."""
    if not stored or any(variant in stored for variant in VARIANTS.values()):
        return stored
    return stored.get(translation.get_language()) or stored.get(settings.LANGUAGE_CODE) or next(iter(stored.values()))


def _chart(data: dict) -> Chart:
    return Chart(**{**data, "bars": [Bar(**bar) for bar in data["bars"]]})


@dataclass
class StoredReport(year_report.ReportYear):
    """A closed year's report as stored: what the page's template and the exports read of a YearReport."""

    figures_html: str
    narrative: SimpleNamespace
    projects: SimpleNamespace
    charts: dict
    tables: dict


def from_data(fiscal_year: int, page: dict, figures: dict | None, *, published_only: bool) -> StoredReport:
    """A closed year's report from its stored page and (for the exports) its stored figures."""
    page, figures = _in_language(page), _in_language(figures or {})
    variant = {**page[VARIANTS[published_only]], **figures.get(VARIANTS[published_only], {})}
    return StoredReport(
        fiscal_year=fiscal_year, first=datetime.date.fromisoformat(variant["first"]),
        last=datetime.date.fromisoformat(variant["last"]), figures_html=mark_safe(variant["figures_html"]),  # noqa: S308 rendered by the template at closing
        narrative=SimpleNamespace(pk=None, **variant["narrative"]),
        projects=SimpleNamespace(published_only=published_only, phases=[tuple(p) for p in variant["phases"]]),
        charts={name: _chart(chart) for name, chart in variant.get("charts", {}).items()},
        tables={key: [[_cell(cell) for cell in row] for row in rows] if key.split(":")[0].endswith("_rows")
                else rows for key, rows in variant.get("tables", {}).items()},
    )


def closed_year(fiscal_year: int, *, exports: bool = False) -> ClosedYear | None:
    """The year's closing when it is closed, with who closed it (1 query); the exports' figures only for
    the exports (the page leaves them in the database)."""
    closed = ClosedYear.objects.select_related("closed_by").filter(fiscal_year=fiscal_year, is_closed=True)
    return (closed if exports else closed.defer("figures")).first()


def stored_report(closed: ClosedYear, *, published_only: bool, exports: bool = False) -> StoredReport:
    return from_data(closed.fiscal_year, closed.page, closed.figures if exports else None,
                     published_only=published_only)


def is_closed(fiscal_year: int) -> bool:
    return ClosedYear.objects.filter(fiscal_year=fiscal_year, is_closed=True).exists()


def frozen_narrative() -> str:
    return _("締め済みの年度の総括・次年度の課題は変更できません。変更するには締めを解除してください。")
