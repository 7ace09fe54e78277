"""Form fields that normalise what people type before any length check."""

from django import forms

from .normalize import normalize_address, normalize_phone, normalize_postal_code


class NormalizedCharField(forms.CharField):
    """A CharField that normalises first and checks second.

    Offices type '〒１７６－０００１' (9 characters) for '176-0001' (8, the stored form): the
    length limit applies to the normalised value, and the input carries no `maxlength`
    attribute, which would cut what was typed before it could be normalised.
    """

    def normalize(self, value: str) -> str:
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.normalize(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class PostalCodeField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_postal_code(value)


class PhoneField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_phone(value)


class AddressField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_address(value)
