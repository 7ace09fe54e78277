from django.urls import path

from .views import attendance, invitations, meetings, reports

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("feed.ics", meetings.calendar_feed, name="feed"),
    path("participation/", reports.participation, name="participation"),
    path("series/new/", meetings.series_create, name="series_create"),
    path("series/<int:series_pk>/copy/", meetings.meeting_copy, name="copy"),
    path("new/", meetings.meeting_create, name="create"),
    path("<int:pk>/", meetings.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meetings.meeting_update, name="update"),
    path("<int:pk>/history/", meetings.meeting_history, name="history"),
    path("<int:pk>/history/<int:history_id>/restore/", meetings.meeting_restore, name="restore"),
    path("<int:pk>/programme/", meetings.program_edit, name="program"),
    path("<int:pk>/meeting.ics", meetings.meeting_ics, name="ics"),
    path("<int:pk>/attachments/", meetings.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", meetings.attachment_download, name="attachment"),
    path("<int:pk>/invite/", invitations.invite, name="invite"),
    path("<int:pk>/remind/", invitations.remind, name="remind"),
    path("<int:pk>/replies/", invitations.replies, name="replies"),
    path("<int:pk>/rsvp/", invitations.my_answer, name="rsvp"),
    path("<int:pk>/invitations/<int:invitation_pk>/", invitations.answer, name="answer"),
    path("<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("<int:pk>/signin-sheet/", attendance.signin_sheet, name="signin_sheet"),
    path("<int:pk>/groups/", attendance.area_groups, name="groups"),
    path("<int:pk>/minutes/", attendance.minutes, name="minutes"),
    path("<int:pk>/report/", reports.report, name="report"),
    path("<int:pk>/report/print/", reports.report_print, name="report_print"),
    path("<int:pk>/report.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.csv", reports.report_csv, name="report_csv"),
]
