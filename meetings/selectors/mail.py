"""Reads of a meeting's mail: the mail log, and the invited corporations no mail reached (who need
the printed letter, 案内文 and FAX返信票)."""

from django.db.models import Count, Q

from core import mail

from ..models import Invitation, Meeting, MeetingMail

MAIL_LOG_PAGE_SIZE = 100


def unreached_invitations(meeting: Meeting):
    """The invitations whose corporation got no invitation mail, or only mails that failed for good:
    they need the letter on paper. In 五十音 order, with the corporation (1 query)."""
    reached = MeetingMail.objects.filter(meeting=meeting, kind=MeetingMail.Kind.INVITATION).exclude(
        email__status=mail.FAILED
    )
    return (
        meeting.invitations.exclude(corporation_id__in=reached.values("corporation_id"))
        .select_related("corporation", "corporation__home_area")
        .order_by("corporation__name_kana", "corporation__name")
    )


def mail_log(meeting: Meeting):
    """The meeting's mails, newest first, with their queue row and corporation (a page of them)."""
    return (
        MeetingMail.objects.filter(meeting=meeting)
        .select_related("email", "corporation")
        .order_by("-created_at", "-pk")
    )


def mail_totals(meeting: Meeting) -> dict[str, int]:
    """How many of the meeting's mails are sent, waiting (queued or to retry) and failed (1 query)."""
    return MeetingMail.objects.filter(meeting=meeting).aggregate(
        sent=Count("pk", filter=Q(email__status=mail.SENT)),
        waiting=Count("pk", filter=Q(email__status__in=[mail.QUEUED, mail.REQUEUED])),
        failed=Count("pk", filter=Q(email__status=mail.FAILED)),
    )


def letter_invitations(meeting: Meeting, invitation_pk=None):
    """The invitations to print letters for: one (staff pick it on the replies page) or all that no
    mail reached."""
    if invitation_pk is None:
        return list(unreached_invitations(meeting))
    return list(
        Invitation.objects.filter(meeting=meeting, pk=invitation_pk).select_related("corporation")
    )
