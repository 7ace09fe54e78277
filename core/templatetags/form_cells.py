"""A formset's field in a table cell, its help and its errors tied to it for screen readers.

Django points a field with help text at "<id>_helptext" (aria-describedby) whether or not the
page shows that text; in a table of rows the help is shown once, under the first row's field,
and every row's field is described by that one text.
"""

from django import template

register = template.Library()


@register.simple_tag
def help_id(field) -> str:
    """The id of the column's help text: one for every row of the formset."""
    prefix = field.form.prefix or ""
    formset_prefix = prefix.rsplit("-", 1)[0] if "-" in prefix else prefix
    return f"id_{formset_prefix}-{field.name}_help" if formset_prefix else f"{field.auto_id}_helptext"


@register.simple_tag
def described_widget(field):
    """The field's widget, aria-describedby naming the column's help text and its errors."""
    ids = []
    if field.help_text:
        ids.append(help_id(field))
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)
