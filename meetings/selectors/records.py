"""The records participation is counted from: the one place that says who was invited to a
meeting and who attended it. Read by the matrix, its totals and rates, and their exports
(participation.py), the outreach list (outreach.py), the list of meetings and a meeting's
counts (counts.py), and the fiscal year's report (annual.py).

- A corporation was INVITED to a meeting when it has an Invitation for it.
- A corporation ATTENDED a meeting when at least one of its people (Attendee) is ticked
  present: the clerk's tick on the day, not an answer of 出席.
- A corporation that came without an invitation (a walk-in) counts as invited and attended.
- Guests (meetings.Guest: people of no corporation) are counted apart, never here.

In SQL (participation.pairs_sql): for a set of held meetings, one row per (corporation,
meeting) the corporation was invited to or present at, with whether someone came.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, QuerySet, Value

from corporations.models import Area, Corporation

from ..models import Attendee, Guest, Invitation, Meeting


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def invited(**filters) -> QuerySet:
    """Invitations of corporations (filtered by meeting: meeting=…, meeting_id__in=…)."""
    return Invitation.objects.filter(corporation__isnull=False, **filters)


def attended(**filters) -> QuerySet:
    """Attendees ticked present that belong to a corporation (filtered by meeting)."""
    return Attendee.objects.filter(present=True, corporation__isnull=False, **filters)


def present_guests(**filters) -> QuerySet:
    """Guests (people of no corporation) ticked present: counted apart, never as corporations."""
    return Guest.objects.filter(present=True, **filters)


def of_area(area: Area | None) -> tuple[str, list]:
    """The join to the corporations, and the area filter if one is chosen."""
    join = f" JOIN {table(Corporation)} c ON c.id = r.corporation_id"
    return (join + " WHERE c.home_area_id = %s", [area.pk]) if area is not None else (join, [])


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def marks_of(corporation_ids: Iterable[int], meetings: list[Meeting]) -> dict[tuple[int, int], bool]:
    """(corporation, meeting) → True if someone came, False if invited and nobody came (1 query).
    Pairs missing from the answer were not invited."""
    corporation_ids, meeting_ids = list(corporation_ids), [m.pk for m in meetings]
    if not corporation_ids or not meeting_ids:
        return {}
    was_invited = invited(meeting_id__in=meeting_ids, corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(False, output_field=BooleanField()))
    came = attended(meeting_id__in=meeting_ids, corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(True, output_field=BooleanField()))
    marks: dict[tuple[int, int], bool] = {}
    for corporation_id, meeting_id, present in was_invited.union(came):
        marks[corporation_id, meeting_id] = marks.get((corporation_id, meeting_id), False) or bool(present)
    return marks
