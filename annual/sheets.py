"""Each corporation's yearly sheet (地域における公益的な取組): the projects it ran or joined in a
fiscal year, and the liaison meetings its people attended. The material of the yearly
report each social-welfare corporation writes (社会福祉法 第24条第2項, 現況報告書).

One sheet per corporation; every corporation at once is one book with a sheet each, written
sheet by sheet (openpyxl write-only, each sheet closed as soon as it is full), from three
reads: the year's projects, the year's attendance, the corporations (iterated in chunks).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from contributions.selectors import projects_of_year
from core.exports import XlsxBook
from core.wareki import fiscal_year_bounds, format_fiscal_year
from corporations.models import Corporation
from meetings.selectors.annual import attendance_by_corporation

from .report import phase_labels, project_phase

CHUNK = 500
WIDTHS = [30, 12, 8, 16, 16, 20, 30, 50, 30, 14, 10, 10]


def header():
    return [
        _("事業名"), _("関わり"), _("区分"), _("開始日"), _("終了日"), _("対象者"), _("実施場所"), _("取組の内容"),
        _("協働した法人"), _("頻度"), _("実施状況"), _("公開状態"),
    ]


def _text(project) -> str:
    description = " ".join(strip_tags(project.description).split())
    return f"{project.summary}\n{description}".strip() if description else project.summary


def project_rows(corporation, projects, first, last):
    labels = phase_labels()
    for project in projects:
        own = project.owner_id == corporation.pk
        others = [p.name for p in project.partners.all() if p.pk != corporation.pk]
        if not own:
            others.insert(0, project.owner.name)
        place = "、".join(f.name for f in project.facilities.all())
        areas = "・".join(a.name for a in project.areas.all())
        yield [
            project.title, _("実施法人") if own else _("共同実施法人"),
            labels[project_phase(project, first, last)], project.period_start, project.period_end,
            "、".join(t.name for t in project.target_groups.all()),
            f"{place}（{areas}）" if place and areas else (place or areas),
            _text(project), "、".join(others), project.frequency, project.get_status_display(),
            project.get_publication_state_display(),
        ]


def meeting_rows(attended):
    yield []
    yield [_("連絡会への参加"), _("開催日"), _("会場"), _("出席者")]
    if not attended:
        yield [_("（この年度に出席した連絡会はありません）")]
    for meeting, names in attended:
        yield [
            f"{meeting.series.title} {meeting.short_title}", timezone.localdate(meeting.starts_at),
            meeting.venue, "、".join(name or _("（氏名未記入）") for name in names),
        ]


def _write(book: XlsxBook, corporation, fiscal_year, projects, attended):
    first, last = fiscal_year_bounds(fiscal_year)
    caption = _("%(name)s　%(year)s　地域における公益的な取組") % {
        "name": corporation.name, "year": format_fiscal_year(fiscal_year),
    }
    sheet = book.sheet(corporation.name, header(), caption=caption, widths=WIDTHS)
    sheet.extend(project_rows(corporation, projects, first, last))
    sheet.extend(meeting_rows(attended))
    # Done with this sheet: its temporary file is closed now, not when the book is saved, so a
    # book of thousands of corporations never holds thousands of open files.
    sheet.worksheet.close()


def corporation_book(fiscal_year: int, corporations) -> XlsxBook:
    """The sheets of the given corporations (a member's own: one) — 2 queries + 5 prefetches each."""
    book = XlsxBook()
    for corporation in corporations:
        projects = list(projects_of_year(fiscal_year, published_only=False, corporation=corporation))
        attended = attendance_by_corporation(fiscal_year, [corporation.pk]).get(corporation.pk, [])
        _write(book, corporation, fiscal_year, projects, attended)
    return book


def all_corporations_book(fiscal_year: int) -> XlsxBook:
    """Every active corporation's sheet (and any inactive one with something in the year), in 五十音
    order: the year's projects and attendance read once, the corporations in chunks."""
    projects = list(projects_of_year(fiscal_year, published_only=False))
    by_corporation: dict = {}
    for project in projects:
        by_corporation.setdefault(project.owner_id, []).append(project)
        for partner in project.partners.all():
            if partner.pk != project.owner_id:
                by_corporation.setdefault(partner.pk, []).append(project)
    attendance = attendance_by_corporation(fiscal_year)
    with_data = set(by_corporation) | set(attendance)
    book = XlsxBook()
    corporations = Corporation.objects.filter(Q(is_active=True) | Q(pk__in=list(with_data))).order_by(
        "name_kana", "name", "pk"
    )
    for corporation in corporations.iterator(chunk_size=CHUNK):
        projects_of_corporation = by_corporation.get(corporation.pk, [])
        _write(book, corporation, fiscal_year, projects_of_corporation, attendance.get(corporation.pk, []))
    return book
