from django.contrib import admin
from django.db import models
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Corporation, Facility, ServiceType, many_to_many_links


class RefuseDeleteWhileLinkedAdmin(admin.ModelAdmin):
    """The delete page lists the rows that link here (many-to-many) as protected and deletes nothing.

    Without it the page would offer the delete and the model's pre_delete guard would fail it.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        linked = [f"{capfirst(row._meta.verbose_name)}: {row}" for obj in objs for row in many_to_many_links(obj)]
        return to_delete, model_count, perms_needed, [*protected, *linked]


@admin.register(Area)
class AreaAdmin(RefuseDeleteWhileLinkedAdmin):
    list_display = ["name", "name_kana", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "name_kana"]


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name"]


class FacilityInline(admin.TabularInline):
    model = Facility
    extra = 0
    fields = ["name", "name_kana", "service_type", "area", "is_active"]
    # A facility in use retires with 運営中; one never used is deleted on its own page, which
    # lists what still refers to it.
    can_delete = False


@admin.register(Corporation)
class CorporationAdmin(RefuseDeleteWhileLinkedAdmin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "name_kana", "kind", "home_area", "phone", "is_active"]
    list_filter = ["is_active", "kind", "home_area", "facilities__service_type"]
    search_fields = ["name", "name_kana", "address", "representative"]
    list_select_related = ["home_area"]
    inlines = [FacilityInline]


@admin.register(Facility)
class FacilityAdmin(RefuseDeleteWhileLinkedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "corporation", "service_type", "area", "is_active"]
    list_filter = ["is_active", "service_type", "area"]
    search_fields = ["name", "name_kana", "corporation__name", "corporation__name_kana"]
    list_select_related = ["corporation", "service_type", "area"]
    autocomplete_fields = ["corporation"]
