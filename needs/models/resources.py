"""What corporations offer (社会資源): its kinds, fees and the resources themselves."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Timestamped, Vocabulary, choices_valid, not_blank
from corporations.models import Corporation, Facility


class ResourceKind(Vocabulary):
    """A kind of resource (場所・部屋, 車両 …): an editable list, seeded by a data migration."""

    name = models.CharField(_("資源の種類"), max_length=50, unique=True)

    class Meta(Vocabulary.Meta):
        verbose_name = verbose_name_plural = _("社会資源の種類")


class Fee(models.TextChoices):
    FREE = "free", _("無料")
    CHARGED = "charged", _("有料")
    NEGOTIABLE = "negotiable", _("応相談")


class Resource(Timestamped):
    """What a corporation can offer the network, at one facility or corporation-wide."""

    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="resources", verbose_name=_("法人")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="resources",
        verbose_name=_("施設・事業所"), help_text=_("空欄なら法人全体の資源です（地域は法人の主な地域）。"),
    )
    kind = models.ForeignKey(
        ResourceKind, on_delete=models.PROTECT, related_name="resources", verbose_name=_("資源の種類"),
    )
    title = models.CharField(_("名称"), max_length=200, help_text=_("例: 地域交流スペース（30名）"))
    description = models.TextField(_("内容"), blank=True)
    days = models.CharField(_("曜日"), max_length=100, blank=True, help_text=_("例: 平日、第2土曜日"))
    hours = models.CharField(_("時間帯"), max_length=100, blank=True, help_text=_("例: 10時〜16時"))
    fee = models.CharField(_("費用"), max_length=12, choices=Fee.choices, default=Fee.FREE)
    fee_note = models.CharField(_("費用の補足"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("定員・数量"), null=True, blank=True)
    is_available = models.BooleanField(_("提供できる"), default=True, help_text=_("今は提供できないときは外します。"))
    is_public = models.BooleanField(
        _("一般に公開"), default=False, help_text=_("公開ページに載せます（連絡担当者は載りません）。"),
    )
    contact_name = models.CharField(_("連絡担当者"), max_length=100, help_text=_("ネットワーク内の連絡先です。"))
    contact_phone = models.CharField(_("連絡先電話番号"), max_length=20, blank=True)
    contact_email = models.EmailField(_("連絡先メールアドレス"), blank=True)

    history = HistoricalRecords(verbose_name=_("社会資源の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("社会資源")
        ordering = ["corporation__name_kana", "kind__sort_order", "title", "pk"]
        constraints = [
            *choices_valid("resource", fee=Fee.values),
            not_blank("contact_name", name="resource_contact_required"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="resource_capacity_positive",
            ),
        ]
        # The directory and the matching filter available resources by corporation and kind.
        indexes = [models.Index(fields=["is_available", "kind"], name="resource_available_kind_idx")]

    def __str__(self):
        return self.title

    @property
    def area(self):
        """The facility's area, else the corporation's home area."""
        return self.facility.area if self.facility_id else self.corporation.home_area

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.facility_id and self.corporation_id and self.facility.corporation_id != self.corporation_id:
            raise ValidationError({"facility": _("この法人の施設・事業所を選んでください。")})
