"""The admin of meetings data.

Built to hold at any size: no filter lists every meeting (a meeting's name reads its series,
so such a filter cost a query per meeting), lists select what they print, and a change form
picks a meeting, corporation, facility, answer or account with a search box
(autocomplete_fields / raw_id_fields) instead of a <select> over the whole table.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin
from core.concurrency import VersionedAdminMixin
from core.wareki import format_fiscal_year

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


class FiscalYearFilter(admin.SimpleListFilter):
    """年度 of the meeting: one choice per fiscal year that has a series."""

    title = _("年度")
    parameter_name = "fiscal_year"
    meeting_path = "meeting__"

    def lookups(self, request, model_admin):
        years = MeetingSeries.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
        return [(str(year), format_fiscal_year(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.meeting_path}series__fiscal_year": int(value)})
        return queryset


class MeetingOfYearFilter(admin.SimpleListFilter):
    """The meetings of the chosen 年度 (shown once a year is chosen): at most a year's meetings,
    read in one query with their series."""

    title = _("連絡会")
    parameter_name = "meeting"
    meeting_path = "meeting"

    def lookups(self, request, model_admin):
        year = request.GET.get(FiscalYearFilter.parameter_name, "")
        if not year.isdigit():
            return []
        meetings = Meeting.objects.filter(series__fiscal_year=int(year)).select_related("series")
        return [(str(meeting.pk), str(meeting)) for meeting in meetings.order_by("starts_at", "number")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.meeting_path}_id": int(value)})
        return queryset


class InvitationFiscalYearFilter(FiscalYearFilter):
    meeting_path = "invitation__meeting__"


class InvitationMeetingFilter(MeetingOfYearFilter):
    meeting_path = "invitation__meeting"


class SeriesFiscalYearFilter(FiscalYearFilter):
    meeting_path = ""


class LargeTableAdminMixin:
    """Invitations, answers' names and attendees grow with every meeting (a million rows at
    issue 13's 100×): the list shows the newest first, read by the primary key's index instead
    of sorting the whole table by meeting and corporation, and counts only what is filtered."""

    ordering = ["-pk"]
    show_full_result_count = False


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
    list_filter = ["status", SeriesFiscalYearFilter]
    search_fields = ["series__title", "venue", "notes"]
    list_select_related = ["series"]
    autocomplete_fields = ["series"]
    inlines = [ProgramItemInline]

    def get_queryset(self, request):
        # The autocomplete of other admins' meeting fields prints str(meeting), which reads the series.
        # (A queryset that selects related rows already skips list_select_related: name them all.)
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(ProgramItem)
class ProgramItemAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "order", "kind", "title", "speaker"]
    list_filter = ["kind", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["title", "speaker", "notes"]
    list_select_related = ["meeting__series"]
    autocomplete_fields = ["meeting", "corporation", "facility"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "meeting", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["original_name"]
    list_select_related = ["meeting__series", "uploaded_by"]
    autocomplete_fields = ["meeting"]
    raw_id_fields = ["uploaded_by"]


class RsvpPersonInline(admin.TabularInline):
    model = RsvpPerson
    extra = 0
    autocomplete_fields = ["facility"]


@admin.register(Invitation)
class InvitationAdmin(LargeTableAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "corporation", "answer", "is_proxy", "answered_by", "answered_at"]
    list_filter = ["answer", "is_proxy", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["corporation__name", "corporation__name_kana", "comment"]
    list_select_related = ["meeting__series", "corporation", "answered_by"]
    autocomplete_fields = ["meeting", "corporation"]
    raw_id_fields = ["invited_by", "answered_by"]
    inlines = [RsvpPersonInline]

    def get_queryset(self, request):
        # The autocomplete of the answers' names prints str(invitation): meeting, series, corporation.
        # (A queryset that selects related rows already skips list_select_related: name them all.)
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(RsvpPerson)
class RsvpPersonAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "title", "invitation", "area"]
    list_filter = ["area", InvitationFiscalYearFilter, InvitationMeetingFilter]
    search_fields = ["name", "title", "invitation__corporation__name"]
    list_select_related = ["invitation__meeting__series", "invitation__corporation", "area"]
    autocomplete_fields = ["invitation", "facility"]


@admin.register(Attendee)
class AttendeeAdmin(LargeTableAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "title", "corporation", "meeting", "area", "present", "walk_in"]
    list_filter = ["present", "walk_in", "area", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["name", "title", "corporation__name", "corporation__name_kana"]
    list_select_related = ["corporation", "meeting__series", "area"]
    autocomplete_fields = ["meeting", "corporation", "facility"]


@admin.register(AreaGroup)
class AreaGroupAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "area", "facilitator", "recorder"]
    list_filter = ["area", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["notes", "report_back", "facilitator", "recorder"]
    list_select_related = ["meeting__series", "area"]
    autocomplete_fields = ["meeting"]


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
    list_filter = [FiscalYearFilter]
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
    list_filter = ["present", "walk_in", "answer", "area", FiscalYearFilter, MeetingOfYearFilter]
    search_fields = ["name", "organisation", "title"]
    list_select_related = ["meeting__series", "area"]
    autocomplete_fields = ["meeting"]


@admin.register(MeetingMail)
class MeetingMailAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The link from a meeting to its mails (written with the mail; the queue row holds the rest).
    A mail per corporation and editor for every invitation and reminder: a large table (95,000
    rows at 100×, sorted whole by the model's ordering before: benchmarks/scale.md)."""

    list_display = ["meeting", "corporation", "kind", "created_at"]
    list_filter = ["kind", FiscalYearFilter, MeetingOfYearFilter]
    list_select_related = ["meeting__series", "corporation"]
    search_fields = ["corporation__name"]
    raw_id_fields = ["meeting", "corporation", "email"]
