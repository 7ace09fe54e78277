"""Every URL of the annual app × every role: the fiscal year's report is the secretariat's; a
corporation's yearly sheet is its members' and staff's (another corporation's answers 404)."""

from tests import matrix
from tests.matrix import Case, form_cases


def _year(w):
    return {"fiscal_year": 2015}


def _sheet_a(w):
    return {"fiscal_year": 2015, "corporation": w.corp_a.pk}


def _narrative(w):
    return {"summary": "連絡会を3回開いた。", "next_issues": "エリアごとの具体化。"}


CASES = [
    Case("annual:index", matrix.STAFF_ONLY),
    Case("annual:report", matrix.STAFF_ONLY, kwargs=_year),
    Case("annual:report", matrix.STAFF_ONLY, kwargs=_year, query="projects=all", note="all states"),
    Case("annual:report_xlsx", matrix.STAFF_ONLY, kwargs=_year),
    Case("annual:report_docx", matrix.STAFF_ONLY, kwargs=_year),
    *form_cases("annual:narrative", matrix.STAFF_ONLY, kwargs=_year, data=_narrative),
    Case("annual:narrative_history", matrix.STAFF_ONLY, kwargs=_year),
    Case("annual:sheets", matrix.MEMBERS),
    Case("annual:sheet", matrix.OWN_READ, kwargs=_sheet_a),
    Case("annual:sheets_all", matrix.STAFF_ONLY, kwargs=_year),
    # A year 和暦 cannot print: 404 for staff, as for any missing page.
    Case("annual:report", matrix.STAFF_ONLY | {"staff": matrix.NOT_FOUND}, kwargs=lambda w: {"fiscal_year": 1800},
         note="unprintable year"),
]

assert matrix.OK  # the statuses above are built from it


def _confirm(w):
    return {"confirm": "on"}


def _closed_2015(w):
    from django.utils import timezone

    from annual.models import ClosedYear

    ClosedYear.objects.create(fiscal_year=2015, page={}, figures={}, closed_at=timezone.now(), closed_by=w.staff)
    return {"fiscal_year": 2015}


CASES += [
    # 年度の締め: POST-only, staff only; a refused role changes nothing (tests/matrix.py).
    Case("annual:close", matrix.STAFF_POST, kwargs=_year, method="post", data=_confirm),
    Case("annual:close", matrix.ALL_405, kwargs=_year),
    Case("annual:reopen", matrix.STAFF_POST, kwargs=_closed_2015, method="post", data=_confirm),
    Case("annual:reopen", matrix.ALL_405, kwargs=_year),
]
