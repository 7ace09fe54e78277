from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin
from core.concurrency import VersionedAdminMixin

from .models import (
    AreaGroup,
    Attachment,
    Attendee,
    Guest,
    Invitation,
    Meeting,
    MeetingMail,
    MeetingSeries,
    Minutes,
    MinutesDecision,
    MinutesFollowUp,
    ProgramItem,
    RsvpPerson,
)


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(SimpleHistoryAdmin):
    list_display = ["title", "fiscal_year"]
    list_filter = ["fiscal_year"]
    search_fields = ["title", "description"]


class ProgramItemInline(admin.TabularInline):
    model = ProgramItem
    extra = 0
    fields = ["order", "kind", "title", "speaker", "corporation", "facility"]
    autocomplete_fields = ["corporation", "facility"]


@admin.register(Meeting)
class MeetingAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["series", "number", "starts_at", "venue", "status"]
    list_filter = ["status", "series__fiscal_year", "series"]
    search_fields = ["series__title", "venue", "notes"]
    list_select_related = ["series"]
    inlines = [ProgramItemInline]


@admin.register(ProgramItem)
class ProgramItemAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "order", "kind", "title", "speaker"]
    list_filter = ["kind", "meeting__series"]
    search_fields = ["title", "speaker", "notes"]
    list_select_related = ["meeting__series"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "meeting", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type", "meeting__series"]
    search_fields = ["original_name"]
    list_select_related = ["meeting__series", "uploaded_by"]


class RsvpPersonInline(admin.TabularInline):
    model = RsvpPerson
    extra = 0


@admin.register(Invitation)
class InvitationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "corporation", "answer", "is_proxy", "answered_by", "answered_at"]
    list_filter = ["answer", "is_proxy", "meeting__series", "meeting"]
    search_fields = ["corporation__name", "corporation__name_kana", "comment"]
    list_select_related = ["meeting__series", "corporation", "answered_by"]
    inlines = [RsvpPersonInline]


@admin.register(RsvpPerson)
class RsvpPersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "invitation", "area"]
    list_filter = ["area", "invitation__meeting"]
    search_fields = ["name", "title", "invitation__corporation__name"]


@admin.register(Attendee)
class AttendeeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "title", "corporation", "meeting", "area", "present", "walk_in"]
    list_filter = ["present", "walk_in", "area", "meeting"]
    search_fields = ["name", "title", "corporation__name", "corporation__name_kana"]
    list_select_related = ["corporation", "meeting__series", "area"]


@admin.register(AreaGroup)
class AreaGroupAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "area", "facilitator", "recorder"]
    list_filter = ["area", "meeting"]
    search_fields = ["notes", "report_back", "facilitator", "recorder"]
    list_select_related = ["meeting__series", "area"]


# Minutes are written on the portal's own page (one version for the text and its rows, so an
# outdated save is refused there); the admin only reads them.
class MinutesDecisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MinutesDecision
    extra = 0
    fields = ["order", "text"]


class MinutesFollowUpInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MinutesFollowUp
    extra = 0
    fields = ["order", "task", "owner", "due_on", "done"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "recorder", "updated_at"]
    list_filter = ["meeting__series__fiscal_year"]
    search_fields = ["meeting__series__title", "proceedings", "decisions__text", "follow_ups__task"]
    list_select_related = ["meeting__series"]
    inlines = [MinutesDecisionInline, MinutesFollowUpInline]


@admin.register(MinutesDecision)
class MinutesDecisionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["minutes", "order", "text"]
    search_fields = ["text"]
    list_select_related = ["minutes__meeting__series"]


@admin.register(MinutesFollowUp)
class MinutesFollowUpAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["minutes", "order", "task", "owner", "due_on", "done"]
    list_filter = ["done"]
    search_fields = ["task", "owner"]
    list_select_related = ["minutes__meeting__series"]


@admin.register(Guest)
class GuestAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """Guests (no corporation) of a meeting. Counted apart from the corporations everywhere."""

    list_display = ["name", "organisation", "title", "meeting", "answer", "area", "present", "walk_in"]
    list_filter = ["present", "walk_in", "answer", "area"]
    search_fields = ["name", "organisation", "title"]
    list_select_related = ["meeting__series", "area"]
    raw_id_fields = ["meeting"]


@admin.register(MeetingMail)
class MeetingMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The link from a meeting to its mails (written with the mail; the queue row holds the rest)."""

    list_display = ["meeting", "corporation", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["meeting__series", "corporation"]
    search_fields = ["corporation__name"]
    raw_id_fields = ["meeting", "corporation", "email"]
