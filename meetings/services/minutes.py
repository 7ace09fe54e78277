"""Writes of a meeting's minutes (議事録): the text, the decisions and the follow-ups, saved together.

The minutes page is one document: its save claims the minutes' version (core/concurrency.py)
whatever part of it changed, so a save from a page opened before another person's save is
refused as a whole, rows included.
"""

import datetime
from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.concurrency import StaleEdit
from core.saving import save_recorded, set_fields

from .. import policies
from ..models import Meeting, Minutes, MinutesDecision, MinutesFollowUp

# Rows are moved here first while renumbered, so that swapping two never meets the unique order.
_PARKING_ORDER = 30000


class MinutesChanges(TypedDict, total=False):
    proceedings: str
    recorder: str


class DecisionFields(TypedDict, total=False):
    text: str


class FollowUpFields(TypedDict, total=False):
    task: str
    owner: str
    due_on: datetime.date | None
    done: bool


def _save_rows(minutes: Minutes, model, rows: list, delete: list, *, acting_user) -> None:
    """Rows in the order given (numbered 1, 2, …): (existing row or None, its changed or new fields)."""
    for row in [*delete, *(row for row, _fields in rows if row is not None)]:
        if row.minutes_id != minutes.pk:
            raise PermissionDenied  # a row of another meeting's minutes, posted by hand
    for row in delete:
        row._history_user = acting_user
        row.delete()
    kept = [row for row, _fields in rows if row is not None]
    for offset, row in enumerate(kept):
        model.objects.filter(pk=row.pk).update(order=_PARKING_ORDER + offset)
    for number, (row, fields) in enumerate(rows, start=1):
        if row is None:
            row = model(minutes=minutes, order=number)
            set_fields(row, fields)
            save_recorded(row, acting_user=acting_user, validate_unique=False)
        else:
            changed = set_fields(row, fields)
            row.order = number
            save_recorded(row, acting_user=acting_user, update_fields=[*changed, "order"], validate_unique=False)


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, acting_user, expected_version: int | None, changes: MinutesChanges,
    decisions: list[tuple[MinutesDecision | None, DecisionFields]] = (),
    delete_decisions: list[MinutesDecision] = (),
    follow_ups: list[tuple[MinutesFollowUp | None, FollowUpFields]] = (),
    delete_follow_ups: list[MinutesFollowUp] = (),
) -> Minutes:
    """Create or update a meeting's minutes with its decisions and follow-ups.

    expected_version: the minutes' version the page showed (None when the page showed no minutes
    yet). StaleEdit(current=…) if another save came first (or created the minutes meanwhile);
    then nothing is saved. Rows are numbered in the order given.
    """
    if not policies.can_write_minutes(acting_user):
        raise PermissionDenied
    # Two first saves at once must not both create minutes: the meeting's row is the lock.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True).first()
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        if expected_version is not None:
            raise StaleEdit(current=None)
        minutes = Minutes(meeting=meeting)
        set_fields(minutes, changes)
        save_recorded(minutes, acting_user=acting_user)
    else:
        if expected_version is None:
            raise StaleEdit(current=minutes.version)  # created by someone else since the page was opened
        changed = set_fields(minutes, changes)
        # "updated_at" at least: a save of rows only still claims the page's version.
        save_recorded(
            minutes, acting_user=acting_user, update_fields=[*changed, "updated_at"], expected_version=expected_version
        )
    _save_rows(minutes, MinutesDecision, list(decisions), list(delete_decisions), acting_user=acting_user)
    _save_rows(minutes, MinutesFollowUp, list(follow_ups), list(delete_follow_ups), acting_user=acting_user)
    return minutes

