"""Writes to projects. Each runs in a transaction and is recorded in the history.

The publication state changes only here: submit → publish or send back → withdraw.
Publishing copies the working copy to PublishedProject, which the catalogue reads.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership

from .models import Project, ProjectPhoto, ProjectReview, PublicationState, PublishedProject
from .search import search_text_of

M2M_FIELDS = ("partners", "facilities", "areas", "themes", "target_groups")
# What the public sees: a change to any of these waits for approval while published.
PUBLIC_FIELDS = {
    "title", "summary", "description", "pattern", "kind", "status", "period_start", "period_end",
    "frequency", "public_contact", "partners", "facilities", "areas", "themes", "target_groups",
}
# Never taken from a form: ownership and the workflow have their own services.
PROTECTED_FIELDS = {"owner", "publication_state", "has_pending_changes", "review_comment",
                    "last_reviewed_on", "next_review_on", "created_at", "updated_at"}


def _split(fields: dict) -> tuple[dict, dict]:
    plain = {k: v for k, v in fields.items() if k not in M2M_FIELDS and k not in PROTECTED_FIELDS}
    m2m = {k: v for k, v in fields.items() if k in M2M_FIELDS}
    return plain, m2m


def _is_public(project: Project) -> bool:
    published = PublishedProject.objects.filter(pk=project.pk).values_list("is_public", flat=True).first()
    return bool(published)


def _set_links(instance, links: dict) -> None:
    """Set many-to-many links without a history row per .set(): the save that follows
    writes one row, which holds the links as they stand then."""
    instance.skip_history_when_saving = True
    try:
        for name, values in links.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving


def _save(project: Project, acting_user, update_fields: list[str]):
    project.full_clean()
    project._history_user = acting_user
    project.save(update_fields=[*update_fields, "updated_at"])


@transaction.atomic
def project_create(*, owner, acting_user, fields: dict) -> Project:
    plain, m2m = _split(fields)
    project = Project(owner=owner, **plain)
    project.refresh_search_text()
    project.full_clean()
    project._history_user = acting_user
    # Recorded once, after the links are set, so that the creation's history row holds them.
    project.skip_history_when_saving = True
    project.save()
    del project.skip_history_when_saving
    _set_links(project, m2m)
    project.save(update_fields=["updated_at"])
    project.history.update(history_type="+")  # that one row is the creation
    return project


@transaction.atomic
def project_update(*, project: Project, acting_user, fields: dict) -> Project:
    """Save the changed fields (a form's changed_data only) to the working copy."""
    plain, m2m = _split(fields)
    for name, value in plain.items():
        setattr(project, name, value)
    changed = list(plain)
    if set(plain) & {"title", "summary", "description"}:
        project.refresh_search_text()
        changed.append("search_text")
    if (set(plain) | set(m2m)) & PUBLIC_FIELDS and project.publication_state != PublicationState.DRAFT:
        if not project.has_pending_changes and PublishedProject.objects.filter(pk=project.pk).exists():
            project.has_pending_changes = True
            changed.append("has_pending_changes")
    _set_links(project, m2m)
    if changed or m2m:
        _save(project, acting_user, changed)
    return project


def _refuse(message):
    raise ValidationError(message, code="state")


@transaction.atomic
def project_submit(*, project: Project, acting_user) -> Project:
    """The owner asks the council to publish (or to publish the changes)."""
    if not project.can_be_submitted:
        _refuse(_("この事業は今は申請できません（申請中か、公開中で変更がありません）。"))
    project.publication_state = PublicationState.SUBMITTED
    _save(project, acting_user, ["publication_state"])
    return project


def _copy_to_public(project: Project, acting_user) -> PublishedProject:
    published, _created = PublishedProject.objects.get_or_create(
        project=project,
        defaults={"owner": project.owner, "pattern": project.pattern, "published_at": timezone.now(),
                  "title": project.title, "summary": project.summary, "kind": project.kind, "status": project.status},
    )
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
    published.full_clean()
    _set_links(published, {name: getattr(project, name).all()
                           for name in ("partners", "areas", "themes", "target_groups", "photos")})
    published._history_user = acting_user
    published.save()
    return published


@transaction.atomic
def project_publish(*, project: Project, acting_user) -> Project:
    """Staff approve: the working copy becomes the public version."""
    if project.publication_state != PublicationState.SUBMITTED:
        _refuse(_("申請中の事業だけを公開できます。"))
    _copy_to_public(project, acting_user)
    project.publication_state = PublicationState.PUBLISHED
    project.has_pending_changes = False
    project.review_comment = ""
    _save(project, acting_user, ["publication_state", "has_pending_changes", "review_comment"])
    return project


def editor_emails(project: Project) -> list[str]:
    return list(
        Membership.objects.filter(corporation_id=project.owner_id, role=Membership.Role.EDITOR, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__username")
        .values_list("user__email", flat=True)
    )


@transaction.atomic
def project_send_back(*, project: Project, acting_user, comment: str) -> Project:
    """Staff return a submission with a comment; the owner's editors are e-mailed.

    A project already public stays public in its approved version.
    """
    if project.publication_state != PublicationState.SUBMITTED:
        _refuse(_("申請中の事業だけを差し戻せます。"))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("差し戻しの理由を書いてください。")})
    # Back to where it stood: public in its approved version, hidden (非公開) if it was
    # published once and withdrawn, otherwise a draft.
    published = PublishedProject.objects.filter(pk=project.pk).values_list("is_public", flat=True).first()
    if published is None:
        project.publication_state = PublicationState.DRAFT
    else:
        project.publication_state = PublicationState.PUBLISHED if published else PublicationState.WITHDRAWN
    project.review_comment = comment
    _save(project, acting_user, ["publication_state", "review_comment"])
    recipients = editor_emails(project)
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
        # After commit: a rolled-back decision must not send a mail.
        transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients))
    return project


