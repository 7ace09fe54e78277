"""Liaison meetings (連絡会): series, meetings, programme, material, invitations, attendance.

Attendees' names are personal data: only staff see other corporations' attendees, and a
member sees its own corporation's answer only (see selectors.py).

Nothing recorded disappears by cascade: the records of a meeting (programme, material,
invitations and their names, attendance, group notes) PROTECT the meeting, and a facility
named on attendance or on an answer cannot be deleted (it retires with 運営中 instead).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.wareki import fiscal_year_bounds, fiscal_year_of, format_fiscal_year, format_wareki

# 1989 = 平成元年: the portal prints fiscal years in 平成/令和 only.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 1989, 2100


def is_printable_fiscal_year(fiscal_year: int | None) -> bool:
    """A fiscal year a series may have (its CheckConstraint): one that 和暦 can print."""
    return fiscal_year is not None and FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR


class MeetingSeries(models.Model):
    """A series of liaison meetings held in one fiscal year (年度)."""

    title = models.CharField(
        _("連絡会の名称"), max_length=200,
        help_text=_("例: 社会福祉法人等の社会貢献事業におけるネットワークづくりに向けた連絡会"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), help_text=_("西暦で入力します（平成27年度なら 2015）。4月から翌年3月まで。")
    )
    description = models.TextField(_("説明"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("連絡会シリーズの変更履歴"))

    class Meta:
        verbose_name = _("連絡会シリーズ")
        verbose_name_plural = _("連絡会シリーズ")
        ordering = ["-fiscal_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "fiscal_year"], name="meeting_series_unique_title_per_year"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="meeting_series_fiscal_year_range",
            ),
        ]

    def __str__(self):
        return self.title

    def last_meeting(self):
        return self.meetings.order_by("-number").first()


class Meeting(models.Model):
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
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("連絡会の変更履歴"))

    class Meta:
        verbose_name = _("連絡会")
        verbose_name_plural = _("連絡会")
        ordering = ["starts_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="meeting_unique_number_per_series"),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]), name="meeting_status_valid"
            ),
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


class ProgramItem(models.Model):
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

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("次第の変更履歴"))

    class Meta:
        verbose_name = _("次第の項目")
        verbose_name_plural = _("次第の項目")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="program_item_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


def attachment_path(instance, filename: str) -> str:
    # The stored name is generated: a user's file name never becomes a path on disk.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"meetings/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """Material (資料) of a meeting. Served only through a view that checks permission."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("連絡会"))
    file = models.FileField(_("ファイル"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("元のファイル名"), max_length=200)
    content_type = models.CharField(_("ファイルの種類"), max_length=100)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("資料の変更履歴"))

    class Meta:
        verbose_name = _("資料")
        verbose_name_plural = _("資料")
        ordering = ["meeting", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Invitation(models.Model):
    """A corporation invited to a meeting, and its answer (出欠回答)."""

    class Answer(models.TextChoices):
        ATTEND = "attend", _("出席")
        ABSENT = "absent", _("欠席")
        UNDECIDED = "undecided", _("未定")
        PENDING = "pending", _("未回答")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("連絡会"))
    corporation = models.ForeignKey(
        "corporations.Corporation", on_delete=models.PROTECT, related_name="meeting_invitations", verbose_name=_("法人")
    )
    invited_at = models.DateTimeField(_("案内日時"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("案内した職員"),
    )
    answer = models.CharField(_("回答"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("回答を入力した人"),
    )
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    is_proxy = models.BooleanField(
        _("代理入力"), default=False, help_text=_("事務局が法人に代わって回答を入力したとき。")
    )
    comment = models.TextField(_("連絡事項"), blank=True)
    reminded_at = models.DateTimeField(_("最後の催促日時"), null=True, blank=True)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("出欠回答の変更履歴"))

    class Meta:
        verbose_name = _("案内・出欠回答")
        verbose_name_plural = _("案内・出欠回答")
        ordering = ["meeting", "corporation__name_kana"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "corporation"], name="invitation_unique_per_meeting"),
            models.CheckConstraint(
                condition=Q(answer__in=["attend", "absent", "undecided", "pending"]), name="invitation_answer_valid"
            ),
            # An answer names who gave it and when; "not answered" has neither.
            models.CheckConstraint(
                condition=Q(answer="pending") | Q(answered_at__isnull=False), name="invitation_answer_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} / {self.corporation}"


class RsvpPerson(models.Model):
    """A person a corporation said would come, with the area group they will join."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, related_name="persons", verbose_name=_("出欠回答")
    )
    name = models.CharField(_("氏名"), max_length=100)
    title = models.CharField(_("役職"), max_length=100, blank=True)
    facility = models.ForeignKey(
        "corporations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("施設・事業所"),
    )
    area = models.ForeignKey(
        "corporations.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("参加するグループ"),
        help_text=_("地域別情報交換で入るグループ。既定は法人の主な地域です。"),
    )
    order = models.PositiveSmallIntegerField(_("順番"), default=0)

    # An answer's names are replaced whole (rsvp_answer): the history keeps the ones replaced.
    history = HistoricalRecords(verbose_name=_("出席予定者の変更履歴"))

    class Meta:
        verbose_name = _("出席予定者")
        verbose_name_plural = _("出席予定者")
        ordering = ["invitation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "name"], name="rsvp_person_unique_name"),
        ]

    def __str__(self):
        return self.name


class Attendee(models.Model):
    """A person at the meeting on the day (or expected and ticked absent)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendees", verbose_name=_("連絡会"))
    corporation = models.ForeignKey(
        "corporations.Corporation", on_delete=models.PROTECT, related_name="meeting_attendees", verbose_name=_("法人")
    )
    facility = models.ForeignKey(
        "corporations.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("施設・事業所"),
    )
    name = models.CharField(
        _("氏名"), max_length=100, blank=True, help_text=_("空欄は「氏名未記入」として一法人に一行まで記録できます。")
    )
    title = models.CharField(_("役職"), max_length=100, blank=True)
    area = models.ForeignKey(
        "corporations.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("グループ")
    )
    walk_in = models.BooleanField(_("当日参加"), default=False, help_text=_("事前の回答なしに当日来た人。"))
    present = models.BooleanField(_("出席"), default=False)
    order = models.PositiveSmallIntegerField(_("順番"), default=0)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("出席者の変更履歴"))

    class Meta:
        verbose_name = _("出席者")
        verbose_name_plural = _("出席者")
        ordering = ["meeting", "corporation__name_kana", "order", "pk"]
        constraints = [
            # Two staff saving the attendance screen at once must not record one person twice.
            models.UniqueConstraint(fields=["meeting", "corporation", "name"], name="attendee_unique_person"),
        ]
        indexes = [models.Index(fields=["meeting", "present"], name="attendee_meeting_present_idx")]

    def __str__(self):
        return self.name or str(_("（氏名未記入）"))


