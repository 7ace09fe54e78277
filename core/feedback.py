"""What a page says after a write: the reasons a service refused it, or that it was done (Django messages)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def refusal(request, error: ValidationError) -> None:
    """Each reason the service gave for refusing, as an error message."""
    for message in error.messages:
        messages.error(request, message)


def attempt(request, write: Callable, success) -> bool:
    """Run `write` (one call of a service); say `success` (the message, or a function of what the service
    returned that gives it) when it was done, each reason when it was refused. True when it was done."""
    try:
        result = write()
    except ValidationError as error:
        refusal(request, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
