"""Offer requests (打診): a need sent to a corporation, answered 応諾 / 辞退."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import choices_valid, user_link
from corporations.models import Corporation

from .needs import Need


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("未回答")
    ACCEPTED = "accepted", _("応諾")
    DECLINED = "declined", _("辞退")


class OfferRequest(models.Model):
    """An offer request (打診): a need sent to one corporation, and its answer."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="offers", verbose_name=_("ニーズ"))
    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="offer_requests", verbose_name=_("法人")
    )
    message = models.TextField(_("事務局からのメッセージ"), blank=True)
    sent_at = models.DateTimeField(_("打診日時"))
    sent_by = user_link(_("打診した人"))
    status = models.CharField(_("回答"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING)
    answer_message = models.TextField(_("回答のメッセージ"), blank=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    answered_by = user_link(_("回答した人"), optional=True)
    is_engaged = models.BooleanField(
        _("対応する法人"), default=False, help_text=_("事務局が「対応中」にするとき、引き受けた法人に付けます。"),
    )
    reminded_at = models.DateTimeField(_("最後の催促日時"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("催促の回数"), default=0)

    history = HistoricalRecords(verbose_name=_("打診の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("打診")
        ordering = ["need", "corporation__name_kana", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "corporation"], name="offer_one_per_need_and_corporation"),
            *choices_valid("offer", status=OfferStatus.values),
            # An answer has a time and a person; an unanswered request has neither.
            models.CheckConstraint(
                condition=Q(status=OfferStatus.PENDING, answered_at__isnull=True, answered_by__isnull=True)
                | (~Q(status=OfferStatus.PENDING) & Q(answered_at__isnull=False, answered_by__isnull=False)),
                name="offer_answer_consistent",
            ),
            models.CheckConstraint(
                condition=Q(is_engaged=False) | Q(status=OfferStatus.ACCEPTED), name="offer_engaged_only_if_accepted"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=F("sent_at")),
                name="offer_answered_after_sent",
            ),
        ]
        indexes = [models.Index(fields=["corporation", "status"], name="offer_corporation_status_idx")]

    def __str__(self):
        return f"{self.need} → {self.corporation}"

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING
