from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from core.admin import RefuseDeleteWhileLinkedAdmin, VocabularyAdmin
from core.concurrency import VersionedAdminMixin

from .models import Area, Corporation, Facility, ServiceType


@admin.register(Area)
class AreaAdmin(VocabularyAdmin):
    list_display = ["name", "name_kana", "sort_order", "is_active"]
    search_fields = ["name", "name_kana"]


admin.site.register(ServiceType, VocabularyAdmin)


class FacilityInline(admin.TabularInline):
    model = Facility
    extra = 0
    fields = ["name", "name_kana", "service_type", "area", "is_active"]
    # A facility in use retires with 運営中; one never used is deleted on its own page, which
    # lists what still refers to it.
    can_delete = False


@admin.register(Corporation)
class CorporationAdmin(VersionedAdminMixin, RefuseDeleteWhileLinkedAdmin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "name_kana", "kind", "home_area", "phone", "is_active"]
    list_filter = ["is_active", "kind", "home_area", "facilities__service_type"]
    search_fields = ["name", "name_kana", "address", "representative"]
    list_select_related = ["home_area"]
    inlines = [FacilityInline]


@admin.register(Facility)
class FacilityAdmin(VersionedAdminMixin, RefuseDeleteWhileLinkedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "corporation", "service_type", "area", "is_active"]
    list_filter = ["is_active", "service_type", "area"]
    search_fields = ["name", "name_kana", "corporation__name", "corporation__name_kana"]
    list_select_related = ["corporation", "service_type", "area"]
    autocomplete_fields = ["corporation"]
