"""A meeting's minutes as a Word document (.docx, python-docx): what clerks file and send on.

Headings for the meeting and each part, the decisions and follow-ups as tables with header
rows, dates in 和暦, A4 with the margins offices use. Built from the same context as the
printed page (selectors.minutes_context), so the two never say different things.
"""

import io
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from core.exports import ascii_filename
from core.wareki import format_wareki

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return table


def _lines(document, text: str) -> None:
    for line in text.splitlines() or [""]:
        document.add_paragraph(line)


def minutes_document(meeting, context: dict) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = "MS Mincho"

    local_start, local_end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    document.add_paragraph(settings.PORTAL_COUNCIL_NAME)
    document.add_heading(_("議事録：%(meeting)s") % {"meeting": meeting}, level=0)
    when = f"{format_wareki(local_start, weekday=True)} {local_start:%H:%M}〜{local_end:%H:%M}"
    document.add_paragraph(f"{_('日時')}: {when}")
    if meeting.venue:
        document.add_paragraph(f"{_('会場')}: {meeting.venue}")
    minutes = context["minutes"]
    if minutes and minutes.recorder:
        document.add_paragraph(f"{_('記録者')}: {minutes.recorder}")

    report = context["report"]
    document.add_heading(_("出席"), level=1)
    document.add_paragraph(
        _("出席 %(attended)s法人 / %(total)s法人（%(people)s人）")
        % {"attended": report.attended_count, "total": report.total_count, "people": report.attendee_count}
    )

    document.add_heading(_("次第"), level=1)
    for number, line in enumerate(context["items"], start=1):
        who = "・".join(line.who)
        text = f"{number}. {line.item.get_kind_display()}　{line.item.title}" + (f"（{who}）" if who else "")
        document.add_paragraph(text)
        if line.item.notes:
            _lines(document, line.item.notes)

    document.add_heading(_("議事の経過"), level=1)
    _lines(document, minutes.proceedings if minutes and minutes.proceedings else _("（記録なし）"))

    document.add_heading(_("決定事項"), level=1)
    decisions = context["decisions"]
    if decisions:
        _table(document, [_("番号"), _("決定事項")], [[str(n), d.text] for n, d in enumerate(decisions, start=1)])
    else:
        document.add_paragraph(_("（なし）"))

    document.add_heading(_("次回までの宿題"), level=1)
    follow_ups = context["follow_ups"]
    if follow_ups:
        _table(
            document, [_("番号"), _("内容"), _("担当"), _("期限"), _("完了")],
            [[str(n), f.task, f.owner, format_wareki(f.due_on), _("済") if f.done else ""]
             for n, f in enumerate(follow_ups, start=1)],
        )
    else:
        document.add_paragraph(_("（なし）"))

    document.add_heading(_("地域別情報交換"), level=1)
    for area, group, people in context["groups"]:
        document.add_heading(_("%(area)sグループ（%(count)s人）") % {"area": area.name, "count": len(people)}, level=2)
        if group is None:
            document.add_paragraph(_("記録はまだありません。"))
            continue
        document.add_paragraph(
            f"{_('進行役')}: {group.facilitator or '—'}　{_('記録係')}: {group.recorder or '—'}"
        )
        if group.notes:
            _lines(document, group.notes)
        if group.report_back:
            document.add_paragraph(f"{_('全体会への報告')}: {group.report_back}")

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def minutes_docx_response(meeting, context: dict) -> HttpResponse:
    response = HttpResponse(minutes_document(meeting, context), content_type=DOCX_TYPE)
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    filename = _("議事録_%(meeting)s.docx") % {"meeting": meeting}
    # Minutes name the people present: never kept in a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_filename(f'minutes-{day}', 'docx')}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
