"""`{% attendance_row form %}`: one person's row of the attendance screen (meetings/_attendance_form.html).

Written here rather than in a template: a screen has a row a person (63 corporations drew 88
rows), and the template drew each through some 60 lookups and five {% blocktranslate %}s, three
quarters of the page's time whenever its kept rows were not found (after every save). Plain
strings, every value escaped (`_e`), not format_html: Django's lazy-aware escaping was most of
what was left. The markup is what the template gave: every field labelled (visually hidden,
naming its row's corporation; the table's header cells name the columns), a row's errors next to
its field, aria-invalid and aria-describedby on the name. A walk-in row's corporation is its
widget's own (WalkInCorporationSelect).
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _e(value) -> str:
    """The value as HTML text or attribute value (None as empty)."""
    return "" if value is None else escape(str(value))


def _hidden(field) -> str:
    """As Django's HiddenInput: no value attribute for no value."""
    value = field.value()
    shown = "" if value is None or value == "" else f' value="{_e(value)}"'
    return f'<input type="hidden" name="{field.html_name}"{shown} id="{field.auto_id}">'


def _errors(field, html: str = '<div class="text-danger-emphasis small"{id}>{error}</div>', error_id: str = "") -> str:
    shown = f' id="{error_id}"' if error_id else ""
    return "".join(html.format(id=shown, error=_e(error)) for error in field.errors)


def _hidden_label(field, text: str) -> str:
    return f'<label class="visually-hidden" for="{field.id_for_label}">{_e(text)}</label>'


def _select(field, choices, attrs: str = "") -> str:
    chosen = _e(field.value())
    options = "".join(
        f'<option value="{value}"{" selected" if value == chosen else ""}>{_e(label)}</option>'
        for value, label in ((_e(value), label) for value, label in choices)
    )
    return f'<select name="{field.html_name}" id="{field.id_for_label}" class="form-select form-select-sm"{attrs}>' \
           f"{options}</select>"


def _corporation_cell(form, labels: dict) -> str:
    field = form["corporation"]
    cell = _hidden(form["attendee"]) + _hidden(form["version"])
    if form.is_fixed:
        cell += f'<input type="hidden" name="{field.html_name}" value="{_e(field.value())}">' \
                f'<span class="corporation-name">{_e(form.corporation_name)}</span>'
        if form.was_walk_in:
            cell += f' <span class="badge text-bg-info">{_e(labels["walk_in"])}</span>'
    else:
        cell += str(field)  # the widget's own markup, escaped by its templates
        if form.lookup_text and form.corporation_name and not field.errors:
            cell += f'<div class="small">{_e(form.corporation_name)}</div>'
    return cell + _errors(field, error_id=f"{field.id_for_label}_error")


def _text_cell(field, label: str) -> str:
    """A person's name or title: a labelled text box as long as its form field allows, its errors
    under it and named by it (aria-describedby)."""
    error_id = f"{field.id_for_label}_error"
    invalid, described = (" is-invalid", f' aria-invalid="true" aria-describedby="{error_id}"') if field.errors \
        else ("", "")
    return (
        _hidden_label(field, label)
        + f'<input type="text" class="form-control form-control-sm{invalid}" name="{field.html_name}" '
          f'id="{field.id_for_label}" value="{_e(field.value())}" maxlength="{field.field.max_length}"{described}>'
        + _errors(field, '<div class="invalid-feedback d-block text-danger-emphasis"{id}>{error}</div>', error_id)
    )


def _labels() -> dict:
    """The row's words, translated: once a screen (render_context), not once a row (some 500 lookups)."""
    return {
        "name": _("氏名（%(corporation)s）"), "title": _("役職（%(corporation)s）"),
        "facility": _("施設・事業所（%(corporation)s）"), "only_facility": _("施設・事業所（%(corporation)s）:"),
        "group": _("グループ（%(corporation)s）"), "present": _("出席（%(corporation)s）"), "present_short": _("出席"),
        "walk_in": _("当日参加"),
    }


def _name_cell(form, corporation: str, labels: dict) -> str:
    return _text_cell(form["name"], labels["name"] % {"corporation": corporation})


def _title_cell(form, corporation: str, labels: dict) -> str:
    return _text_cell(form["title"], labels["title"] % {"corporation": corporation})


def _facility_cell(form, corporation: str, labels: dict) -> str:
    field = form["facility"]
    control = form.facility_control
    if control == "select":
        cell = _hidden_label(field, labels["facility"] % {"corporation": corporation}) \
            + _select(field, form.facility_choices, " data-facility-select")
    elif control == "one":
        value, name = form.only_facility
        checked = " checked" if _e(value) == _e(field.value()) else ""
        label = labels["only_facility"] % {"corporation": corporation}
        cell = (
            f'<div class="form-check mb-0"><input type="checkbox" class="form-check-input" name="{field.html_name}" '
            f'id="{field.id_for_label}" value="{_e(value)}"{checked}><label class="form-check-label" '
            f'for="{field.id_for_label}"><span class="visually-hidden">{_e(label)} </span>{_e(name)}</label></div>'
        )
    else:
        cell = '<span class="text-body-secondary">―</span>'
    return cell + _errors(field)


def _group_cell(form, corporation: str, labels: dict) -> str:
    field = form["area"]
    choices = form.group_choices
    if choices is None:
        cell = f'<span class="group-name">{_e(form.group_name)}</span>'
    else:
        cell = _hidden_label(field, labels["group"] % {"corporation": corporation}) \
            + _select(field, choices)
    return cell + _errors(field)


def _present_cell(form, corporation: str, labels: dict) -> str:
    field = form["present"]
    checked = " checked" if field.value() else ""
    label = labels["present"] % {"corporation": corporation}
    return (
        f'<input type="checkbox" class="form-check-input" name="{field.html_name}" id="{field.id_for_label}"{checked}>'
        f'<label class="form-check-label" for="{field.id_for_label}"><span class="visually-hidden">{_e(label)}</span>'
        f'<span aria-hidden="true">{_e(labels["present_short"])}</span></label>'
    )


@register.simple_tag(takes_context=True)
def attendance_row(context, form) -> SafeString:
    """The row of one AttendanceRowForm (a fixed row, a walk-in row or the empty row of the template)."""
    labels = context.render_context.get(_labels)
    if labels is None:
        labels = context.render_context[_labels] = _labels()
    corporation = form.corporation_name
    danger = "table-danger" if form.errors else ""
    answered = ' data-answered="attend"' if form.answered_attend else ""
    return mark_safe(  # noqa: S308 - every value above is escaped (_e) or a widget's own markup
        f'<tr class="{danger}" data-testid="attendance-row"{answered}>'
        f"<td>{_corporation_cell(form, labels)}</td>"
        f'<td class="answer-col">{_e(form.answer_label)}</td>'
        f"<td>{_name_cell(form, corporation, labels)}</td>"
        f"<td>{_title_cell(form, corporation, labels)}</td>"
        f"<td>{_facility_cell(form, corporation, labels)}</td>"
        f"<td>{_group_cell(form, corporation, labels)}</td>"
        f"<td>{_present_cell(form, corporation, labels)}</td>"
        "</tr>"
    )


@register.simple_tag
def management_form(formset) -> SafeString:
    """A formset's management form. For a screen drawn unposted, its hidden fields written as a row's
    are (what Django's form template gives a form of hidden fields only, without drawing that
    template and a widget template for each); a posted one, whose management form may carry
    errors, as Django draws it."""
    form = formset.management_form
    if form.is_bound:
        return form.render()
    return mark_safe("".join(_hidden(field) for field in form))  # noqa: S308 - _hidden escapes each value
