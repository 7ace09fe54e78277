"""The fiscal year's report as .xlsx (a sheet per section) and as .docx (for the council's own
事業報告). Both print the same figures as the page, from the same YearReport."""

import functools

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import XlsxBook
from core.wareki import format_wareki

# The rows of each section, shared by the book and the document -------------------------


def table_key(name: str, for_document: bool = False) -> str:
    return f"{name}:document" if for_document else name


def stored(func):
    """A table that a closed year (annual/closing.py) reads from its snapshot instead of building it:
    a report with `tables` is a closed year's StoredReport."""
    func.stored_table = True

    @functools.wraps(func)
    def table(report, *, for_document=False):
        tables = getattr(report, "tables", None)
        if tables is not None:
            return tables[table_key(func.__name__, for_document)]
        return func(report, for_document=True) if for_document else func(report)

    return table


def meeting_header():
    return [_("回"), _("開催日"), _("会場"), _("次第"), _("案内した法人"), _("出席法人"), _("出席率（%）"),
            _("出席者数"), _("来賓など（法人外）")]


@stored
def meeting_rows(report, *, for_document=False):
    for m in report.meetings:
        day = timezone.localdate(m.meeting.starts_at)
        yield [
            str(m.meeting.short_title), format_wareki(day) if for_document else day, m.meeting.venue,
            "\n".join(m.programme), m.invited, m.attended, m.rate, m.people, m.guests,
        ]


def meeting_area_header():
    return [_("回"), _("地域"), _("案内した法人"), _("出席法人"), _("出席率（%）"), _("出席者数")]


@stored
def meeting_area_rows(report):
    for m in report.meetings:
        for count in m.areas:
            yield [str(m.meeting.short_title), count.area.name, count.invited, count.attended, count.rate,
                   count.people]


def area_participation_header():
    return [_("地域"), _("法人数"), _("延べ出席"), _("参加率（%）")]


@stored
def area_participation_rows(report):
    for row in report.participation.areas:
        yield [row.area.name, row.corporations, row.attendances, row.participation_rate]


@stored
def corporation_participation_header(report):
    marks = [str(m.short_title) for m in report.participation.meetings] if report.participation.show_marks else []
    return [_("法人"), _("地域"), *marks, _("出席回数"), _("参加率（%）")]


@stored
def corporation_participation_rows(report):
    show_marks = report.participation.show_marks
    for row in report.participation.rows:
        marks = [_mark(mark) for mark in row.marks] if show_marks else []
        yield [row.corporation.name, row.corporation.home_area.name, *marks, row.attended, row.participation_rate]


def _mark(mark) -> str:
    """○ came, × invited and absent, － not invited (participation() gives None)."""
    return "－" if mark is None else ("○" if mark else "×")


def outreach_header():
    return [_("法人"), _("地域"), _("区分")]


@stored
def outreach_rows(report):
    never = {row.corporation.pk for row in report.participation.never_came}
    for row in report.participation.never_came:
        yield [row.corporation.name, row.corporation.home_area.name, _("一度も参加なし")]
    for row in report.participation.outreach:
        if row.corporation.pk not in never:
            yield [row.corporation.name, row.corporation.home_area.name,
                   _("声かけ先（直近%(count)s回欠席）") % {"count": row.missed_in_a_row}]


def project_header():
    return [_("区分"), _("事業名"), _("実施法人"), _("共同実施法人"), _("ネットワークのパターン"), _("地域"),
            _("テーマ"), _("開始日"), _("終了日"), _("実施状況"), _("公開状態")]


@stored
def project_rows(report, *, for_document=False):
    for p in report.projects.projects:
        start = format_wareki(p.period_start) if for_document else p.period_start
        end = format_wareki(p.period_end) if for_document else p.period_end
        yield [p.phase_label, p.title, p.owner.name, p.partner_names, p.pattern_label, p.area_names, p.theme_names,
               start, end, p.status_label, p.state_label]


@stored
def crosstab_header(report):
    return [_("ネットワークのパターン"), *[area.name for area in report.projects.crosstab.areas], _("事業数")]


@stored
def crosstab_rows(report):
    crosstab = report.projects.crosstab
    for pattern, counts, total in crosstab.rows:
        yield [str(pattern), *counts, total]
    yield [_("合計（地域別は延べ数）"), *crosstab.column_totals, crosstab.total]


