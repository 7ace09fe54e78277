from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin, VocabularyAdmin
from core.concurrency import VersionedAdminMixin
from core.saving import save_recorded

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


admin.site.register(Theme, VocabularyAdmin)
admin.site.register(TargetGroup, VocabularyAdmin)


class ReviewInline(admin.TabularInline):
    model = ProjectReview
    extra = 0
    fields = ["reviewed_on", "stage", "outcomes", "issues", "next_review_on"]


def _save_project_fields(project: Project, request, update_fields: list[str]) -> None:
    save_recorded(project, acting_user=request.user, update_fields=update_fields)


@admin.register(Project)
class ProjectAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """Raw data work on the working copy. The saves keep what the services keep: the search
    text, the review dates taken from the latest review, and a change to what the public sees
    waiting for approval (has_pending_changes)."""

    list_display = [
        "title", "owner", "pattern", "status", "publication_state", "ripple_score", "feasibility_score",
        "next_review_on",
    ]
    list_filter = ["publication_state", "status", "pattern", "kind", "areas", "themes"]
    search_fields = ["title", "summary", "owner__name", "owner__name_kana"]
    list_select_related = ["owner", "pattern"]
    # Corporations and facilities are picked by search: a <select> would list the whole register.
    autocomplete_fields = ["owner", "partners", "facilities"]
    filter_horizontal = ["areas", "themes", "target_groups"]
    # The workflow has its own buttons on the project page (submit, publish, send back).
    readonly_fields = ["publication_state", "has_pending_changes", "review_comment", "last_reviewed_on",
                       "next_review_on"]
    inlines = [ReviewInline]

    def save_model(self, request, obj, form, change):
        obj.refresh_search_text()
        if change:
            obj.note_public_change(form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A review added here is the admin user's, as one added through the service.
        for review in formset.save(commit=False):
            if review.pk is None:
                review.author = request.user
            review.save()
        for review in formset.deleted_objects:
            review.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The reviews inline may have added, changed or deleted reviews.
        _save_project_fields(form.instance, request, form.instance.refresh_review_dates())


@admin.register(ProjectReview)
class ProjectReviewAdmin(SimpleHistoryAdmin):
    """A review's save or delete moves its project's review dates, as the service does."""

    list_display = ["project", "reviewed_on", "stage", "next_review_on"]
    list_filter = ["stage"]
    search_fields = ["project__title", "outcomes", "issues"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        previous_project_id = form.initial.get("project") if change else None
        super().save_model(request, obj, form, change)
        _refresh_review_dates(request, {obj.project_id, previous_project_id})

    def delete_model(self, request, obj):
        project_id = obj.project_id
        super().delete_model(request, obj)
        _refresh_review_dates(request, {project_id})

    def delete_queryset(self, request, queryset):
        project_ids = set(queryset.values_list("project_id", flat=True))
        super().delete_queryset(request, queryset)
        _refresh_review_dates(request, project_ids)


def _refresh_review_dates(request, project_ids) -> None:
    for project in Project.objects.filter(pk__in=[pk for pk in project_ids if pk is not None]):
        _save_project_fields(project, request, project.refresh_review_dates())


@admin.register(ProjectPhoto)
class ProjectPhotoAdmin(SimpleHistoryAdmin):
    list_display = ["caption", "project", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["caption", "project__title"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]


@admin.register(PublishedProject)
class PublishedProjectAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """A copy made by the publish service: read it here, change it through the project."""

    list_display = ["title", "owner", "pattern", "status", "is_public", "published_at"]
    list_filter = ["is_public", "pattern", "status", "areas"]
    search_fields = ["title", "summary", "owner__name"]
    list_select_related = ["owner", "pattern"]

