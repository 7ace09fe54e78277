"""How many came to meetings, per meeting: corporations attended, corporations invited,
guests; for the list of meetings and a meeting's page. What "invited" and "attended" mean is
written once, in records.py (invited(), attended()), which the participation matrix and the
fiscal year's report count from too.

- A corporation attended a meeting when at least one of its people is ticked present
  (Attendee.present, the clerk's tick on the day; an answer of 出席 is not attendance).
- Guests (Guest: people of no corporation) are counted apart and never as corporations.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import Guest, Meeting
from .records import attended, invited, present_guests

COUNTS = (
    "attended_corporations", "invited_corporations", "uninvited_corporations", "corporations_total",
    "guests_present", "guests_invited",
)


def _count(queryset, expression):
    """A correlated count per meeting (0 when none): one subquery, no join that multiplies rows."""
    counted = queryset.order_by().values("meeting").annotate(n=expression).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_attendance_counts(meetings):
    """Annotate meetings with what was recorded on the day, for lists and the fiscal year's report:

    - attended_corporations: corporations with at least one person ticked present;
    - corporations_total: corporations invited, plus walk-in corporations that were not
      invited (so attended never exceeds the total; the same as area_report's figures);
    - invited_corporations: corporations invited;
    - guests_present / guests_invited: guests (no corporation) ticked present / added before
      the day (not walk-ins). Guests are never counted among the corporations.
    One query for any number of meetings (correlated subqueries)."""
    meeting = OuterRef("pk")
    present = attended(meeting=meeting)
    uninvited = present.exclude(corporation__in=invited(meeting=OuterRef(OuterRef("pk"))).values("corporation_id"))
    return meetings.annotate(
        attended_corporations=_count(present, Count("corporation", distinct=True)),
        invited_corporations=_count(invited(meeting=meeting), Count("pk")),
        uninvited_corporations=_count(uninvited, Count("corporation", distinct=True)),
        guests_present=_count(present_guests(meeting=meeting), Count("pk")),
        guests_invited=_count(Guest.objects.filter(meeting=meeting, walk_in=False), Count("pk")),
    ).annotate(corporations_total=F("invited_corporations") + F("uninvited_corporations"))


def attendance_counts(meeting: Meeting) -> dict:
    """One meeting's counts as with_attendance_counts gives them (1 query), with corporations_total."""
    return with_attendance_counts(Meeting.objects.filter(pk=meeting.pk)).values(*COUNTS).get()
