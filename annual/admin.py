from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import YearNarrative


@admin.register(YearNarrative)
class YearNarrativeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: the narrative is written on the report page (with its version check)."""

    list_display = ["fiscal_year", "updated_at", "updated_by"]
