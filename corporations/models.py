from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    Timestamped,
    Versioned,
    Vocabulary,
    not_blank,
    refuse_delete_while_linked,
    vocabulary_name,
)

# The stored forms that the normalising forms produce; the database refuses anything else.
POSTAL_CODE_REGEX = r"^[0-9]{3}-[0-9]{4}$"
PHONE_REGEX = r"^0[0-9-]{9,12}$"


def contact_constraints(prefix: str) -> list[models.CheckConstraint]:
    """A corporation's or a facility's postal code and phone in their stored forms (or empty), and a reading."""
    return [
        models.CheckConstraint(
            condition=Q(postal_code="") | Q(postal_code__regex=POSTAL_CODE_REGEX), name=f"{prefix}_postal_code_format"
        ),
        models.CheckConstraint(condition=Q(phone="") | Q(phone__regex=PHONE_REGEX), name=f"{prefix}_phone_format"),
        not_blank("name_kana", name=f"{prefix}_name_kana_required"),
    ]


class Area(Vocabulary):
    """An area of the ward (練馬, 光が丘, 石神井, 大泉 in Nerima). Editable: wards differ."""

    name = vocabulary_name(_("地域名"))
    name_kana = models.CharField(_("フリガナ"), max_length=100, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = verbose_name_plural = _("地域")


class ServiceType(Vocabulary):
    """A facility's service type (種別): 高齢, 障害, 児童・保育 …"""

    name = vocabulary_name(_("種別名"))

    class Meta(Vocabulary.Meta):
        verbose_name = verbose_name_plural = _("種別")


class Corporation(Timestamped, Versioned):
    """A member organisation: a social-welfare corporation, a 事業団, an NPO …"""

    class Kind(models.TextChoices):
        SOCIAL_WELFARE = "social_welfare", _("社会福祉法人")
        PUBLIC_AGENCY = "public_agency", _("事業団")
        NPO = "npo", _("NPO法人")
        OTHER = "other", _("その他")

    name = models.CharField(_("法人名"), max_length=200, unique=True)
    name_kana = models.CharField(
        _("フリガナ"), max_length=200, help_text=_("五十音順の並べ替えに使います。カタカナで入力してください。")
    )
    kind = models.CharField(_("法人種別"), max_length=20, choices=Kind.choices, default=Kind.SOCIAL_WELFARE)
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True, help_text=_("例: 176-0012"))
    address = models.CharField(_("所在地"), max_length=300, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True, help_text=_("例: 03-3993-9931"))
    email = models.EmailField(_("メールアドレス"), blank=True)
    website = models.URLField(_("ホームページ"), blank=True)
    representative = models.CharField(_("代表者"), max_length=100, blank=True)
    home_area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="corporations", verbose_name=_("主な地域"),
        help_text=_("地域別情報交換で既定となる地域です。"),
    )
    is_active = models.BooleanField(
        _("活動中"), default=True, help_text=_("解散・退会した法人は外します。記録は残ります。")
    )
    notes = models.TextField(_("備考"), blank=True)

    history = HistoricalRecords(verbose_name=_("法人の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("法人")
        ordering = ["name_kana", "name"]
        constraints = contact_constraints("corporation")
        indexes = [models.Index(fields=["name_kana"], name="corporation_kana_idx")]

    def __str__(self):
        return self.name


class Facility(Timestamped, Versioned):
    """A corporation's site (施設・事業所), with a service type and an area."""

    corporation = models.ForeignKey(
        Corporation, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("法人")
    )
    name = models.CharField(_("施設・事業所名"), max_length=200)
    name_kana = models.CharField(_("フリガナ"), max_length=200)
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("種別")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("地域"))
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True, help_text=_("例: 178-0063"))
    address = models.CharField(_("所在地"), max_length=300, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    capacity = models.PositiveIntegerField(_("定員"), null=True, blank=True)
    notes = models.TextField(_("備考"), blank=True)
    is_active = models.BooleanField(_("運営中"), default=True)

    history = HistoricalRecords(verbose_name=_("施設の変更履歴"))

    class Meta:
        verbose_name = verbose_name_plural = _("施設・事業所")
        ordering = ["corporation__name_kana", "name_kana", "name"]
        constraints = [
            models.UniqueConstraint(fields=["corporation", "name"], name="facility_unique_name_per_corporation"),
            *contact_constraints("facility"),
        ]

    def __str__(self):
        return self.name


for _model in (Area, Corporation, Facility):
    pre_delete.connect(refuse_delete_while_linked, sender=_model, dispatch_uid=f"refuse_delete_{_model.__name__}")
