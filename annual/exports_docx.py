"""The fiscal year's report as .docx, for the council's own 事業報告: the same sections and
figures as the page and the .xlsx (the rows come from annual/exports.py).

python-docx builds the document's frame: headings, paragraphs, the charts' pictures, each table
with its header row. The tables' body rows grow with the register (the 法人別 participation list
has a row per corporation: 21,000 at 100×; the project list one per project): held as
python-docx objects they took the worker to 219 MB. Each table is therefore saved with one
marker row, and the saved package is copied into the answer's file with every marker replaced
by its rows' XML, written a few hundred rows at a time as they are generated (write_rows)."""

import io
import re
import tempfile
import zipfile
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.wareki import format_wareki

from .exports import (
    area_participation_header,
    area_participation_rows,
    corporation_participation_header,
    corporation_participation_rows,
    crosstab_header,
    crosstab_rows,
    joint_header,
    joint_rows,
    meeting_area_header,
    meeting_area_rows,
    meeting_header,
    meeting_rows,
    need_header,
    need_rows,
    outreach_header,
    outreach_rows,
    overdue_header,
    overdue_rows,
    project_header,
    project_rows,
    review_header,
    review_rows,
    taker_rows,
    theme_rows,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_PART = "word/document.xml"
MARKER = "portal-table-rows-{}"
MARKER_RE = re.compile(r"portal-table-rows-(\d+)")
ROWS_PER_WRITE = 500


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


def _body_rows(width: int, rows):
    """The XML of a table's body rows, one string a row (the row's first `width` cells)."""
    empty = True
    for values in rows:
        empty = False
        values = list(values)[:width]
        values += [""] * (width - len(values))
        yield "<w:tr>" + "".join(_cell_xml(value) for value in values) + "</w:tr>"
    if empty:
        yield "<w:tr>" + _cell_xml(_("（該当なし）")) + _cell_xml("") * (width - 1) + "</w:tr>"


class Tables:
    """The document's tables: python-docx draws each with its header row (repeated on each page)
    and one marker row; the body rows wait here, unread, until write_rows puts them in its place."""

    def __init__(self, document):
        self.document = document
        self.bodies: list = []

    def add(self, header, rows):
        from docx.oxml import OxmlElement

        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, header, strict=True):
            cell.text = str(label)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        _repeat_header(table.rows[0])
        marker = OxmlElement("w:tr")
        tc, paragraph, run, text = (OxmlElement(tag) for tag in ("w:tc", "w:p", "w:r", "w:t"))
        text.text = MARKER.format(len(self.bodies))
        run.append(text)
        paragraph.append(run)
        tc.append(paragraph)
        marker.append(tc)
        table._tbl.append(marker)
        self.bodies.append(_body_rows(len(header), rows))
        return table

    def write_rows(self, saved, target) -> None:
        """Copy the saved package `saved` into `target` with each marker row replaced by its table's rows."""
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
            for info in source.infolist():
                if info.filename != DOCUMENT_PART:
                    package.writestr(info, source.read(info.filename))
                    continue
                xml = source.read(info.filename).decode("utf-8")
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with package.open(entry, "w") as out:
                    done = 0
                    for found in MARKER_RE.finditer(xml):
                        # The marker row holds a cell, a paragraph, a run and the text only: the
                        # nearest "<w:tr" before the text opens it.
                        start = xml.rindex("<w:tr", done, found.start())
                        end = xml.index("</w:tr>", found.end()) + len("</w:tr>")
                        out.write(xml[done:start].encode("utf-8"))
                        chunk = []
                        for row in self.bodies[int(found.group(1))]:
                            chunk.append(row)
                            if len(chunk) == ROWS_PER_WRITE:
                                out.write("".join(chunk).encode("utf-8"))
                                chunk = []
                        out.write("".join(chunk).encode("utf-8"))
                        done = end
                    out.write(xml[done:].encode("utf-8"))


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

    tables = Tables(document)

    def chapter(text):
        document.add_page_break()
        document.add_heading(text, level=1)

    chapter(_("1. 連絡会"))
    tables.add(meeting_header(), meeting_rows(report, for_document=True))
    document.add_heading(_("地域別"), level=2)
    tables.add(meeting_area_header(), meeting_area_rows(report))
    _chart(document, report.charts["attendance"], 1)

    chapter(_("2. 参加状況"))
    tables.add(area_participation_header(), area_participation_rows(report))
    document.add_heading(_("法人別"), level=2)
    tables.add(corporation_participation_header(report), corporation_participation_rows(report))
    document.add_heading(_("未参加・声かけ先"), level=2)
    tables.add(outreach_header(), outreach_rows(report))

    chapter(_("3. 社会貢献事業"))
    projects = report.projects
    document.add_paragraph("　".join(f"{label}: {count}" for label, count in projects.phases) + (
        "　" + (_("（公開中の事業のみ）") if projects.published_only else _("（すべての公開状態）"))
    ))
    document.add_heading(_("パターン × 地域"), level=2)
    tables.add(crosstab_header(report), crosstab_rows(report))
    _chart(document, report.charts["patterns"], 2)
    document.add_heading(_("テーマ別"), level=2)
    tables.add([_("テーマ"), _("事業数")], theme_rows(report))
    document.add_heading(_("共同実施"), level=2)
    tables.add(joint_header(), joint_rows(report))
    document.add_heading(_("事業一覧"), level=2)
    tables.add(project_header(), project_rows(report, for_document=True))

    chapter(_("4. 地域ニーズ"))
    tables.add(need_header(), need_rows(report))
    document.add_heading(_("ニーズを引き受けた法人"), level=2)
    tables.add([_("法人"), _("引き受けたニーズ")], taker_rows(report))

    chapter(_("5. 振り返り（PDCA）"))
    tables.add(review_header(), review_rows(report))
    document.add_heading(_("振り返りの期限切れ"), level=2)
    tables.add(overdue_header(), overdue_rows(report, for_document=True))

    chapter(_("6. 総括・次年度の課題"))
    document.add_heading(_("総括"), level=2)
    for line in (report.narrative.summary or _("（未記入）")).splitlines() or [""]:
        document.add_paragraph(line)
    document.add_heading(_("次年度の課題"), level=2)
    for line in (report.narrative.next_issues or _("（未記入）")).splitlines() or [""]:
        document.add_paragraph(line)

    with tempfile.TemporaryFile() as saved:
        document.save(saved)
        saved.seek(0)
        file = tempfile.TemporaryFile()
        tables.write_rows(saved, file)
    file.seek(0)
    return file


def report_document_response(report, filename: str, *, ascii_name: str) -> FileResponse:
    response = FileResponse(report_document(report), content_type=DOCX_CONTENT_TYPE)
    # Like core.exports: no cache keeps a copy (attendance and names of corporations).
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response
