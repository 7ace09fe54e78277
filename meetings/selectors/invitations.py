"""Invitations and answers: who was asked, who answered what, per area."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from accounts.policies import get_membership
from corporations.models import Area, Corporation
from corporations.policies import can_edit_corporation

from .. import policies
from ..models import Invitation, Meeting, RsvpPerson


def visible_invitations(user, meeting: Meeting):
    """Staff see every corporation's invitation; a member its own corporation's."""
    if policies.can_see_replies(user):
        return meeting.invitations.all()
    membership = get_membership(user)
    if membership:
        return meeting.invitations.filter(corporation_id=membership.corporation_id)
    return Invitation.objects.none()


def get_invitation_for_user(user, meeting: Meeting, pk, *, for_edit: bool = False) -> Invitation:
    """Another corporation's invitation answers 404; a viewer asking to answer gets 403."""
    invitation = get_object_or_404(
        visible_invitations(user, meeting).select_related("corporation__home_area", "answered_by"), pk=pk
    )
    if for_edit and not can_edit_corporation(user, invitation.corporation_id):
        raise PermissionDenied
    return invitation


def corporation_invitations(corporation: Corporation):
    """A corporation's invitations with their meetings and persons' names (2 queries): only the
    columns the corporation page's section prints and policies.can_answer reads (the rows were
    read whole, with the user who answered, which nothing shows)."""
    return (
        corporation.meeting_invitations.select_related("meeting__series")
        .only(
            "meeting_id", "corporation_id", "answer", "is_proxy", "meeting__series_id", "meeting__number",
            "meeting__starts_at", "meeting__status", "meeting__answer_deadline", "meeting__series__title",
        )
        # In each invitation's order; the model's own ordering would join the invitations, their
        # meetings and corporations to order by them too.
        .prefetch_related(Prefetch("persons", queryset=RsvpPerson.objects.only("invitation_id", "name").order_by(
            "order", "pk"
        )))
        .order_by("-meeting__starts_at")
    )


@dataclass
class AreaReplies:
    area: Area
    counts: dict = field(default_factory=lambda: {a: 0 for a in Invitation.Answer.values})
    persons: int = 0

    @property
    def total(self):
        return sum(self.counts.values())


def replies_overview(meeting: Meeting):
    """Every invitation with its corporation and persons, counts by answer and by area (2 queries)."""
    invitations = list(
        meeting.invitations.select_related("corporation__home_area", "answered_by")
        .prefetch_related(Prefetch("persons", queryset=RsvpPerson.objects.select_related("area", "facility")))
        .order_by("corporation__home_area__sort_order", "corporation__name_kana", "corporation__name")
    )
    totals = {a: 0 for a in Invitation.Answer.values}
    by_area: dict[int, AreaReplies] = {}
    for invitation in invitations:
        totals[invitation.answer] += 1
        area = invitation.corporation.home_area
        row = by_area.setdefault(area.pk, AreaReplies(area=area))
        row.counts[invitation.answer] += 1
        row.persons += len(invitation.persons.all())
    return invitations, totals, list(by_area.values())


def active_area_choices() -> list[tuple[int, str]]:
    """The areas people can sit in (1 query)."""
    return [(a.pk, a.name) for a in Area.objects.filter(is_active=True)]


def answer_rows(invitation: Invitation) -> tuple[list, list]:
    """The answer page: the corporation's active facilities as choices and the people already
    named, as the person formset's initial rows (2 queries)."""
    facility_choices = [(f.pk, f.name) for f in invitation.corporation.facilities.filter(is_active=True)]
    persons = [
        {"name": p.name, "title": p.title, "facility": p.facility_id, "area": p.area_id}
        for p in invitation.persons.all()
    ]
    return facility_choices, persons
