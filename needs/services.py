"""Writes to needs, offer requests and resources. Each runs in a transaction, checks its
policy again, and is recorded with the acting user (history, status changes, case views).

Mail goes out after commit: a rolled-back request must not have been mailed.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policies import get_membership, require
from accounts.selectors import mailable_editors
from contributions import services as project_services
from contributions.models import NetworkPattern, Project, ProjectStatus
from core import mail
from core.saving import save_recorded

from . import policies
from .models import (
    CLOSED_STATUSES,
    CaseView,
    Need,
    NeedKind,
    NeedProject,
    NeedStatus,
    NeedStatusChange,
    OfferRequest,
    OfferStatus,
    Resource,
    Visibility,
)


def values_of(details) -> dict:
    """A dataclass's fields as a dict, without copying the model instances it holds."""
    return {f.name: getattr(details, f.name) for f in fields(details)}


@dataclass
class NeedDetails:
    """What staff write about a need (the need form's fields)."""

    kind: str
    title: str
    description: str
    source: str
    received_on: datetime.date
    in_charge: object
    urgency: str = "normal"
    source_note: str = ""
    age_band: str = ""
    areas: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    resource_kinds: list = field(default_factory=list)

    M2M = ("areas", "themes", "target_groups", "resource_kinds")

    def plain(self) -> dict:
        return {k: v for k, v in values_of(self).items() if k not in self.M2M}


@dataclass
class ResourceDetails:
    """What a corporation's editor writes about a resource (the resource form's fields)."""

    kind: object
    title: str
    contact_name: str
    facility: object = None
    description: str = ""
    days: str = ""
    hours: str = ""
    fee: str = "free"
    fee_note: str = ""
    capacity: int | None = None
    is_available: bool = True
    is_public: bool = False
    contact_phone: str = ""
    contact_email: str = ""


def _refuse(message):
    raise ValidationError(message, code="state")


# --- Needs -------------------------------------------------------------------------------------


@transaction.atomic
def need_create(*, acting_user, details: NeedDetails) -> Need:
    require(policies.can_manage_needs(acting_user))
    need = Need(created_by=acting_user, **details.plain())
    if need.kind == NeedKind.ISSUE:
        need.age_band = ""
    need.status_changed_at = timezone.now()
    save_recorded(need, acting_user=acting_user)
    for name in NeedDetails.M2M:
        getattr(need, name).set(getattr(details, name))
    NeedStatusChange.objects.create(
        need=need, from_status="", to_status=need.status, changed_at=need.status_changed_at, changed_by=acting_user,
    )
    return need


@transaction.atomic
def need_update(*, need: Need, acting_user, details: NeedDetails) -> Need:
    """Save the need's working text and classifications (not its status or publication)."""
    require(policies.can_manage_needs(acting_user))
    plain = details.plain()
    if plain["kind"] == NeedKind.ISSUE:
        plain["age_band"] = ""
    elif need.visibility != Visibility.STAFF:
        # A published local issue turned into a case would put a case in public.
        raise ValidationError({"kind": _("公開中の地域課題は個別課題に変えられません。先に公開をやめてください。")})
    for name, value in plain.items():
        setattr(need, name, value)
    save_recorded(need, acting_user=acting_user, update_fields=list(plain))
    for name in NeedDetails.M2M:
        getattr(need, name).set(getattr(details, name))
    return need


def _set_status(need: Need, *, acting_user, status: str, note: str = "") -> None:
    previous = need.status
    need.status = status
    need.status_changed_at = timezone.now()
    save_recorded(need, acting_user=acting_user, update_fields=["status", "status_changed_at", "outcome"])
    NeedStatusChange.objects.create(
        need=need, from_status=previous, to_status=status, note=note, changed_at=need.status_changed_at,
        changed_by=acting_user,
    )


@transaction.atomic
def need_change_status(*, need: Need, acting_user, status: str, note: str = "", outcome: str = "") -> Need:
    """Move a need on (受付 → 打診中 → 対応中 → 解決 / 終了 / 見送り). Closing asks for the
    outcome (結果); reopening keeps the last outcome in the history and clears it."""
    require(policies.can_manage_needs(acting_user))
    if status not in need.next_statuses:
        _refuse(_("「%(from)s」から「%(to)s」には変えられません。") % {
            "from": need.get_status_display(),
            "to": NeedStatus(status).label if status in NeedStatus.values else status,
        })
    outcome = (outcome or "").strip()
    if status in CLOSED_STATUSES:
        if not outcome:
            raise ValidationError({"outcome": _("結果を書いてください。")})
        need.outcome = outcome
    else:
        need.outcome = ""
    _set_status(need, acting_user=acting_user, status=status, note=(note or "").strip() or outcome)
    return need