class AreaGroup(models.Model):
    """An area's group in the information exchange (地域別情報交換) of one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="area_groups", verbose_name=_("連絡会"))
    area = models.ForeignKey("corporations.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("地域"))
    facilitator = models.CharField(_("進行役"), max_length=100, blank=True)
    recorder = models.CharField(_("記録係"), max_length=100, blank=True)
    notes = models.TextField(_("話し合いの記録"), blank=True)
    report_back = models.TextField(_("全体会への報告"), blank=True)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("グループ記録の変更履歴"))

    class Meta:
        verbose_name = _("地域別グループ")
        verbose_name_plural = _("地域別グループ")
        ordering = ["meeting", "area__sort_order", "area__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "area"], name="area_group_unique_per_meeting"),
        ]

    def __str__(self):
        return f"{self.meeting} / {self.area}"


class Guest(models.Model):
    """Someone invited who belongs to no corporation: the ward's welfare department (区の福祉部),
    the lecturer, residents, other local bodies.

    A guest is one person, so the invitation, the answer and the presence on the day live on
    one row (a corporation's are three: Invitation, RsvpPerson, Attendee). Guests are counted
    apart from the corporations everywhere: "corporations attended" reads Attendee only,
    "guests present" reads this model only (selectors.attendance_counts)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="guests", verbose_name=_("連絡会"))
    name = models.CharField(_("氏名"), max_length=100)
    organisation = models.CharField(
        _("所属"), max_length=200, help_text=_("例: 練馬区 福祉部、○○大学、△△町会。個人の住民は「住民」。")
    )
    title = models.CharField(_("役職"), max_length=100, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True, help_text=_("任意。案内をメールで送るときに使います。"))
    answer = models.CharField(
        _("回答"), max_length=10, choices=Invitation.Answer.choices, default=Invitation.Answer.PENDING
    )
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    area = models.ForeignKey(
        "corporations.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("参加するグループ"),
    )
    walk_in = models.BooleanField(_("当日参加"), default=False, help_text=_("事前の登録なしに当日来た人。"))
    present = models.BooleanField(_("出席"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    # Raised by every save; an edit form carries it, so a save from an outdated screen is refused
    # (core/concurrency.py).
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    history = HistoricalRecords(verbose_name=_("来賓・関係者の変更履歴"))

    class Meta:
        verbose_name = _("来賓・関係者")
        verbose_name_plural = _("来賓・関係者")
        ordering = ["meeting", "organisation", "name", "pk"]
        constraints = [
            # Two clerks adding the same person on the day must not count them twice.
            models.UniqueConstraint(fields=["meeting", "organisation", "name"], name="guest_unique_person"),
            # A guest is a named person of a named body: otherwise they could not be counted apart.
            models.CheckConstraint(condition=~Q(name=""), name="guest_has_name"),
            models.CheckConstraint(condition=~Q(organisation=""), name="guest_has_organisation"),
            models.CheckConstraint(
                condition=Q(answer__in=["attend", "absent", "undecided", "pending"]), name="guest_answer_valid"
            ),
            models.CheckConstraint(
                condition=Q(answer="pending") | Q(answered_at__isnull=False), name="guest_answer_has_time"
            ),
        ]
        indexes = [models.Index(fields=["meeting", "present"], name="guest_meeting_present_idx")]

    def __str__(self):
        return f"{self.name}（{self.organisation}）"


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


class MeetingMail(models.Model):
    """A mail about a meeting (an invitation or a reminder) to one corporation's address or one of
    its editors: the link from the meeting to the mail queue's row (post_office Email), whose
    status (queued, sent, failed) and attempts the mail log shows. Written with the mail, in one
    transaction; the queue's row holds recipient, subject and text."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("案内")
        REMINDER = "reminder", _("催促")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="mails", verbose_name=_("連絡会"))
    corporation = models.ForeignKey(
        "corporations.Corporation", on_delete=models.PROTECT, related_name="+", verbose_name=_("法人")
    )
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    # The queue's row is the record of the mail; post_office's cleanup_mail (not run by the portal)
    # would delete old rows, and the link with them.
    email = models.OneToOneField(
        "post_office.Email", on_delete=models.CASCADE, related_name="meeting_mail", verbose_name=_("メール")
    )
    created_at = models.DateTimeField(_("送信予約日時"), default=timezone.now)

    class Meta:
        verbose_name = _("連絡会のメール")
        verbose_name_plural = _("連絡会のメール")
        ordering = ["meeting", "-created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "kind", "corporation"], name="meeting_mail_by_meeting")]

    def __str__(self):
        return f"{self.meeting} / {self.corporation} / {self.get_kind_display()}"
