"""Meetings and series scoped to what a user may see, and the fiscal years that have them."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .. import policies
from ..models import Invitation, Meeting, MeetingSeries
from .counts import with_attendance_counts


def meetings_queryset():
    return Meeting.objects.select_related("series")


def get_meeting_for_user(user, pk) -> Meeting:
    """Any meeting, for staff and members (the views' decorators keep others out)."""
    if not policies.can_view_meetings(user):
        raise PermissionDenied
    return get_object_or_404(meetings_queryset(), pk=pk)


def get_series_for_user(user, pk) -> MeetingSeries:
    if not policies.can_manage_meetings(user):
        raise PermissionDenied
    return get_object_or_404(MeetingSeries, pk=pk)


def get_attachment_for_user(meeting: Meeting, pk):
    """Material of this meeting only: another meeting's attachment answers 404."""
    return get_object_or_404(meeting.attachments.all(), pk=pk)


def meetings_by_fiscal_year(fiscal_year: int | None):
    """The list page: meetings of a fiscal year with their answer counts and, for those held,
    the corporations that came over those invited and the guests (counts.py) (1 query)."""
    queryset = with_attendance_counts(meetings_queryset()).annotate(
        invited_count=Count("invitations", distinct=True),
        attend_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ATTEND), distinct=True),
    )
    if fiscal_year:
        queryset = queryset.filter(series__fiscal_year=fiscal_year)
    return queryset.order_by("starts_at", "number")


def fiscal_years() -> list[int]:
    return sorted(set(MeetingSeries.objects.values_list("fiscal_year", flat=True)), reverse=True)


def latest_fiscal_year_held() -> int | None:
    """The newest fiscal year with a meeting held: where participation has something to show."""
    return (
        MeetingSeries.objects.filter(meetings__status=Meeting.Status.HELD)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


def programme(meeting: Meeting) -> list:
    """A meeting's programme items with who reports (1 query)."""
    return list(meeting.program_items.select_related("corporation", "facility"))


def meeting_detail(meeting: Meeting):
    """Programme and material of a meeting (2 queries). The material as its page lists it (name and
    size; not who uploaded it), in the model's order without joining the meeting to order by it."""
    attachments = list(meeting.attachments.order_by("uploaded_at", "pk").only("meeting_id", "original_name", "size"))
    return programme(meeting), attachments


def next_meeting(now):
    return (
        meetings_queryset()
        .filter(starts_at__gte=now, status=Meeting.Status.PLANNED)
        .annotate(
            invited_count=Count("invitations", distinct=True),
            attend_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ATTEND), distinct=True),
            absent_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ABSENT), distinct=True),
            undecided_count=Count(
                "invitations", filter=Q(invitations__answer=Invitation.Answer.UNDECIDED), distinct=True
            ),
            pending_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.PENDING), distinct=True),
        )
        .order_by("starts_at")
        .first()
    )
