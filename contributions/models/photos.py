"""A project's photos (alt text required; files re-encoded and served behind the log-in)."""
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .projects import Project


def photo_upload_to(instance, filename: str) -> str:
    # Never the uploader's name: a generated one, with the extension the content proved.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"contributions/photos/{uuid.uuid4().hex}{suffix}"


class ProjectPhoto(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="photos", verbose_name=_("事業"))
    image = models.FileField(_("写真"), upload_to=photo_upload_to, max_length=200)
    caption = models.CharField(
        _("説明（代替テキスト）"), max_length=200,
        help_text=_("写真の内容を短く書いてください。画面の読み上げで使われます。顔の写る方の同意を得てください。"),
    )
    content_type = models.CharField(_("形式"), max_length=20, editable=False)
    size = models.PositiveIntegerField(_("サイズ（バイト）"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("登録者"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("写真の変更履歴"))

    class Meta:
        verbose_name = _("事業の写真")
        verbose_name_plural = _("事業の写真")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png", "image/webp"]), name="photo_content_type_valid"
            ),
        ]

    def __str__(self):
        return self.caption
