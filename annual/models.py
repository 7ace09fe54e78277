"""The council's own words in a fiscal year's report: 総括 and 次年度の課題, one row per 年度.

Everything else the report prints is read from the meetings, projects and needs as they are.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Versioned, printable_fiscal_year, user_link
from core.wareki import format_fiscal_year


class YearNarrative(Versioned):
    """What the council writes about its year: the summary and the next year's issues."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    summary = models.TextField(_("総括"), blank=True, help_text=_("この年度のネットワークの取組みのまとめ。"))
    next_issues = models.TextField(_("次年度の課題"), blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = user_link(_("更新した職員"), optional=True)

    history = HistoricalRecords(verbose_name=_("総括・次年度の課題の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("総括・次年度の課題")
        ordering = ["-fiscal_year"]
        constraints = [
            printable_fiscal_year(name="year_narrative_fiscal_year_range"),
        ]

    def __str__(self):
        return str(format_fiscal_year(self.fiscal_year))


class ClosedYear(models.Model):
    """A fiscal year the council has closed (年度の締め) once its 事業報告 was adopted: the report's
    figures as they were then (annual/closing.py), which the page, the .xlsx and the .docx print from
    then on, whatever later changes to the register. Reopening keeps the row and its history."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    is_closed = models.BooleanField(_("締め済み"), default=True)
    # What the page prints (its sections as rendered, the cover, the narrative): small, read on each view.
    page = models.JSONField(_("締めた時点のページ"), default=dict, blank=True, editable=False)
    # Every table and chart of the .xlsx and .docx (every row: megabytes at 100×), read by the exports only.
    figures = models.JSONField(_("締めた時点の数字"), default=dict, blank=True, editable=False)
    closed_at = models.DateTimeField(_("締めた日時"), null=True, blank=True)
    closed_by = user_link(_("締めた職員"), on_delete=models.SET_NULL, optional=True)

    history = HistoricalRecords(verbose_name=_("年度の締めの履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("年度の締め")
        ordering = ["-fiscal_year"]
        constraints = [
            printable_fiscal_year(name="closed_year_fiscal_year_range"),
            models.CheckConstraint(
                condition=Q(is_closed=False) | Q(closed_at__isnull=False), name="closed_year_closed_has_date",
            ),
        ]

    def __str__(self):
        return str(format_fiscal_year(self.fiscal_year))