@stored
def theme_rows(report):
    yield from ([name, count] for name, count in report.projects.themes)
    if report.projects.without_theme:
        yield [_("テーマなし"), report.projects.without_theme]


def joint_header():
    return [_("事業名"), _("実施法人"), _("共同実施法人"), _("協働する法人数")]


@stored
def joint_rows(report):
    for p in report.projects.joint:
        yield [p.title, p.owner.name, p.partner_names, p.corporation_count]


def need_header():
    return [_("区分"), _("地域・テーマ"), _("受付"), _("対応した法人あり"), _("未完了")]


@stored
def need_rows(report):
    needs = report.needs
    yield [_("合計"), "", needs.received, needs.answered, needs.open]
    for tally in needs.by_area:
        yield [_("地域"), tally.label, tally.received, tally.answered, tally.open]
    for tally in needs.by_theme:
        yield [_("テーマ"), tally.label, tally.received, tally.answered, tally.open]


@stored
def taker_rows(report):
    for corporation, count in report.needs.corporations:
        yield [corporation.name, count]


def review_header():
    return [_("ネットワークのパターン"), _("振り返りの件数"), _("振り返った事業"), _("期限切れ")]


@stored
def review_rows(report):
    for row in report.reviews.rows:
        yield [str(row.pattern), row.reviews, row.projects, row.overdue]
    yield [_("合計"), report.reviews.total_reviews, report.reviews.total_projects, len(report.reviews.overdue)]


def overdue_header():
    return [_("事業名"), _("実施法人"), _("ネットワークのパターン"), _("最終振り返り日"), _("次回振り返り予定日")]


@stored
def overdue_rows(report, *, for_document=False):
    for p in report.reviews.overdue:
        last = format_wareki(p.last_reviewed_on) if for_document else p.last_reviewed_on
        due = format_wareki(p.next_review_on) if for_document else p.next_review_on
        yield [p.title, p.owner.name, str(p.pattern), last, due or _("未実施")]


@stored
def narrative_rows(report):
    yield [_("総括"), report.narrative.summary]
    yield [_("次年度の課題"), report.narrative.next_issues]


# .xlsx -------------------------------------------------------------------------------------


def report_workbook(report) -> XlsxBook:
    book = XlsxBook()
    year = report.label
    council = settings.PORTAL_COUNCIL_NAME

    def caption(what):
        return _("%(council)s　%(year)s事業報告　%(what)s") % {"council": council, "year": year, "what": what}

    sheets = [
        (_("連絡会"), meeting_header(), meeting_rows(report), [8, 16, 30, 50, 10, 10, 10, 10, 12]),
        (_("連絡会（地域別）"), meeting_area_header(), meeting_area_rows(report), [8, 14, 12, 12, 12, 12]),
        (_("参加状況（地域別）"), area_participation_header(), area_participation_rows(report), [14, 10, 10, 12]),
        (_("参加状況（法人別）"), corporation_participation_header(report), corporation_participation_rows(report),
         [36, 12]),
        (_("未参加・声かけ先"), outreach_header(), outreach_rows(report), [36, 12, 26]),
        (_("事業"), project_header(), project_rows(report), [8, 30, 26, 26, 22, 14, 20, 16, 16, 10, 10]),
        (_("パターン×地域"), crosstab_header(report), crosstab_rows(report), [26]),
        (_("テーマ別"), [_("テーマ"), _("事業数")], theme_rows(report), [26, 10]),
        (_("共同実施"), joint_header(), joint_rows(report), [30, 26, 40, 14]),
        (_("ニーズ"), need_header(), need_rows(report), [10, 20, 10, 16, 10]),
        (_("ニーズを引き受けた法人"), [_("法人"), _("引き受けたニーズ")], taker_rows(report), [36, 16]),
        (_("振り返り（PDCA）"), review_header(), review_rows(report), [26, 14, 14, 10]),
        (_("振り返りの期限切れ"), overdue_header(), overdue_rows(report), [30, 26, 22, 16, 18]),
        (_("総括・次年度の課題"), [_("項目"), _("内容")], narrative_rows(report), [16, 90]),
    ]
    for title, header, rows, widths in sheets:
        book.add_sheet(title, header, rows, caption=caption(title), widths=widths)
    return book


# .docx (annual/exports_docx.py) ------------------------------------------------------------


def report_document_response(report, filename: str, *, ascii_name: str):
    from .exports_docx import report_document_response as respond

    return respond(report, filename, ascii_name=ascii_name)
