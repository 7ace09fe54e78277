from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from post_office import models as post_office_models

from . import mail
from .models import OutgoingMail, many_to_many_links


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


MAIL_STATUS_LABELS = {
    mail.SENT: _("送信済み"), mail.FAILED: _("失敗"), mail.QUEUED: _("送信待ち"), mail.REQUEUED: _("再送待ち"),
}


class MailStatusFilter(admin.SimpleListFilter):
    title = _("状態")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(str(value), label) for value, label in MAIL_STATUS_LABELS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(status=int(value)) if value in {str(v) for v in MAIL_STATUS_LABELS} else queryset


# The queue is written by core/mail.py and sent by the mail worker: shown read-only, in Japanese, in
# place of post_office's own (English) admin.
for _model in (post_office_models.Email, post_office_models.Log, post_office_models.EmailTemplate,
               post_office_models.Attachment):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["recipients", "mail_subject", "status_label", "queued_at", "updated_at", "retries"]
    list_filter = [MailStatusFilter]
    search_fields = ["to", "subject"]
    date_hierarchy = None
    ordering = ["-created"]
    fields = ["recipients", "mail_subject", "status_label", "queued_at", "updated_at", "retries", "body", "attempts"]
    readonly_fields = fields

    @admin.display(description=_("宛先"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.display(description=_("件名"))
    def mail_subject(self, obj):
        return obj.subject

    @admin.display(description=_("状態"))
    def status_label(self, obj):
        return MAIL_STATUS_LABELS.get(obj.status, "―")

    @admin.display(description=_("送信予約日時"), ordering="created")
    def queued_at(self, obj):
        return obj.created

    @admin.display(description=_("最終更新日時"), ordering="last_updated")
    def updated_at(self, obj):
        return obj.last_updated

    @admin.display(description=_("再送回数"))
    def retries(self, obj):
        return obj.number_of_retries or 0

    @admin.display(description=_("本文"))
    def body(self, obj):
        return obj.message

    @admin.display(description=_("送信の記録"))
    def attempts(self, obj):
        return "\n".join(
            f"{log.date:%Y-%m-%d %H:%M} {MAIL_STATUS_LABELS.get(log.status, log.status)} {log.exception_type}".strip()
            for log in obj.logs.all()
        )
