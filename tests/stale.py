"""Two screens of one record: turn what a screen shows into the POST its browser would send.

Used by the tests of refused saves from outdated screens (core/concurrency.py).
"""

import datetime
import threading

from django import forms
from django.db import connection
from django.utils import timezone

from core.concurrency import STALE_MESSAGE, StaleEdit


def _posted(value):
    if isinstance(value, datetime.datetime):
        local = value if timezone.is_naive(value) else timezone.localtime(value)  # a form shows local time
        return local.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def form_post(form, **changes) -> dict:
    """The form as its screen shows it, with `changes` typed over it (the prefix is added)."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [_posted(v) for v in value]
        elif value is not None:
            data[key] = _posted(value)
    data.update({form.add_prefix(name): value for name, value in changes.items()})
    return data


def assert_refused(response, label: str) -> list:
    """The refusal: 409, the Japanese message, and a change table naming `label`."""
    assert response.status_code == 409
    assert str(STALE_MESSAGE) in response.content.decode()
    changes = response.context["stale_changes"]
    assert label in {change.label for change in changes}, changes
    return changes


def race(save, values) -> list[tuple[str, object]]:
    """Run save(value) for each value at the same moment, each in its own thread and database connection:
    ("saved" or "refused" (StaleEdit), value) for each, in the order they finished."""
    barrier = threading.Barrier(len(values))
    outcomes = []

    def run(value):
        try:
            barrier.wait()
            save(value)
            outcomes.append(("saved", value))
        except StaleEdit:
            outcomes.append(("refused", value))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
