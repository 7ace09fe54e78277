from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, PasswordResetRequest, User


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["corporation"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "email", "is_staff", "is_active", "membership_corporation"]
    list_select_related = ["membership__corporation"]
    search_fields = ["username", "display_name", "email", "membership__corporation__name"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("ポータル"), {"fields": ["display_name"]}),)

    # A user's history is read only: a past version holds no password hash, so reverting
    # to it would blank the password.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("法人"), ordering="membership__corporation__name_kana")
    def membership_corporation(self, user):
        membership = getattr(user, "membership", None)
        return membership.corporation if membership else ""


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "corporation", "role", "created_at"]
    list_filter = ["role", "corporation__home_area"]
    search_fields = ["user__username", "user__display_name", "corporation__name", "corporation__name_kana"]
    list_select_related = ["user", "corporation"]
    autocomplete_fields = ["user", "corporation"]


@admin.register(PasswordResetRequest)
class PasswordResetRequestAdmin(admin.ModelAdmin):
    """Read-only: the rows only count reset mails (a day's worth is kept)."""

    list_display = ["requested_at", "address_digest"]
    list_filter = ["requested_at"]
    search_fields = ["address_digest"]
    date_hierarchy = "requested_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
