"""The fiscal year's report as .xlsx (a sheet per section) and as .docx (for the council's own
事業報告). Both print the same figures as the page, from the same YearReport."""

import io
import tempfile
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.exports import XlsxBook
from core.wareki import format_wareki

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# The rows of each section, shared by the book and the document -------------------------


def meeting_header():
    return [_("回"), _("開催日"), _("会場"), _("次第"), _("案内した法人"), _("出席法人"), _("出席率（%）"),
            _("出席者数"), _("来賓など（法人外）")]


def meeting_rows(report, *, for_document=False):
    for m in report.meetings:
        day = timezone.localdate(m.meeting.starts_at)
        yield [
            str(m.meeting.short_title), format_wareki(day) if for_document else day, m.meeting.venue,
            "\n".join(m.programme), m.invited, m.attended, m.rate, m.people, m.guests,
        ]


def meeting_area_header():
    return [_("回"), _("地域"), _("案内した法人"), _("出席法人"), _("出席率（%）"), _("出席者数")]


def meeting_area_rows(report):
    for m in report.meetings:
        for count in m.areas:
            yield [str(m.meeting.short_title), count.area.name, count.invited, count.attended, count.rate,
                   count.people]


def area_participation_header():
    return [_("地域"), _("法人数"), _("延べ出席"), _("参加率（%）")]


def area_participation_rows(report):
    for row in report.participation.areas:
        yield [row.area.name, row.corporations, row.attendances, row.participation_rate]


def corporation_participation_header(report):
    marks = [str(m.short_title) for m in report.participation.meetings] if report.participation.show_marks else []
    return [_("法人"), _("地域"), *marks, _("出席回数"), _("参加率（%）")]


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


def project_rows(report, *, for_document=False):
    for p in report.projects.projects:
        start = format_wareki(p.period_start) if for_document else p.period_start
        end = format_wareki(p.period_end) if for_document else p.period_end
        yield [p.phase_label, p.title, p.owner.name, p.partner_names, p.pattern_label, p.area_names, p.theme_names,
               start, end, p.status_label, p.state_label]


def crosstab_header(report):
    return [_("ネットワークのパターン"), *[area.name for area in report.projects.crosstab.areas], _("事業数")]


def crosstab_rows(report):
    crosstab = report.projects.crosstab
    for pattern, counts, total in crosstab.rows:
        yield [str(pattern), *counts, total]
    yield [_("合計（地域別は延べ数）"), *crosstab.column_totals, crosstab.total]


def theme_rows(report):
    yield from ([name, count] for name, count in report.projects.themes)
    if report.projects.without_theme:
        yield [_("テーマなし"), report.projects.without_theme]


def joint_header():
    return [_("事業名"), _("実施法人"), _("共同実施法人"), _("協働する法人数")]


def joint_rows(report):
    for p in report.projects.joint:
        yield [p.title, p.owner.name, p.partner_names, p.corporation_count]


def need_header():
    return [_("区分"), _("地域・テーマ"), _("受付"), _("対応した法人あり"), _("未完了")]


def need_rows(report):
    needs = report.needs
    yield [_("合計"), "", needs.received, needs.answered, needs.open]
    for tally in needs.by_area:
        yield [_("地域"), tally.label, tally.received, tally.answered, tally.open]
    for tally in needs.by_theme:
        yield [_("テーマ"), tally.label, tally.received, tally.answered, tally.open]


def taker_rows(report):
    for corporation, count in report.needs.corporations:
        yield [corporation.name, count]


def review_header():
    return [_("ネットワークのパターン"), _("振り返りの件数"), _("振り返った事業"), _("期限切れ")]


def review_rows(report):
    for row in report.reviews.rows:
        yield [str(row.pattern), row.reviews, row.projects, row.overdue]
    yield [_("合計"), report.reviews.total_reviews, report.reviews.total_projects, len(report.reviews.overdue)]


def overdue_header():
    return [_("事業名"), _("実施法人"), _("ネットワークのパターン"), _("最終振り返り日"), _("次回振り返り予定日")]


def overdue_rows(report, *, for_document=False):
    for p in report.reviews.overdue:
        last = format_wareki(p.last_reviewed_on) if for_document else p.last_reviewed_on
        due = format_wareki(p.next_review_on) if for_document else p.next_review_on
        yield [p.title, p.owner.name, str(p.pattern), last, due or _("未実施")]


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


# .docx -------------------------------------------------------------------------------------


