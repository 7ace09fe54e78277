"""Who may read the fiscal year's report and each corporation's yearly sheet.

The report (every corporation's attendance, needs, the council's own narrative) is the
secretariat's. A corporation's sheet is its own: its members download it, staff download any
or all; another corporation's sheet answers 404 (selectors.get_sheet_corporation_for_user).
"""

from accounts.policies import is_staff_or_member_of, staff_and_members, staff_only


@staff_only
def can_see_annual_report(user) -> bool:
    """The fiscal year's report and its exports: staff."""


@staff_only
def can_edit_narrative(user) -> bool:
    """総括 and 次年度の課題: the secretariat writes them."""


@staff_only
def can_include_unpublished(user) -> bool:
    """Drafts and submissions in the report's project figures, when asked for."""


@staff_and_members
def can_list_sheets(user) -> bool:
    """The page of yearly sheets: staff (every corporation) and members (their own)."""


@staff_only
def can_download_all_sheets(user) -> bool:
    """Every corporation's sheet in one workbook: staff."""


def can_download_sheet(user, corporation_id: int) -> bool:
    """A corporation's yearly sheet (地域における公益的な取組): its members and staff."""
    return is_staff_or_member_of(user, corporation_id)


@staff_only
def can_close_year(user) -> bool:
    """Closing a fiscal year (年度の締め) and reopening it: the secretariat."""
