"""`{% filter_widget field %}`: a list filter's field with Bootstrap's classes, without crispy-forms.

The filter forms of the lists are a few text boxes and selects; crispy rendered each through
half a dozen templates, a quarter of a list page's time. The classes stay those crispy gave
("textinput form-control", "select form-select", "is-invalid" with errors); Django itself
adds aria-invalid and aria-describedby (the field's help and errors) to the widget.
"""

from django import forms, template

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
    return field.as_widget(attrs={"class": " ".join(classes)})
