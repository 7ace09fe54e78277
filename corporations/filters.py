import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.normalize import normalize_kana

from .models import Area, Corporation, Facility, ServiceType


def _kana_or_none(text: str) -> str | None:
    try:
        return normalize_kana(text)
    except forms.ValidationError:
        return None


class CorporationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("法人名・フリガナ"), method="filter_q")
    area = django_filters.ModelChoiceFilter(
        label=_("地域"), queryset=Area.objects.all(), method="filter_area", empty_label=_("すべて")
    )
    kind = django_filters.ChoiceFilter(label=_("法人種別"), choices=Corporation.Kind.choices, empty_label=_("すべて"))
    service_type = django_filters.ModelChoiceFilter(
        label=_("種別"), queryset=ServiceType.objects.all(), method="filter_service_type", empty_label=_("すべて"),
    )
    status = django_filters.ChoiceFilter(
        label=_("状態"),
        choices=[("active", _("活動中のみ")), ("inactive", _("活動終了のみ")), ("all", _("すべて"))],
        method="filter_status",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Corporation
        fields = ["q", "area", "kind", "service_type", "status"]

    def __init__(self, data=None, *args, **kwargs):
        # Without a choice, the register shows the corporations still active.
        data = data.copy() if data is not None else {}
        data.setdefault("status", "active")
        super().__init__(data, *args, **kwargs)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(name_kana__icontains=value)
        kana = _kana_or_none(value)
        if kana:
            condition |= Q(name_kana__icontains=kana)
        return queryset.filter(condition)

    # Both conditions on facilities are EXISTS subqueries, not joins with DISTINCT: the
    # paginator's count and the page stay plain queries over corporations, however many
    # facilities the register holds.
    def filter_area(self, queryset, name, value):
        # A corporation belongs to an area by its home, or by any of its facilities there.
        facility_there = Facility.objects.filter(corporation=OuterRef("pk"), area=value)
        return queryset.filter(Q(home_area=value) | Exists(facility_there))

    def filter_service_type(self, queryset, name, value):
        return queryset.filter(Exists(Facility.objects.filter(corporation=OuterRef("pk"), service_type=value)))

    def filter_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "inactive":
            return queryset.filter(is_active=False)
        return queryset
