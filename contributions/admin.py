from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from corporations.admin import RefuseDeleteWhileLinkedAdmin

from .models import (
    NetworkPattern,
    Project,
    ProjectPhoto,
    ProjectReview,
    PublishedProject,
    TargetGroup,
    Theme,
)


@admin.register(NetworkPattern)
class NetworkPatternAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "color"]
    list_editable = ["name", "color"]
    search_fields = ["name", "description"]


@admin.register(Theme)
class ThemeAdmin(RefuseDeleteWhileLinkedAdmin):
    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(RefuseDeleteWhileLinkedAdmin):
    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


class ReviewInline(admin.TabularInline):
    model = ProjectReview
    extra = 0
    fields = ["reviewed_on", "stage", "outcomes", "issues", "next_review_on"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "pattern", "status", "publication_state", "ripple_score", "feasibility_score", "next_review_on"]
    list_filter = ["publication_state", "status", "pattern", "kind", "areas", "themes"]
    search_fields = ["title", "summary", "owner__name", "owner__name_kana"]
    list_select_related = ["owner", "pattern"]
    autocomplete_fields = ["owner", "partners"]
    filter_horizontal = ["facilities", "areas", "themes", "target_groups"]
    # The workflow has its own buttons on the project page (submit, publish, send back).
    readonly_fields = ["publication_state", "has_pending_changes", "last_reviewed_on", "next_review_on"]
    inlines = [ReviewInline]


@admin.register(ProjectReview)
class ProjectReviewAdmin(SimpleHistoryAdmin):
    list_display = ["project", "reviewed_on", "stage", "next_review_on"]
    list_filter = ["stage"]
    search_fields = ["project__title", "outcomes", "issues"]
    list_select_related = ["project"]


@admin.register(ProjectPhoto)
class ProjectPhotoAdmin(SimpleHistoryAdmin):
    list_display = ["caption", "project", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["caption", "project__title"]
    list_select_related = ["project"]


@admin.register(PublishedProject)
class PublishedProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "pattern", "status", "is_public", "published_at"]
    list_filter = ["is_public", "pattern", "status", "areas"]
    search_fields = ["title", "summary", "owner__name"]
    list_select_related = ["owner", "pattern"]
    # A copy made by the publish service: read it here, change it through the project.
    readonly_fields = [f.name for f in PublishedProject._meta.fields]
    filter_horizontal = ["partners", "areas", "themes", "target_groups", "photos"]
