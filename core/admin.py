from django.contrib import admin


class VocabularyAdmin(admin.ModelAdmin):
    """The admin of an editable list (core.models.Vocabulary): order and retire in the list."""

    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
