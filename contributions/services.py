"""Writes to projects. Each runs in a transaction and is recorded in the history.

The publication state changes only here: submit → publish or send back → withdraw.
Publishing copies the working copy to PublishedProject, which the catalogue reads.
"""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policies import require
from accounts.selectors import mailable_editors
from core import mail
from core.saving import save_recorded, set_fields
from corporations.models import Area, Corporation, Facility

from .models import (
    NetworkPattern,
    Project,
    ProjectPhoto,
    ProjectReview,
    ProjectStatus,
    PublicationState,
    PublishedProject,
    TargetGroup,
    Theme,
)
from .policies import (
    can_add_photo,
    can_create_project,
    can_delete_photo,
    can_edit_project,
    can_give_staff_scores,
    can_publish_project,
    can_review_project,
    can_send_back_project,
    can_submit_project,
    can_withdraw_project,
)
from .search import search_text_of


class ProjectChanges(TypedDict, total=False):
    """What a form may change on a project. Ownership and the workflow have their own services."""

    title: str
    summary: str
    description: str
    pattern: NetworkPattern
    kind: str
    status: str
    period_start: datetime.date | None
    period_end: datetime.date | None
    frequency: str
    public_contact: str
    ripple_score: int
    feasibility_score: int
    staff_ripple_score: int | None
    staff_feasibility_score: int | None
    partners: Iterable[Corporation]
    facilities: Iterable[Facility]
    areas: Iterable[Area]
    themes: Iterable[Theme]
    target_groups: Iterable[TargetGroup]


M2M_FIELDS = frozenset({"partners", "facilities", "areas", "themes", "target_groups"})
STAFF_SCORE_FIELDS = frozenset({"staff_ripple_score", "staff_feasibility_score"})
# The text the keyword search folds (with the owner's names).
SEARCHED_FIELDS = frozenset({"title", "summary", "description"})


def _set_links(instance, links: dict) -> None:
    """Set many-to-many links without a history row per .set(): the save that follows
    writes one row, which holds the links as they stand then."""
    instance.skip_history_when_saving = True
    try:
        for name, values in links.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving


def _save_new_with_links(instance, *, acting_user, links: dict) -> None:
    """A new row and its links, recorded in one history row (the creation, "+") that holds them."""
    instance.skip_history_when_saving = True
    try:
        save_recorded(instance, acting_user=acting_user)
    finally:
        del instance.skip_history_when_saving
    _set_links(instance, links)
    save_recorded(instance, acting_user=acting_user, clean=False)
    instance.history.update(history_type="+")


def _refuse(message):
    raise ValidationError(message, code="state")


@transaction.atomic
def project_create(
    *, owner: Corporation, acting_user, title: str, summary: str, pattern: NetworkPattern, kind: str,
    areas: Iterable[Area], description: str = "", status: str = ProjectStatus.IDEA,
    period_start: datetime.date | None = None, period_end: datetime.date | None = None,
    frequency: str = "", public_contact: str = "", ripple_score: int = 3, feasibility_score: int = 3,
    staff_ripple_score: int | None = None, staff_feasibility_score: int | None = None,
    partners: Iterable[Corporation] = (), facilities: Iterable[Facility] = (), themes: Iterable[Theme] = (),
    target_groups: Iterable[TargetGroup] = (),
) -> Project:
    """A new project of this owner, as a draft (下書き)."""
    require(can_create_project(acting_user, owner.pk))
    if staff_ripple_score is not None or staff_feasibility_score is not None:
        require(can_give_staff_scores(acting_user))
    project = Project(
        owner=owner, title=title, summary=summary, description=description, pattern=pattern, kind=kind,
        status=status, period_start=period_start, period_end=period_end, frequency=frequency,
        public_contact=public_contact, ripple_score=ripple_score, feasibility_score=feasibility_score,
        staff_ripple_score=staff_ripple_score, staff_feasibility_score=staff_feasibility_score,
    )
    project.refresh_search_text()
    _save_new_with_links(project, acting_user=acting_user, links={
        "partners": partners, "facilities": facilities, "areas": areas, "themes": themes,
        "target_groups": target_groups,
    })
    return project


