"""What the apps' models share. core has no tables of its own: abstract bases, and a proxy of the mail queue."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext_lazy as _
from post_office.models import Email

from .wareki import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR

# Excel refuses these in a sheet title, and an area is a sheet of the attendance report.
# (core/exports.py also makes any old title safe; this keeps new names clean.)
SHEET_TITLE_FORBIDDEN = ":\\/?*[]"


def validate_vocabulary_name(value: str) -> None:
    forbidden = "".join(dict.fromkeys(c for c in value if c in SHEET_TITLE_FORBIDDEN))
    if forbidden:
        raise ValidationError(
            _("名称に %(chars)s は使えません（Excel のシート名にできない半角記号です）。全角の「／」などは使えます。"),
            code="vocabulary_name", params={"chars": " ".join(forbidden)},
        )


def vocabulary_name(label) -> models.CharField:
    """A vocabulary's name field, under the label its list uses (地域名, テーマ …)."""
    return models.CharField(label, max_length=50, unique=True, validators=[validate_vocabulary_name])


class Vocabulary(models.Model):
    """An editable list of names that staff keep (areas, service types, themes, target
    groups …): another ward has other values, so they are data, not code.

    Subclasses redefine `name` with their own label (vocabulary_name); a retired entry
    (is_active off) stays on the records that carry it.
    """

    name = vocabulary_name(_("名称"))
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Created(models.Model):
    """When the row was recorded."""

    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        abstract = True


class Timestamped(Created):
    """When the row was recorded and last saved."""

    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A shared record edited from screens: a save made from an outdated screen is refused.

    Every save raises `version` by one; an edit form carries the version it was opened with
    (core/concurrency.py, core/saving.py).
    """

    version = models.PositiveIntegerField(_("版"), default=1, editable=False)

    class Meta:
        abstract = True


def user_link(verbose_name, *, on_delete=models.PROTECT, optional: bool = False, **options) -> models.ForeignKey:
    """The person who did something to the row (sent, answered, approved, wrote it …): a user, with no
    way back from the user to the rows (related_name "+"). optional: empty allowed (null and blank)."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=on_delete, related_name="+", verbose_name=verbose_name, **options
    )


def one_of(field: str, values, *, name: str) -> models.CheckConstraint:
    """The database refuses a value of `field` outside `values` (a TextChoices' values: the form's choices)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": list(values)}), name=name)


def choices_valid(prefix: str, **values) -> list[models.CheckConstraint]:
    """one_of for each field given, with its values, named "<prefix>_<field>_valid"."""
    return [one_of(field, field_values, name=f"{prefix}_{field}_valid") for field, field_values in values.items()]


def printable_fiscal_year(*, name: str) -> models.CheckConstraint:
    """The database refuses a fiscal_year that 和暦 cannot print (core.wareki.is_printable_fiscal_year)."""
    return models.CheckConstraint(
        condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR), name=name
    )


def not_blank(field: str, *, name: str) -> models.CheckConstraint:
    """The database refuses an empty `field` (a form's required check is not the only guard)."""
    return models.CheckConstraint(condition=~Q(**{field: ""}), name=name)


def generated_upload_name(folder: str, filename: str) -> str:
    """Where an upload is stored: a generated name under `folder`, never the uploader's, with the
    extension (lower case) that the content check proved (core/uploads.py)."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def many_to_many_links(instance) -> list:
    """The rows that link to instance through a many-to-many field (a project's partners …)."""
    rows = []
    for relation in instance._meta.related_objects:
        if relation.many_to_many:
            rows += getattr(instance, relation.get_accessor_name()).all()
    return rows


def refuse_delete_while_linked(sender, instance, **kwargs):
    """pre_delete: refuse to delete a row that other rows link to through a many-to-many field.

    A many-to-many link has no on_delete=PROTECT: deleting a partner corporation would drop
    it from projects (and their published copies) without a trace in their history. Raised
    before anything is deleted, so the whole delete (a queryset's too) rolls back. Rows in
    use retire with is_active instead.
    """
    rows = many_to_many_links(instance)
    if rows:
        raise ProtectedError(
            f"Cannot delete {sender.__name__} {instance.pk}: {len(rows)} row(s) link to it.", set(rows)
        )


class OutgoingMail(Email):
    """The portal's mail queue (django-post-office's Email rows, core/mail.py) as the admin shows it,
    under Japanese names: post_office ships no Japanese."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = _("送信メール")
