import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contributions.models import Theme
from corporations.models import Area, ServiceType

from .models import OPEN_STATUSES, Need, NeedKind, NeedStatus, Resource, ResourceKind
from .selectors import resource_area_q

WARD_WIDE = "ward"


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("キーワード"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("種類"), choices=NeedKind.choices, empty_label=_("すべて"))
    status = django_filters.ChoiceFilter(
        label=_("状況"), choices=[("open", _("未完了（受付・打診中・対応中）")), *NeedStatus.choices],
        method="filter_status", empty_label=_("すべて"),
    )
    area = django_filters.ModelChoiceFilter(label=_("地域"), queryset=Area.objects.all(), field_name="areas",
                                            empty_label=_("すべて"))
    theme = django_filters.ModelChoiceFilter(label=_("テーマ"), queryset=Theme.objects.all(), field_name="themes",
                                             empty_label=_("すべて"))
    resource_kind = django_filters.ModelChoiceFilter(label=_("求められる資源"), queryset=ResourceKind.objects.all(),
                                                     field_name="resource_kinds", empty_label=_("すべて"))

    class Meta:
        model = Need
        fields = ["q", "kind", "status", "area", "theme", "resource_kind"]

    def filter_q(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(Q(title__icontains=term) | Q(description__icontains=term))
        return queryset

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("キーワード"), method="filter_q")
    area = django_filters.ModelChoiceFilter(label=_("地域"), queryset=Area.objects.all(), method="filter_area",
                                            empty_label=_("すべて"))
    kind = django_filters.ModelChoiceFilter(label=_("資源の種類"), queryset=ResourceKind.objects.all(),
                                            empty_label=_("すべて"))
    service_type = django_filters.ModelChoiceFilter(label=_("施設の種別"), queryset=ServiceType.objects.all(),
                                                    field_name="facility__service_type", empty_label=_("すべて"))
    available = django_filters.ChoiceFilter(
        label=_("提供"), choices=[("yes", _("提供できるもの")), ("no", _("今は提供できないもの"))],
        method="filter_available", empty_label=_("すべて"),
    )

    class Meta:
        model = Resource
        fields = ["q", "area", "kind", "service_type", "available"]

    def filter_q(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(
                Q(title__icontains=term) | Q(description__icontains=term) | Q(corporation__name__icontains=term)
                | Q(facility__name__icontains=term)
            )
        return queryset

    def filter_area(self, queryset, name, value):
        return queryset.filter(resource_area_q([value.pk]))

    def filter_available(self, queryset, name, value):
        return queryset.filter(is_available=value == "yes")