@transaction.atomic
def project_withdraw(*, project: Project, acting_user) -> Project:
    """Take a project out of the public catalogue (非公開). It can be submitted again."""
    published = PublishedProject.objects.filter(pk=project.pk, is_public=True).first()
    if published is None:
        _refuse(_("公開中の事業だけを非公開にできます。"))
    published.is_public = False
    published._history_user = acting_user
    published.save(update_fields=["is_public"])
    project.publication_state = PublicationState.WITHDRAWN
    _save(project, acting_user, ["publication_state"])
    return project


@transaction.atomic
def photo_add(*, project: Project, acting_user, image, caption: str, content_type: str) -> ProjectPhoto:
    """A checked upload (see forms.PhotoForm). Shown in public only after approval."""
    photo = ProjectPhoto(
        project=project, image=image, caption=caption, content_type=content_type, size=image.size,
        uploaded_by=acting_user,
    )
    photo.full_clean()
    photo._history_user = acting_user
    photo.save()
    if project.publication_state != PublicationState.DRAFT and not project.has_pending_changes and _is_public(project):
        project.has_pending_changes = True
        _save(project, acting_user, ["has_pending_changes"])
    return photo


@transaction.atomic
def photo_delete(*, photo: ProjectPhoto, acting_user) -> None:
    """Taking a photo down is immediate, in public too (consent can be withdrawn).

    The row's history keeps who removed what; the file itself is removed from storage.
    """
    photo._history_user = acting_user
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def review_create(*, project: Project, acting_user, fields: dict) -> ProjectReview:
    review = ProjectReview(project=project, author=acting_user, **fields)
    review.full_clean()
    review._history_user = acting_user
    review.save()
    latest = project.reviews.order_by("-reviewed_on", "-pk").first()
    project.last_reviewed_on = latest.reviewed_on
    project.next_review_on = latest.next_review_on
    _save(project, acting_user, ["last_reviewed_on", "next_review_on"])
    return review
