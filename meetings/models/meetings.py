"""Series, meetings, their programmes and material."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    Created,
    Timestamped,
    Versioned,
    choices_valid,
    generated_upload_name,
    printable_fiscal_year,
    user_link,
)
from core.wareki import fiscal_year_bounds, fiscal_year_of, format_fiscal_year, format_wareki


class MeetingSeries(Created):
    """A series of liaison meetings held in one fiscal year (年度)."""

    title = models.CharField(
        _("連絡会の名称"), max_length=200,
        help_text=_("例: 社会福祉法人等の社会貢献事業におけるネットワークづくりに向けた連絡会"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), help_text=_("西暦で入力します（平成27年度なら 2015）。4月から翌年3月まで。")
    )
    description = models.TextField(_("説明"), blank=True)

    history = HistoricalRecords(verbose_name=_("連絡会シリーズの変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("連絡会シリーズ")
        ordering = ["-fiscal_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "fiscal_year"], name="meeting_series_unique_title_per_year"),
            printable_fiscal_year(name="meeting_series_fiscal_year_range"),
        ]

    def __str__(self):
        return self.title

    def last_meeting(self):
        return self.meetings.order_by("-number").first()


class Meeting(Timestamped, Versioned):
    """One numbered meeting of a series (第2回), with its date, venue and status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("予定")
        HELD = "held", _("開催済")
        CANCELLED = "cancelled", _("中止")

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("連絡会シリーズ")
    )
    number = models.PositiveSmallIntegerField(_("回"), help_text=_("第何回の連絡会か。"))
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    venue = models.CharField(_("会場"), max_length=200, blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(_("備考"), blank=True)
    # The last day members answer themselves (inclusive, in the council's time zone); after it
    # only staff enter answers (代理入力): see policies.can_answer.
    answer_deadline = models.DateField(
        _("回答期限"), null=True, blank=True,
        help_text=_("この日まで法人が自分で出欠を回答できます。過ぎた後は事務局が代理入力します。"),
    )

    history = HistoricalRecords(verbose_name=_("連絡会の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("連絡会")
        ordering = ["starts_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="meeting_unique_number_per_series"),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            *choices_valid("meeting", status=["planned", "held", "cancelled"]),
        ]

    def __str__(self):
        return _("%(series)s 第%(number)s回") % {"series": self.series.title, "number": self.number}

    def clean(self):
        # The list, the participation matrix and the copy all read a meeting's year from its
        # series: a date outside that fiscal year would file the meeting under the wrong 年度.
        super().clean()
        if self.starts_at is None:
            return
        errors = {}
        if self.answer_deadline and self.answer_deadline > timezone.localdate(self.starts_at):
            errors["answer_deadline"] = gettext("回答期限は開催日以前の日にしてください。")
        fiscal_year = self.series.fiscal_year if self.series_id is not None else None
        if fiscal_year is not None and fiscal_year_of(self.starts_at) != fiscal_year:
            first, last = fiscal_year_bounds(fiscal_year)
            errors["starts_at"] = gettext("開始日時は%(fy)s（%(first)s〜%(last)s）の中にしてください。") % {
                "fy": format_fiscal_year(fiscal_year), "first": format_wareki(first), "last": format_wareki(last),
            }
        # A meeting still to come cannot have been held: the list, the report and the
        # participation figures would count a day that has not happened.
        if self.status == self.Status.HELD and timezone.localdate() < timezone.localdate(self.starts_at):
            errors["status"] = gettext("開催日（%(date)s）より前に「開催済」にはできません。") % {
                "date": format_wareki(timezone.localdate(self.starts_at)),
            }
        if errors:
            raise ValidationError(errors)

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.starts_at)

    @property
    def short_title(self) -> str:
        return _("第%(number)s回") % {"number": self.number}

    @property
    def accepts_answers(self) -> bool:
        """Members may answer (and change their answer) until a planned meeting starts."""
        return self.status == self.Status.PLANNED and timezone.now() < self.starts_at

    @property
    def answer_deadline_passed(self) -> bool:
        """The answer deadline's day is over (in the council's time zone)."""
        return self.answer_deadline is not None and timezone.localdate() > self.answer_deadline


class ProgramItem(Versioned):
    """One item of a meeting's programme (次第), in order."""

    class Kind(models.TextChoices):
        GREETING = "greeting", _("挨拶")
        PROPOSAL = "proposal", _("提案")
        LECTURE = "lecture", _("講演")
        PRACTICE_REPORT = "practice_report", _("実践報告")
        EXPLANATION = "explanation", _("説明")
        EXCHANGE = "exchange", _("情報交換")
        REPORT = "report", _("報告")
        SUMMARY = "summary", _("まとめ")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="program_items", verbose_name=_("連絡会")
    )
    order = models.PositiveSmallIntegerField(_("順番"))
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("題目"), max_length=200)
    speaker = models.CharField(_("話し手"), max_length=200, blank=True, help_text=_("講師や挨拶する人の所属と氏名。"))
    corporation = models.ForeignKey(
        "corporations.Corporation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="program_items", verbose_name=_("報告する法人"),
    )
    facility = models.ForeignKey(
        "corporations.Facility", on_delete=models.PROTECT, null=True, blank=True,
        related_name="program_items", verbose_name=_("報告する施設・事業所"),
    )
    notes = models.TextField(_("内容・メモ"), blank=True)

    history = HistoricalRecords(verbose_name=_("次第の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("次第の項目")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="program_item_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


def attachment_path(instance, filename: str) -> str:
    return generated_upload_name("meetings", filename)


class Attachment(models.Model):
    """Material (資料) of a meeting. Served only through a view that checks permission."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("連絡会"))
    file = models.FileField(_("ファイル"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("元のファイル名"), max_length=200)
    content_type = models.CharField(_("ファイルの種類"), max_length=100)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    uploaded_by = user_link(_("登録者"))
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("資料の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("資料")
        ordering = ["meeting", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
