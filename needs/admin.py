from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin, VocabularyAdmin

from .models import (
    CaseView,
    Need,
    NeedProject,
    NeedStatusChange,
    OfferRequest,
    Resource,
    ResourceKind,
)

admin.site.register(ResourceKind, VocabularyAdmin)


class JoinsLinkedRows:
    """The change list joins the rows each line links to by id (its raw_id_fields): one query for the page."""

    def get_list_select_related(self, request):
        return self.raw_id_fields


@admin.register(Need)
class NeedAdmin(JoinsLinkedRows, SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "received_on", "urgency", "visibility", "in_charge"]
    list_filter = ["kind", "status", "visibility", "urgency", "areas"]
    search_fields = ["title", "public_title"]
    filter_horizontal = ["areas", "themes", "target_groups", "resource_kinds"]
    raw_id_fields = ["in_charge"]
    readonly_fields = ["status", "status_changed_at", "published_at", "published_by", "created_by"]


@admin.register(NeedStatusChange)
class NeedStatusChangeAdmin(JoinsLinkedRows, admin.ModelAdmin):
    list_display = ["need", "from_status", "to_status", "changed_at", "changed_by"]
    list_filter = ["to_status"]
    search_fields = ["need__title"]
    raw_id_fields = ["need", "changed_by"]


@admin.register(CaseView)
class CaseViewAdmin(JoinsLinkedRows, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The reading record of cases: read-only, even for staff."""

    list_display = ["need", "user", "corporation", "viewed_at"]
    search_fields = ["need__title", "user__username"]
    raw_id_fields = ["need", "user", "corporation"]


@admin.register(NeedProject)
class NeedProjectAdmin(JoinsLinkedRows, SimpleHistoryAdmin):
    list_display = ["need", "project", "linked_at", "linked_by"]
    search_fields = ["need__title", "project__title"]
    raw_id_fields = ["need", "project", "linked_by"]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "corporation", "facility", "kind", "fee", "is_available", "is_public"]
    list_filter = ["kind", "fee", "is_available", "is_public"]
    search_fields = ["title", "corporation__name", "facility__name"]
    raw_id_fields = ["corporation", "facility"]
    list_select_related = ["corporation", "facility", "kind"]


@admin.register(OfferRequest)
class OfferRequestAdmin(SimpleHistoryAdmin):
    list_display = ["need", "corporation", "status", "sent_at", "answered_at", "is_engaged", "reminder_count"]
    list_filter = ["status", "is_engaged"]
    search_fields = ["need__title", "corporation__name"]
    raw_id_fields = ["need", "corporation", "sent_by", "answered_by"]
    list_select_related = ["need", "corporation"]
