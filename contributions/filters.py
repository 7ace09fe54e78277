import django_filters
from django.utils.translation import gettext_lazy as _

from corporations.models import Area

from .models import (
    NetworkPattern,
    Project,
    ProjectStatus,
    PublicationState,
    PublishedProject,
    TargetGroup,
    Theme,
)
from .search import search_terms


class CatalogueFilter(django_filters.FilterSet):
    """The public catalogue's filters. Keyword search runs over the folded search text."""

    q = django_filters.CharFilter(label=_("キーワード"), method="filter_q")
    area = django_filters.ModelChoiceFilter(
        label=_("地域"), queryset=Area.objects.filter(is_active=True), field_name="areas", empty_label=_("すべて")
    )
    pattern = django_filters.ModelChoiceFilter(
        label=_("ネットワークのパターン"), queryset=NetworkPattern.objects.order_by("number"), empty_label=_("すべて")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("テーマ"), queryset=Theme.objects.all(), field_name="themes", empty_label=_("すべて")
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("対象者"), queryset=TargetGroup.objects.all(), field_name="target_groups", empty_label=_("すべて")
    )
    status = django_filters.ChoiceFilter(label=_("実施状況"), choices=ProjectStatus.choices, empty_label=_("すべて"))

    class Meta:
        model = PublishedProject
        fields = ["q", "area", "pattern", "theme", "target_group", "status"]

    def filter_q(self, queryset, name, value):
        for term in search_terms(value):
            queryset = queryset.filter(search_text__contains=term)
        return queryset


class ProjectFilter(django_filters.FilterSet):
    """The projects list for staff and members (their own and joint projects)."""

    q = django_filters.CharFilter(label=_("キーワード"), method="filter_q")
    state = django_filters.ChoiceFilter(
        label=_("公開状態"), field_name="publication_state", choices=PublicationState.choices, empty_label=_("すべて")
    )
    status = django_filters.ChoiceFilter(label=_("実施状況"), choices=ProjectStatus.choices, empty_label=_("すべて"))
    pattern = django_filters.ModelChoiceFilter(
        label=_("ネットワークのパターン"), queryset=NetworkPattern.objects.order_by("number"), empty_label=_("すべて")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("地域"), queryset=Area.objects.all(), field_name="areas", empty_label=_("すべて")
    )

    class Meta:
        model = Project
        fields = ["q", "state", "status", "pattern", "area"]

    def filter_q(self, queryset, name, value):
        # The same folding as the catalogue, over the working copy's own search text.
        for term in search_terms(value):
            queryset = queryset.filter(search_text__contains=term)
        return queryset
