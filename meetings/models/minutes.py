"""A meeting's minutes (議事録): proceedings, decisions and follow-ups."""
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Timestamped, Versioned, not_blank

from .meetings import Meeting


class Minutes(Timestamped, Versioned):
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

    history = HistoricalRecords(verbose_name=_("議事録の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("議事録")
        ordering = ["meeting"]

    def __str__(self):
        return gettext("%(meeting)s の議事録") % {"meeting": self.meeting}


class MinutesRow(models.Model):
    """A numbered row of the minutes (a decision, a follow-up): in order, its text never empty.

    A subclass has its `minutes` link and names its text field in `text_field`.
    """

    text_field = ""

    order = models.PositiveSmallIntegerField(_("順番"))

    class Meta:
        abstract = True
        ordering = ["minutes", "order", "pk"]

    def __str__(self):
        return f"{self.order}. {getattr(self, self.text_field)[:40]}"


def minutes_row_constraints(prefix: str, text_field: str) -> list:
    """One row at each place in the minutes' order; its text never empty."""
    return [
        models.UniqueConstraint(fields=["minutes", "order"], name=f"{prefix}_unique_order"),
        not_blank(text_field, name=f"{prefix}_{text_field}_not_empty"),
    ]


class MinutesDecision(MinutesRow):
    """A decision (決定事項) recorded in the minutes, in order."""

    text_field = "text"

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("議事録")
    )
    text = models.TextField(_("決定事項"))

    history = HistoricalRecords(verbose_name=_("決定事項の変更履歴"))

    class Meta(MinutesRow.Meta):
        verbose_name = verbose_name_plural = _("決定事項")
        constraints = minutes_row_constraints("minutes_decision", "text")


class MinutesFollowUp(MinutesRow):
    """A follow-up (次回までの宿題): what is to be done, by whom, by when, and whether it is done."""

    text_field = "task"

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("議事録")
    )
    task = models.TextField(_("内容"))
    owner = models.CharField(_("担当"), max_length=200, blank=True, help_text=_("担当する人・法人・事務局など。"))
    due_on = models.DateField(_("期限"), null=True, blank=True)
    done = models.BooleanField(_("完了"), default=False)

    history = HistoricalRecords(verbose_name=_("宿題の変更履歴"))

    class Meta(MinutesRow.Meta):
        verbose_name = verbose_name_plural = _("次回までの宿題")
        constraints = minutes_row_constraints("minutes_follow_up", "task")
