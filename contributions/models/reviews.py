"""PDCA reviews of a project, and the next review date they set."""
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Created, choices_valid, user_link

from .projects import Project


class PdcaStage(models.TextChoices):
    PLAN = "plan", _("計画 (Plan)")
    DO = "do", _("実行 (Do)")
    CHECK = "check", _("評価 (Check)")
    ACT = "act", _("改善 (Act)")


class ProjectReview(Created):
    """A dated look back (振り返り) at one PDCA stage."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("事業"))
    reviewed_on = models.DateField(_("振り返り日"))
    stage = models.CharField(_("PDCA の段階"), max_length=10, choices=PdcaStage.choices)
    outcomes = models.TextField(_("成果"), blank=True)
    issues = models.TextField(_("課題"), blank=True)
    next_step = models.TextField(_("次の一手"), blank=True)
    next_review_on = models.DateField(
        _("次回振り返り予定日"),
        null=True,
        blank=True,
        help_text=_("この日を過ぎると事務局の「振り返り期限切れ」に載ります。"),
    )
    author = user_link(_("記入者"), on_delete=models.SET_NULL, optional=True, editable=False)

    history = HistoricalRecords(verbose_name=_("振り返りの変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("振り返り")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True) | Q(next_review_on__gte=F("reviewed_on")),
                name="review_next_after_reviewed",
            ),
            *choices_valid("review", stage=PdcaStage.values),
        ]

    def __str__(self):
        return f"{self.project} {self.reviewed_on:%Y-%m-%d}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.next_review_on and self.reviewed_on and self.next_review_on < self.reviewed_on:
            raise ValidationError({"next_review_on": _("次回振り返り予定日は振り返り日以降の日付にしてください。")})
