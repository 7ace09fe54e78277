"""A meeting's minutes (議事録): proceedings, decisions and follow-ups."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import Meeting


class Minutes(models.Model):
    """A meeting's minutes (議事録): the course of the meeting (議事の経過) in the clerk's words.

    Its decisions and follow-ups are rows of their own. The minutes' version covers the whole
    page: every save of the minutes page (text or rows) raises it, so a save from an outdated
    page is refused even when only a decision changed.
    """

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("連絡会")
    )
    proceedings = models.TextField(
        _("議事の経過"), blank=True, help_text=_("次第の順に、話し合われたことを記録します。")
    )
    recorder = models.CharField(_("記録者"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("議事録の変更履歴"))

    class Meta:
        verbose_name = _("議事録")
        verbose_name_plural = _("議事録")
        ordering = ["meeting"]

    def __str__(self):
        return gettext("%(meeting)s の議事録") % {"meeting": self.meeting}


class MinutesDecision(models.Model):
    """A decision (決定事項) recorded in the minutes, in order."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("議事録")
    )
    order = models.PositiveSmallIntegerField(_("順番"))
    text = models.TextField(_("決定事項"))

    history = HistoricalRecords(verbose_name=_("決定事項の変更履歴"))

    class Meta:
        verbose_name = _("決定事項")
        verbose_name_plural = _("決定事項")
        ordering = ["minutes", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "order"], name="minutes_decision_unique_order"),
            models.CheckConstraint(condition=~Q(text=""), name="minutes_decision_text_not_empty"),
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:40]}"


class MinutesFollowUp(models.Model):
    """A follow-up (次回までの宿題): what is to be done, by whom, by when, and whether it is done."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("議事録")
    )
    order = models.PositiveSmallIntegerField(_("順番"))
    task = models.TextField(_("内容"))
    owner = models.CharField(_("担当"), max_length=200, blank=True, help_text=_("担当する人・法人・事務局など。"))
    due_on = models.DateField(_("期限"), null=True, blank=True)
    done = models.BooleanField(_("完了"), default=False)

    history = HistoricalRecords(verbose_name=_("宿題の変更履歴"))

    class Meta:
        verbose_name = _("次回までの宿題")
        verbose_name_plural = _("次回までの宿題")
        ordering = ["minutes", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "order"], name="minutes_follow_up_unique_order"),
            models.CheckConstraint(condition=~Q(task=""), name="minutes_follow_up_task_not_empty"),
        ]

    def __str__(self):
        return f"{self.order}. {self.task[:40]}"
