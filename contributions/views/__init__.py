"""Project pages behind the log-in, one module per job: projects, photos and reviews, board and reports."""

from .photos import photo_create, photo_delete, photo_file, photo_response, review_create
from .projects import (
    project_create,
    project_detail,
    project_history,
    project_list,
    project_publish,
    project_restore,
    project_send_back,
    project_submit,
    project_update,
    project_withdraw,
)
from .reports import board, overdue, overdue_csv, overdue_xlsx, report, report_csv, report_xlsx

__all__ = [
    "board",
    "overdue",
    "overdue_csv",
    "overdue_xlsx",
    "photo_create",
    "photo_delete",
    "photo_file",
    "photo_response",
    "project_create",
    "project_detail",
    "project_history",
    "project_list",
    "project_publish",
    "project_restore",
    "project_send_back",
    "project_submit",
    "project_update",
    "project_withdraw",
    "report",
    "report_csv",
    "report_xlsx",
    "review_create",
]