def _page_number_field(paragraph):
    """A PAGE field (Word fills in the number on each page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell_xml(value) -> str:
    if isinstance(value, int | float):  # most cells of a big year: nothing to escape
        return f'<w:tc><w:p><w:r><w:t>{value}</w:t></w:r></w:p></w:tc>'
    # Control characters are not allowed in XML (a pasted title may hold one): dropped.
    lines = escape(ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))).split("\n")
    text = '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)
    return f'<w:tc><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'


def _table(document, header, rows):
    """A table with its header row repeated on each page. The body rows are written as one piece
    of XML (python-docx's add_row and cell.text take milliseconds per cell: minutes for a big year)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(label)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    width = len(header)
    body = []
    for values in rows:
        values = list(values)[:width]
        values += [""] * (width - len(values))
        body.append("<w:tr>" + "".join(_cell_xml(value) for value in values) + "</w:tr>")
    if not body:
        body.append("<w:tr>" + _cell_xml(_("（該当なし）")) + _cell_xml("") * (width - 1) + "</w:tr>")
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(body)}</w:tbl>")
    for row in list(fragment):
        table._tbl.append(row)
    return table


def _chart(document, chart, number: int):
    """The chart as a picture (annual/chart_images.py), its description as the picture's alt
    text (docPr descr), and a caption below it."""
    from docx.shared import Mm

    from .chart_images import chart_png

    inline = document.add_picture(io.BytesIO(chart_png(chart)), width=Mm(170))._inline
    inline.docPr.set("title", chart.title)
    inline.docPr.set("descr", chart.alt_text)
    caption = _("図%(number)s　%(title)s") % {"number": number, "title": chart.title}
    try:
        document.add_paragraph(caption, style="Caption")
    except KeyError:  # a template without the Caption style
        document.add_paragraph(caption)


def report_document(report):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(18)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Yu Mincho")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)

    council = settings.PORTAL_COUNCIL_NAME
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(council)
    run.font.size = Pt(18)
    heading = document.add_heading(_("%(year)s 事業報告") % {"year": report.label}, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph(_("社会福祉法人等の社会貢献事業ネットワーク"))
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    printed = document.add_paragraph(_("出力: %(date)s") % {"date": format_wareki(timezone.localdate())})
    printed.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def chapter(text):
        document.add_page_break()
        document.add_heading(text, level=1)

    chapter(_("1. 連絡会"))
    _table(document, meeting_header(), meeting_rows(report, for_document=True))
    document.add_heading(_("地域別"), level=2)
    _table(document, meeting_area_header(), meeting_area_rows(report))
    _chart(document, report.charts["attendance"], 1)

    chapter(_("2. 参加状況"))
    _table(document, area_participation_header(), area_participation_rows(report))
    document.add_heading(_("法人別"), level=2)
    _table(document, corporation_participation_header(report), corporation_participation_rows(report))
    document.add_heading(_("未参加・声かけ先"), level=2)
    _table(document, outreach_header(), outreach_rows(report))

    chapter(_("3. 社会貢献事業"))
    projects = report.projects
    document.add_paragraph("　".join(f"{label}: {count}" for label, count in projects.phases) + (
        "　" + (_("（公開中の事業のみ）") if projects.published_only else _("（すべての公開状態）"))
    ))
    document.add_heading(_("パターン × 地域"), level=2)
    _table(document, crosstab_header(report), crosstab_rows(report))
    _chart(document, report.charts["patterns"], 2)
    document.add_heading(_("テーマ別"), level=2)
    _table(document, [_("テーマ"), _("事業数")], theme_rows(report))
    document.add_heading(_("共同実施"), level=2)
    _table(document, joint_header(), joint_rows(report))
    document.add_heading(_("事業一覧"), level=2)
    _table(document, project_header(), project_rows(report, for_document=True))

    chapter(_("4. 地域ニーズ"))
    _table(document, need_header(), need_rows(report))
    document.add_heading(_("ニーズを引き受けた法人"), level=2)
    _table(document, [_("法人"), _("引き受けたニーズ")], taker_rows(report))

    chapter(_("5. 振り返り（PDCA）"))
    _table(document, review_header(), review_rows(report))
    document.add_heading(_("振り返りの期限切れ"), level=2)
    _table(document, overdue_header(), overdue_rows(report, for_document=True))

    chapter(_("6. 総括・次年度の課題"))
    document.add_heading(_("総括"), level=2)
    for line in (report.narrative.summary or _("（未記入）")).splitlines() or [""]:
        document.add_paragraph(line)
    document.add_heading(_("次年度の課題"), level=2)
    for line in (report.narrative.next_issues or _("（未記入）")).splitlines() or [""]:
        document.add_paragraph(line)

    file = tempfile.TemporaryFile()
    document.save(file)
    file.seek(0)
    return file


def report_document_response(report, filename: str, *, ascii_name: str) -> FileResponse:
    response = FileResponse(report_document(report), content_type=DOCX_CONTENT_TYPE)
    # Like core.exports: no cache keeps a copy (attendance and names of corporations).
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response