@transaction.atomic
def case_view_record(*, need: Need, user) -> CaseView | None:
    """Record that someone read an individual case (who, when, for which corporation)."""
    if need.kind != NeedKind.CASE:
        return None
    membership = get_membership(user)  # read once per request already, by the page's policies
    return CaseView.objects.create(
        need=need,
        user=user,
        corporation_id=membership.corporation_id if membership else None,
        viewed_at=timezone.now(),
    )


@transaction.atomic
def need_publish(*, need: Need, acting_user, visibility: str, public_title: str, public_description: str) -> Need:
    """Staff approve the public text of a local issue: what they approve is exactly what shows."""
    require(policies.can_publish_need(acting_user, need))
    if visibility not in (Visibility.MEMBERS, Visibility.PUBLIC):
        raise ValidationError({"visibility": _("公開範囲を選んでください。")})
    public_title = (public_title or "").strip()
    if not public_title:
        raise ValidationError({"public_title": _("公開用の件名を書いてください。")})
    need.visibility = visibility
    need.public_title = public_title
    need.public_description = (public_description or "").strip()
    need.published_at = timezone.now()
    need.published_by = acting_user
    save_recorded(need, acting_user=acting_user, update_fields=[
        "visibility", "public_title", "public_description", "published_at", "published_by",
    ])
    return need


@transaction.atomic
def need_unpublish(*, need: Need, acting_user) -> Need:
    """Back to the secretariat only. The approved text stays in the history."""
    require(policies.can_manage_needs(acting_user))
    need.visibility = Visibility.STAFF
    need.public_title = ""
    need.public_description = ""
    need.published_at = None
    need.published_by = None
    save_recorded(need, acting_user=acting_user, update_fields=[
        "visibility", "public_title", "public_description", "published_at", "published_by",
    ])
    return need


@transaction.atomic
def need_link_project(*, need: Need, project: Project, acting_user) -> NeedProject:
    require(policies.can_manage_needs(acting_user))
    link = NeedProject.objects.filter(need=need, project=project).first()
    if link is None:
        link = NeedProject(need=need, project=project, linked_by=acting_user)
        save_recorded(link, acting_user=acting_user)
    return link


@transaction.atomic
def project_start_from_need(*, need: Need, owner, acting_user, title: str, summary: str,
                            pattern: NetworkPattern) -> Project:
    """A draft project answering the need, owned by a corporation that accepted, linked to
    the need. Its areas, themes and target groups are the need's; staff complete it."""
    require(policies.can_start_project(acting_user, need))
    if not need.offers.filter(corporation=owner, status=OfferStatus.ACCEPTED).exists():
        raise ValidationError({"owner": _("打診に応諾した法人から選んでください。")})
    # The other corporations that took it on join as partners.
    partners = [
        offer.corporation
        for offer in need.offers.filter(is_engaged=True).exclude(corporation=owner).select_related("corporation")
    ]
    project = project_services.project_create(
        owner=owner, acting_user=acting_user, title=title, summary=summary, pattern=pattern,
        kind=_default_kind(need), status=ProjectStatus.PREPARING, areas=list(need.areas.all()),
        themes=list(need.themes.all()), target_groups=list(need.target_groups.all()), partners=partners,
    )
    need_link_project(need=need, project=project, acting_user=acting_user)
    return project


def _default_kind(need: Need) -> str:
    from contributions.models import ContributionKind

    return ContributionKind.CARE if need.kind == NeedKind.CASE else ContributionKind.PLACE


# --- Offer requests ----------------------------------------------------------------------------


def _offer_mails(offers: list[OfferRequest], *, template: str, subject: str) -> list[EmailMessage]:
    by_corporation = {o.corporation_id: o for o in offers}
    mails = []
    for membership in mailable_editors(by_corporation):
        offer = by_corporation[membership.corporation_id]
        url = settings.PORTAL_SITE_URL.rstrip("/") + reverse("needs:answer", kwargs={"pk": offer.pk})
        body = render_to_string(template, {
            "offer": offer, "need": offer.need, "corporation": membership.corporation, "user": membership.user,
            "url": url, "council_name": settings.PORTAL_COUNCIL_NAME,
        })
        mails.append(mail.message(subject=subject, body=body, to=[membership.user.email]))
    return mails



