"""The records participation is counted from, in SQL: for a set of held meetings, one row
per (corporation, meeting) the corporation was invited to or present at, with whether
someone came. Guests (no corporation) are left out. Shared by the matrix, its totals and
rates, and their exports (participation.py), and the outreach list (outreach.py).
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, QuerySet, Value

from corporations.models import Area, Corporation

from ..models import Attendee, Invitation, Meeting


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def records_sql(meetings: list[Meeting]) -> tuple[str, list]:
    """The derived table of the year's records: (corporation_id, meeting_id, came) for each
    corporation invited to or present at one of `meetings`, came = 1 if someone was there."""
    ids = [m.pk for m in meetings]
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT corporation_id, meeting_id, MAX(came) AS came FROM ("
        f" SELECT corporation_id, meeting_id, 0 AS came FROM {table(Invitation)}"
        f" WHERE meeting_id IN ({marks}) AND corporation_id IS NOT NULL"
        " UNION ALL"
        f" SELECT corporation_id, meeting_id, 1 AS came FROM {table(Attendee)}"
        f" WHERE meeting_id IN ({marks}) AND present = %s AND corporation_id IS NOT NULL"
        ") recorded GROUP BY corporation_id, meeting_id"
    )
    return sql, [*ids, *ids, True]


def of_area(area: Area | None) -> tuple[str, list]:
    """The join to the corporations, and the area filter if one is chosen."""
    join = f" JOIN {table(Corporation)} c ON c.id = r.corporation_id"
    return (join + " WHERE c.home_area_id = %s", [area.pk]) if area is not None else (join, [])


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _invitations(meeting_ids) -> QuerySet:
    # An invitation of a guest (no corporation), should guests be invited, is no corporation's.
    return Invitation.objects.filter(meeting_id__in=meeting_ids, corporation__isnull=False)


def _present(meeting_ids) -> QuerySet:
    # Guests (attendees with no corporation) are no corporation's participation.
    return Attendee.objects.filter(meeting_id__in=meeting_ids, present=True, corporation__isnull=False)


def marks_of(corporation_ids: Iterable[int], meetings: list[Meeting]) -> dict[tuple[int, int], bool]:
    """(corporation, meeting) → True if someone came, False if invited and nobody came (1 query).
    Pairs missing from the answer were not invited."""
    corporation_ids, meeting_ids = list(corporation_ids), [m.pk for m in meetings]
    if not corporation_ids or not meeting_ids:
        return {}
    invited = _invitations(meeting_ids).filter(corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(False, output_field=BooleanField()))
    came = _present(meeting_ids).filter(corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(True, output_field=BooleanField()))
    marks: dict[tuple[int, int], bool] = {}
    for corporation_id, meeting_id, present in invited.union(came):
        marks[corporation_id, meeting_id] = marks.get((corporation_id, meeting_id), False) or bool(present)
    return marks