@transaction.atomic
def project_update(
    *, project: Project, acting_user, expected_version: int | None = None, **changes: Unpack[ProjectChanges]
) -> Project:
    """Save the changed fields (a form's changed_data only) to the working copy.

    A change to what the public sees waits for approval once the project has a published copy.
    expected_version: the edit form's; StaleEdit if another save came first.
    """
    unknown = set(changes) - set(ProjectChanges.__annotations__)
    if unknown:
        raise TypeError(f"project_update() cannot change {', '.join(sorted(unknown))}")
    require(can_edit_project(acting_user, project))
    if STAFF_SCORE_FIELDS.intersection(changes):
        require(can_give_staff_scores(acting_user))
    relations = {name: value for name, value in changes.items() if name in M2M_FIELDS}
    update_fields = set_fields(project, {name: value for name, value in changes.items() if name not in M2M_FIELDS})
    if SEARCHED_FIELDS.intersection(changes):
        update_fields += project.refresh_search_text()
    update_fields += project.note_public_change(changes)
    update_fields += project.retract_submission(changes)
    if relations and not update_fields:
        update_fields = ["updated_at"]  # a change of partners, areas … is a change of the project
    _set_links(project, relations)  # before the save, so that its history row holds them
    save_recorded(project, acting_user=acting_user, update_fields=update_fields, expected_version=expected_version)
    return project


@transaction.atomic
def project_submit(*, project: Project, acting_user) -> Project:
    """The owner asks the council to publish (or to publish the changes)."""
    if not project.can_be_submitted:
        _refuse(_("この事業は今は申請できません（申請中か、公開中で変更がありません）。"))
    require(can_submit_project(acting_user, project))
    project.publication_state = PublicationState.SUBMITTED
    save_recorded(project, acting_user=acting_user, update_fields=["publication_state"])
    return project


def _copy_to_public(project: Project, acting_user) -> PublishedProject:
    published = project.published_copy or PublishedProject(project=project)
    facilities = list(project.facilities.order_by("name_kana"))
    for name in ("owner", "pattern", "title", "summary", "description", "kind", "status", "period_start",
                 "period_end", "frequency", "public_contact"):
        setattr(published, name, getattr(project, name))
    published.facility_names = [f.name for f in facilities]
    published.is_public = True
    published.published_at = timezone.now()
    published.published_by = acting_user
    published.search_text = search_text_of(
        project.title, project.summary, project.description, project.owner.name, project.owner.name_kana,
        *[p.name for p in project.partners.all()], *published.facility_names,
    )
    links = {name: getattr(project, name).all() for name in ("partners", "areas", "themes", "target_groups", "photos")}
    if published._state.adding:
        _save_new_with_links(published, acting_user=acting_user, links=links)
    else:
        _set_links(published, links)
        save_recorded(published, acting_user=acting_user)
    return published


@transaction.atomic
def project_publish(*, project: Project, acting_user, expected_version: int | None) -> Project:
    """Staff approve: the working copy becomes the public version.

    expected_version is the project's version (core/concurrency.py, raised by every save, a
    photo or partner change included) as the page staff reviewed showed it: a project changed
    since (or no version given) is refused, so what is published is what staff read.
    """
    # Read again and locked: an edit cannot slip in between the check and the copy.
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    if project.publication_state != PublicationState.SUBMITTED:
        _refuse(_("申請中の事業だけを公開できます。"))
    require(can_publish_project(acting_user, project))
    if expected_version is None or expected_version != project.version:
        _refuse(_("確認した後に事業の内容が変更されました。内容をもう一度確認してから公開してください。"))
    _copy_to_public(project, acting_user)
    project.publication_state = PublicationState.PUBLISHED
    project.has_pending_changes = False
    project.review_comment = ""
    save_recorded(project, acting_user=acting_user,
                  update_fields=["publication_state", "has_pending_changes", "review_comment"])
    return project


