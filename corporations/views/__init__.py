"""The register's pages, one module per job: the register (list, exports, import, search) and one
corporation (detail, edits, facilities, accounts, history)."""

from .corporations import (
    corporation_detail,
    corporation_history,
    corporation_restore,
    corporation_update,
    facility_create,
    facility_history,
    facility_restore,
    facility_update,
    member_create,
    my_corporation,
)
from .register import (
    corporation_create,
    corporation_export_csv,
    corporation_export_xlsx,
    corporation_import,
    corporation_list,
    corporation_search,
)

__all__ = [
    "corporation_create",
    "corporation_detail",
    "corporation_export_csv",
    "corporation_export_xlsx",
    "corporation_history",
    "corporation_import",
    "corporation_list",
    "corporation_restore",
    "corporation_search",
    "corporation_update",
    "facility_create",
    "facility_history",
    "facility_restore",
    "facility_update",
    "member_create",
    "my_corporation",
]
