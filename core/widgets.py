"""Choosing one or several rows from a list that grows with the register (SearchSelect).

A `<select>` over 6,000 corporations is 6,000 `<option>`s on every row of a screen. These
widgets render only the chosen value(s) and a short list of likely ones ("nearby": the
meeting's invited corporations, say), plus a search box that asks a JSON endpoint for more
(static/js/search_select.js). The form field stays a plain ModelChoiceField or
ModelMultipleChoiceField over the whole queryset, so validation is unchanged.

The endpoint answers `{"results": [{"id": 1, "text": "…"}]}` for `?q=…`.
"""

from django import forms

from core.ids import parse_id


class _SearchMixin:
    def __init__(self, attrs=None, *, search_url: str = "", nearby=()):
        super().__init__(attrs)
        self.search_url = search_url
        # (value, label) pairs offered before any search; no query needed for these.
        self.nearby = list(nearby)

    def _options_for(self, values) -> list[tuple[str, str]]:
        """The nearby choices, then any chosen value not among them (one query for those)."""
        shown = [(str(v), str(label)) for v, label in self.nearby]
        known = {v for v, _label in shown}
        missing = [v for v in values if v not in ("", None) and str(v) not in known]
        if missing:
            queryset = getattr(self.choices, "queryset", None)
            if queryset is not None:
                field = getattr(self.choices, "field", None)
                # A posted value that is no id (², ①, a huge number) is shown as no choice; the
                # field's own message says what was wrong (the database never sees it).
                ids = [pk for pk in map(parse_id, missing) if pk is not None]
                for obj in queryset.filter(pk__in=ids):
                    label = field.label_from_instance(obj) if field is not None else str(obj)
                    shown.append((str(obj.pk), label))
            else:
                labels = dict((str(v), str(label)) for v, label in self.choices)
                shown += [(str(v), labels[str(v)]) for v in missing if str(v) in labels]
        return shown

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        return context


class SearchSelect(_SearchMixin, forms.Select):
    """One choice: a search box above a short `<select>`."""

    template_name = "core/widgets/search_select.html"

    def optgroups(self, name, value, attrs=None):
        selected = {str(v) for v in value if v not in ("", None)}
        options = [("", "---------")] + self._options_for(value)
        return [
            (None, [self.create_option(name, v, label, v in selected, i, attrs=attrs)], i)
            for i, (v, label) in enumerate(options)
        ]


class SearchSelectMultiple(_SearchMixin, forms.SelectMultiple):
    """Several choices: the chosen ones as ticked boxes, a search box adds more boxes.

    The field's own label names the search box (it carries the widget's id); each box is
    labelled by its row's name. Unticking a box removes that choice.
    """

    template_name = "core/widgets/search_select_multiple.html"
    input_type = "checkbox"

    def optgroups(self, name, value, attrs=None):
        selected = {str(v) for v in value if v not in ("", None)}
        return [
            (None, [self.create_option(name, v, label, v in selected, i, attrs=attrs)], i)
            for i, (v, label) in enumerate(self._options_for(value))
        ]
