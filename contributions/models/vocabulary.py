"""The words projects are tagged with: the four network patterns, themes and target groups."""
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _

from core.models import Vocabulary, refuse_delete_while_linked, vocabulary_name


class NetworkPattern(models.Model):
    """The council's four network patterns (①〜④). Editable: another ward may differ."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True, help_text=_("①〜④の番号です。"))
    name = models.CharField(_("パターン名"), max_length=50, unique=True)
    description = models.TextField(_("説明"), blank=True)
    color = models.CharField(
        _("表示色"), max_length=7, default="#1f4e79",
        help_text=_("ボードの点の色（#rrggbb）。白地で見分けやすい濃い色にしてください。"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("ネットワークのパターン")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=9), name="pattern_number_range"),
            models.CheckConstraint(condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="pattern_color_format"),
        ]

    def __str__(self):
        return f"{self.marker} {self.name}"

    @property
    def marker(self) -> str:
        # ① is U+2460; the circled numbers run on to ⑨.
        return chr(0x245F + self.number)


class Theme(Vocabulary):
    """A theme (食糧支援, 学習支援 …): an editable list."""

    name = vocabulary_name(_("テーマ"))

    class Meta(Vocabulary.Meta):
        verbose_name = verbose_name_plural = _("テーマ")


class TargetGroup(Vocabulary):
    """Who a project is for (高齢者, 子ども …): an editable list."""

    name = vocabulary_name(_("対象"))

    class Meta(Vocabulary.Meta):
        verbose_name = verbose_name_plural = _("対象者")


# A project's themes and target groups are history: refuse to delete one still linked.
for _model in (Theme, TargetGroup):
    pre_delete.connect(refuse_delete_while_linked, sender=_model, dispatch_uid=f"refuse_delete_{_model.__name__}")