@transaction.atomic
def offers_send(*, need: Need, corporations: Iterable, acting_user, message: str = "") -> int:
    """Send the need to corporations not asked yet; their editors are mailed. A need 受付
    becomes 打診中. Returns how many were sent."""
    require(policies.can_manage_needs(acting_user))
    if not need.is_open:
        _refuse(_("終わったニーズには打診できません。"))
    already = set(need.offers.values_list("corporation_id", flat=True))
    now = timezone.now()
    new = []
    for corporation in corporations:
        if corporation.pk in already or not corporation.is_active:
            continue
        offer = OfferRequest(need=need, corporation=corporation, message=(message or "").strip(), sent_at=now,
                             sent_by=acting_user)
        save_recorded(offer, acting_user=acting_user, validate_unique=False)
        new.append(offer)
    if not new:
        return 0
    if need.status == NeedStatus.RECEIVED:
        _set_status(need, acting_user=acting_user, status=NeedStatus.ASKING,
                    note=_("%(count)d法人に打診しました。") % {"count": len(new)})
    subject = _("【%(council)s】地域ニーズへのご協力のお願い（打診）") % {"council": settings.PORTAL_COUNCIL_NAME}
    mail.send_after_commit(_offer_mails(new, template="needs/email/offer.txt", subject=subject))
    return len(new)


@transaction.atomic
def offers_remind(*, need: Need, acting_user) -> int:
    """Remind the corporations that have not answered. Returns how many."""
    require(policies.can_manage_needs(acting_user))
    pending = list(need.offers.filter(status=OfferStatus.PENDING).select_related("need"))
    if not pending or not need.is_open:
        return 0
    now = timezone.now()
    for offer in pending:
        offer.reminded_at = now
        offer.reminder_count += 1
        save_recorded(offer, acting_user=acting_user, update_fields=["reminded_at", "reminder_count"])
    subject = _("【%(council)s】打診へのご回答のお願い") % {"council": settings.PORTAL_COUNCIL_NAME}
    mail.send_after_commit(_offer_mails(pending, template="needs/email/reminder.txt", subject=subject))
    return len(pending)


@transaction.atomic
def offer_answer(*, offer: OfferRequest, acting_user, accept: bool, message: str = "") -> OfferRequest:
    """応諾 or 辞退, with a message for the council. An answer is given once."""
    offer = OfferRequest.objects.select_for_update().select_related("need").get(pk=offer.pk)
    require(policies.can_view_offer(acting_user, offer))
    if not policies.can_answer_offer(acting_user, offer):
        _refuse(_("この打診にはもう回答できません。"))
    message = (message or "").strip()
    if not accept and not message:
        raise ValidationError({"message": _("辞退の理由を一言書いてください。")})
    offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer.answer_message = message
    offer.answered_at = timezone.now()
    offer.answered_by = acting_user
    save_recorded(
        offer, acting_user=acting_user, update_fields=["status", "answer_message", "answered_at", "answered_by"],
    )
    return offer


@transaction.atomic
def need_take_on(*, need: Need, corporations: Iterable, acting_user, note: str = "") -> Need:
    """Staff mark the need 対応中 with the corporations (among those that accepted) that take it on."""
    require(policies.can_manage_needs(acting_user))
    chosen = {c.pk for c in corporations}
    if not chosen:
        raise ValidationError({"corporations": _("対応する法人を選んでください。")})
    accepted = {o.corporation_id: o for o in need.offers.filter(status=OfferStatus.ACCEPTED)}
    strays = chosen - set(accepted)
    if strays:
        raise ValidationError({"corporations": _("応諾した法人だけを選べます。")})
    for corporation_id, offer in accepted.items():
        engaged = corporation_id in chosen
        if offer.is_engaged != engaged:
            offer.is_engaged = engaged
            save_recorded(offer, acting_user=acting_user, update_fields=["is_engaged"])
    if need.status != NeedStatus.IN_PROGRESS:
        if NeedStatus.IN_PROGRESS not in need.next_statuses:
            _refuse(_("このニーズは今は「対応中」にできません。"))
        need.outcome = ""
        _set_status(need, acting_user=acting_user, status=NeedStatus.IN_PROGRESS, note=(note or "").strip())
    return need


# --- Resources ---------------------------------------------------------------------------------


@transaction.atomic
def resource_create(*, corporation, acting_user, details: ResourceDetails) -> Resource:
    require(policies.can_add_resource(acting_user, corporation.pk))
    resource = Resource(corporation=corporation, **values_of(details))
    save_recorded(resource, acting_user=acting_user)
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, acting_user, details: ResourceDetails) -> Resource:
    require(policies.can_edit_resource(acting_user, resource))
    values = values_of(details)
    for name, value in values.items():
        setattr(resource, name, value)
    save_recorded(resource, acting_user=acting_user, update_fields=list(values))
    return resource
