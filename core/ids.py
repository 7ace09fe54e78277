"""Ids read from a request: GET parameters, posted choices and URL parts.

`str.isdigit()` says yes to ², ① and ７, which int() refuses (a 500), and a number past the
database's integer range makes SQLite raise OverflowError and PostgreSQL refuse the query.
Everything that turns request text into a row id goes through here: a value that is no id
is treated as no choice (a GET parameter), an invalid choice (a form field, with Django's
message) or no page (a URL, 404).
"""

import re

from django import forms
from django.core.exceptions import ValidationError

# BigAutoField's range, which is also SQLite's INTEGER.
MAX_ID = 2**63 - 1
_ASCII_ID = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """A positive id in the database's range, from ASCII digits only; otherwise None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ASCII_ID.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in a URL: ASCII digits that fit the database (18 digits stay below 2**63);
    anything longer matches no URL (404) instead of reaching the query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many choice that refuses a posted value that is no id (², ①, a huge number)
    with the field's message, before the database sees it: SQLite raised OverflowError on
    `pk__in` with a number past its range."""

    def _check_values(self, value):
        if self.to_field_name in (None, "pk", "id"):
            for item in value:
                if parse_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
        return super()._check_values(value)
