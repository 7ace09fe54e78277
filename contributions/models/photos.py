"""A project's photos (alt text required; files re-encoded and served behind the log-in)."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Created, choices_valid, generated_upload_name, user_link

from .projects import Project


def photo_upload_to(instance, filename: str) -> str:
    return generated_upload_name("contributions/photos", filename)


class ProjectPhoto(Created):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="photos", verbose_name=_("事業"))
    image = models.FileField(_("写真"), upload_to=photo_upload_to, max_length=200)
    caption = models.CharField(
        _("説明（代替テキスト）"), max_length=200,
        help_text=_("写真の内容を短く書いてください。画面の読み上げで使われます。顔の写る方の同意を得てください。"),
    )
    content_type = models.CharField(_("形式"), max_length=20, editable=False)
    size = models.PositiveIntegerField(_("サイズ（バイト）"), editable=False)
    uploaded_by = user_link(_("登録者"), on_delete=models.SET_NULL, optional=True, editable=False)

    history = HistoricalRecords(verbose_name=_("写真の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("事業の写真")
        ordering = ["created_at", "pk"]
        constraints = choices_valid("photo", content_type=["image/jpeg", "image/png", "image/webp"])

    def __str__(self):
        return self.caption
