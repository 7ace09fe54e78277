"""The attendance screen's walk-in corporation: typed, matched on the server, searched with JavaScript."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.widgets import SearchSelect


class WalkInCorporationSelect(SearchSelect):
    """A walk-in row's corporation: a text box for its name, フリガナ or number, matched on the
    server when the form is posted (AttendanceRowForm.clean_corporation), and the chosen
    corporation's `<select>`. With JavaScript the text box searches as SearchSelect's does and
    the `<select>` offers what it finds (static/js/search_select.js, attendance.js); without it,
    the `<select>` stays hidden while nothing is chosen. No list is drawn in advance."""

    template_name = "meetings/attendance_walk_in_corporation.html"

    def __init__(self, attrs=None, *, text_name: str, text_value: str = "", **kwargs):
        super().__init__(attrs, **kwargs)
        self.text_name, self.text_value = text_name, text_value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget.update(text_name=self.text_name, text_value=self.text_value,
                      invalid=widget["attrs"].pop("aria-invalid", None) == "true")
        widget["attrs"]["data-walk-in-choices"] = ""
        if not any(v not in ("", None) for v in widget["value"]):
            widget["attrs"]["hidden"] = True
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The page's own template (templates/meetings/) around the form renderer's <select>.
        context = self.get_context(name, value, attrs)
        select = self._render(forms.Select.template_name, context, renderer)
        return mark_safe(render_to_string(self.template_name, {**context, "select": select}))
