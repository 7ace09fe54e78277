from django.contrib import admin
from django.utils.text import capfirst

from .models import many_to_many_links


class ReadOnlyAdminMixin:
    """A record that only the portal's services write (a log, a published copy): the admin
    lists and shows it, and never adds, changes or deletes it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RefuseDeleteWhileLinkedAdmin(admin.ModelAdmin):
    """The delete page lists the rows that link here (many-to-many) as protected and deletes nothing.

    Without it the page would offer the delete and the model's pre_delete guard
    (core.models.refuse_delete_while_linked) would fail it.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        linked = [f"{capfirst(row._meta.verbose_name)}: {row}" for obj in objs for row in many_to_many_links(obj)]
        return to_delete, model_count, perms_needed, [*protected, *linked]


class VocabularyAdmin(RefuseDeleteWhileLinkedAdmin):
    """The admin of an editable list (core.models.Vocabulary): order and retire in the list;
    an entry in use cannot be deleted."""

    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
