"""Passing a form's changes to a service, and applying them there.

A bound ModelForm copies its cleaned values onto its instance during is_valid(), so a
service cannot find what changed by comparing the instance with the values: views pass
only the form's changed_data, and services set exactly those fields and save them.
"""


def changed_fields(form) -> dict:
    """The cleaned values of the fields the user changed."""
    return {name: form.cleaned_data[name] for name in form.changed_data}


def apply_fields(instance, fields: dict) -> list[str]:
    """Set the given fields on the instance; returns their names for save(update_fields=…)."""
    for name, value in fields.items():
        setattr(instance, name, value)
    return list(fields)
