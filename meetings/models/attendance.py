"""Who was there: attendees of corporations, guests (来賓・関係者) apart, and the area groups."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Created, Versioned, not_blank

from .invitations import Invitation, answer_constraints
from .meetings import Meeting


class Attendee(Versioned):
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

    history = HistoricalRecords(verbose_name=_("出席者の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("出席者")
        ordering = ["meeting", "corporation__name_kana", "order", "pk"]
        constraints = [
            # Two staff saving the attendance screen at once must not record one person twice.
            models.UniqueConstraint(fields=["meeting", "corporation", "name"], name="attendee_unique_person"),
        ]
        indexes = [
            models.Index(fields=["meeting", "present"], name="attendee_meeting_present_idx"),
            # Participation and the outreach list read who came, never the absent rows: the year's
            # (meeting, corporation) pairs and a corporation's meetings, from the index alone.
            models.Index(
                fields=["meeting", "corporation"], condition=Q(present=True), name="attendee_came_meeting_idx"
            ),
            models.Index(fields=["corporation", "meeting"], condition=Q(present=True), name="attendee_came_corp_idx"),
        ]

    def __str__(self):
        return self.name or str(_("（氏名未記入）"))


class AreaGroup(Versioned):
    """An area's group in the information exchange (地域別情報交換) of one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="area_groups", verbose_name=_("連絡会"))
    area = models.ForeignKey("corporations.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("地域"))
    facilitator = models.CharField(_("進行役"), max_length=100, blank=True)
    recorder = models.CharField(_("記録係"), max_length=100, blank=True)
    notes = models.TextField(_("話し合いの記録"), blank=True)
    report_back = models.TextField(_("全体会への報告"), blank=True)

    history = HistoricalRecords(verbose_name=_("グループ記録の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("地域別グループ")
        ordering = ["meeting", "area__sort_order", "area__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "area"], name="area_group_unique_per_meeting"),
        ]

    def __str__(self):
        return f"{self.meeting} / {self.area}"


class Guest(Created, Versioned):
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

    history = HistoricalRecords(verbose_name=_("来賓・関係者の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("来賓・関係者")
        ordering = ["meeting", "organisation", "name", "pk"]
        constraints = [
            # Two clerks adding the same person on the day must not count them twice.
            models.UniqueConstraint(fields=["meeting", "organisation", "name"], name="guest_unique_person"),
            # A guest is a named person of a named body: otherwise they could not be counted apart.
            not_blank("name", name="guest_has_name"),
            not_blank("organisation", name="guest_has_organisation"),
            *answer_constraints("guest"),
        ]
        indexes = [models.Index(fields=["meeting", "present"], name="guest_meeting_present_idx")]

    def __str__(self):
        return f"{self.name}（{self.organisation}）"
