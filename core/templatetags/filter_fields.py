"""`{% filter_widget field %}`: a list filter's field with Bootstrap's classes, without crispy-forms.

The filter forms of the lists are a few text boxes and selects; crispy rendered each through
half a dozen templates, a quarter of a list page's time. The classes stay those crispy gave
("textinput form-control", "select form-select", "is-invalid" with errors); Django itself
adds aria-invalid and aria-describedby (the field's help and errors) to the widget.

A select is written here from the widget's own context (its options, which one is chosen)
rather than through Django's widget templates, which include a template per option and an
attributes template per option again: the same markup, a few milliseconds less a page.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def filter_widget(field):
    widget = field.field.widget
    kind = widget.__class__.__name__.lower()
    classes = widget.attrs.get("class", "").split()
    extra = [kind, "form-select" if isinstance(widget, forms.Select) else "form-control"]
    if field.errors:
        extra.append("is-invalid")
    classes += [name for name in extra if name not in classes]
    attrs = {"class": " ".join(classes)}
    if type(widget) is not forms.Select:
        return field.as_widget(attrs=attrs)
    # What BoundField.as_widget gives the widget (required, aria-*, id), then Select's own context.
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return _select(widget.get_context(field.html_name, field.value(), attrs)["widget"])


def _attributes(attrs: dict) -> SafeString:
    """As django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items() if value is not False
    ))


def _options(options) -> SafeString:
    return format_html_join(
        "", '\n  <option value="{}"{}>{}</option>',
        ((option["value"], _attributes(option["attrs"]), option["label"]) for option in options),
    )


def _select(widget: dict) -> SafeString:
    """As django/forms/widgets/select.html (optgroups included)."""
    groups = [
        format_html('\n  <optgroup label="{}">{}\n  </optgroup>', name, _options(options)) if name
        else _options(options)
        for name, options, _index in widget["optgroups"]
    ]
    return format_html(
        '<select name="{}"{}>{}\n</select>', widget["name"], _attributes(widget["attrs"]), mark_safe("".join(groups))
    )