@transaction.atomic
def project_send_back(*, project: Project, acting_user, comment: str) -> Project:
    """Staff return a submission with a comment; the owner's editors are e-mailed.

    A project already public stays public in its approved version.
    """
    if project.publication_state != PublicationState.SUBMITTED:
        _refuse(_("申請中の事業だけを差し戻せます。"))
    require(can_send_back_project(acting_user, project))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("差し戻しの理由を書いてください。")})
    project.publication_state = project.state_before_submission()
    project.review_comment = comment
    save_recorded(project, acting_user=acting_user, update_fields=["publication_state", "review_comment"])
    recipients = [m.user.email for m in mailable_editors([project.owner_id])]
    if recipients:
        context = {
            "project": project,
            "comment": comment,
            "council_name": settings.PORTAL_COUNCIL_NAME,
            "url": settings.PORTAL_SITE_URL.rstrip("/") + reverse("contributions:detail", kwargs={"pk": project.pk}),
        }
        subject = _("【%(council)s】社会貢献事業「%(title)s」が差し戻されました") % {
            # A mail header must be one line; a title is one line on screen, but not always in the database.
            "council": settings.PORTAL_COUNCIL_NAME, "title": " ".join(project.title.split()),
        }
        body = render_to_string("contributions/email/sent_back.txt", context)
        # Queued in this transaction (core/mail.py): a rolled-back decision sends no mail.
        mail.send_after_commit([mail.message(subject=subject, body=body, to=recipients)])
    return project


@transaction.atomic
def project_withdraw(*, project: Project, acting_user) -> Project:
    """Take a project out of the public catalogue (非公開). It can be submitted again."""
    if not project.is_public:
        _refuse(_("公開中の事業だけを非公開にできます。"))
    require(can_withdraw_project(acting_user, project))
    published = project.published_copy
    published.is_public = False
    save_recorded(published, acting_user=acting_user, update_fields=["is_public"])
    project.publication_state = PublicationState.WITHDRAWN
    save_recorded(project, acting_user=acting_user, update_fields=["publication_state"])
    return project


@transaction.atomic
def photo_add(*, project: Project, acting_user, image, caption: str, content_type: str) -> ProjectPhoto:
    """A checked upload (see forms.PhotoForm). Shown in public only after approval."""
    require(can_add_photo(acting_user, project))
    photo = ProjectPhoto(
        project=project, image=image, caption=caption, content_type=content_type, size=image.size,
        uploaded_by=acting_user,
    )
    save_recorded(photo, acting_user=acting_user)
    update_fields = project.note_public_change({"photos"}) + project.retract_submission({"photos"})
    save_recorded(project, acting_user=acting_user, update_fields=update_fields)
    return photo


@transaction.atomic
def photo_delete(*, photo: ProjectPhoto, acting_user) -> None:
    """Taking a photo down is immediate, in public too (consent can be withdrawn).

    The row's history keeps who removed what; the file itself is removed from storage.
    """
    project = photo.project
    require(can_delete_photo(acting_user, project))
    published = project.published_copy
    approved = published is not None and published.photos.filter(pk=photo.pk).exists()
    photo._history_user = acting_user
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
    # A photo the public has not seen yet: the working copy changed, as with an upload. An
    # approved one leaves the published copy at the same moment, so nothing waits. Either way a
    # submission no longer shows what staff would publish.
    update_fields = [] if approved else project.note_public_change({"photos"})
    update_fields += project.retract_submission({"photos"})
    save_recorded(project, acting_user=acting_user, update_fields=update_fields)


@transaction.atomic
def review_create(
    *, project: Project, acting_user, reviewed_on: datetime.date, stage: str, outcomes: str = "",
    issues: str = "", next_step: str = "", next_review_on: datetime.date | None = None,
) -> ProjectReview:
    """A dated look back (振り返り); the project's review dates follow its latest review."""
    require(can_review_project(acting_user, project))
    review = ProjectReview(
        project=project, author=acting_user, reviewed_on=reviewed_on, stage=stage, outcomes=outcomes,
        issues=issues, next_step=next_step, next_review_on=next_review_on,
    )
    save_recorded(review, acting_user=acting_user)
    save_recorded(project, acting_user=acting_user, update_fields=project.refresh_review_dates())
    return review
