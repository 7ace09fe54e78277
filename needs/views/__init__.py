"""Needs, offer requests and resources behind the log-in.

Staff record and follow needs, see candidates, send offer requests; a corporation's
editors answer them and keep their resources; members read the directory and the needs
published to them or sent to their corporation.

One module per job: needs, offers, resources.
"""

from .needs import (
    need_create,
    need_detail,
    need_list,
    need_list_xlsx,
    need_publish,
    need_status,
    need_unpublish,
    need_update,
)
from .offers import (
    candidates,
    need_take_on,
    offer_answer,
    offer_list,
    offers_remind,
    offers_send,
    project_link,
    project_start,
)
from .resources import area_table, area_table_xlsx, resource_create, resource_detail, resource_list, resource_update

__all__ = [
    "area_table",
    "area_table_xlsx",
    "candidates",
    "need_create",
    "need_detail",
    "need_list",
    "need_list_xlsx",
    "need_publish",
    "need_status",
    "need_take_on",
    "need_unpublish",
    "need_update",
    "offer_answer",
    "offer_list",
    "offers_remind",
    "offers_send",
    "project_link",
    "project_start",
    "resource_create",
    "resource_detail",
    "resource_list",
    "resource_update",
]
