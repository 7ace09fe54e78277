"""Invitations, the answers' names (出席予定者) and the mails sent about a meeting."""
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Versioned, choices_valid, user_link

from .meetings import Meeting


def answer_constraints(prefix: str) -> list[models.CheckConstraint]:
    """An answer is one of Invitation.Answer's values, and an answer given has its time ("not answered" has
    none): for a corporation's invitation and a guest alike."""
    return [
        *choices_valid(prefix, answer=["attend", "absent", "undecided", "pending"]),
        models.CheckConstraint(
            condition=Q(answer="pending") | Q(answered_at__isnull=False), name=f"{prefix}_answer_has_time"
        ),
    ]


class Invitation(Versioned):
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
    invited_by = user_link(_("案内した職員"), optional=True)
    answer = models.CharField(_("回答"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_by = user_link(_("回答を入力した人"), optional=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    is_proxy = models.BooleanField(
        _("代理入力"), default=False, help_text=_("事務局が法人に代わって回答を入力したとき。")
    )
    comment = models.TextField(_("連絡事項"), blank=True)
    reminded_at = models.DateTimeField(_("最後の催促日時"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("出欠回答の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("案内・出欠回答")
        ordering = ["meeting", "corporation__name_kana"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "corporation"], name="invitation_unique_per_meeting"),
            *answer_constraints("invitation"),
        ]
        # A corporation's invitations in meeting order (the outreach list's runs of misses, a page
        # of the participation matrix), read from the index alone.
        indexes = [models.Index(fields=["corporation", "meeting"], name="invitation_corp_meeting_idx")]

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
        verbose_name = verbose_name_plural = _("出席予定者")
        ordering = ["invitation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "name"], name="rsvp_person_unique_name"),
        ]

    def __str__(self):
        return self.name


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
        verbose_name = verbose_name_plural = _("連絡会のメール")
        ordering = ["meeting", "-created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "kind", "corporation"], name="meeting_mail_by_meeting")]

    def __str__(self):
        return f"{self.meeting} / {self.corporation} / {self.get_kind_display()}"
