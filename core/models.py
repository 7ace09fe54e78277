"""What the apps' models share. core has no tables of its own: abstract bases, and a proxy of the mail queue."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from post_office.models import Email

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


class Vocabulary(models.Model):
    """An editable list of names that staff keep (areas, service types, themes, target
    groups …): another ward has other values, so they are data, not code.

    Subclasses redefine `name` with their own label; a retired entry (is_active off) stays
    on the records that carry it.
    """

    name = models.CharField(_("名称"), max_length=50, unique=True, validators=[validate_vocabulary_name])
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


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
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")
