from django.urls import path

from .views import attendance, invitations, meetings, reports

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("feed.ics", meetings.calendar_feed, name="feed"),
    path("participation/", reports.participation, name="participation"),
    path("series/new/", meetings.series_create, name="series_create"),
    path("series/<id:series_pk>/copy/", meetings.meeting_copy, name="copy"),
    path("new/", meetings.meeting_create, name="create"),
    path("<id:pk>/", meetings.meeting_detail, name="detail"),
    path("<id:pk>/edit/", meetings.meeting_update, name="update"),
    path("<id:pk>/history/", meetings.meeting_history, name="history"),
    path("<id:pk>/history/<id:history_id>/restore/", meetings.meeting_restore, name="restore"),
    path("<id:pk>/programme/", meetings.program_edit, name="program"),
    path("<id:pk>/meeting.ics", meetings.meeting_ics, name="ics"),
    path("<id:pk>/attachments/", meetings.attachment_upload, name="attachment_upload"),
    path("<id:pk>/attachments/<id:attachment_pk>/", meetings.attachment_download, name="attachment"),
    path("<id:pk>/invite/", invitations.invite, name="invite"),
    path("<id:pk>/remind/", invitations.remind, name="remind"),
    path("<id:pk>/mail/", invitations.mail_log, name="mail_log"),
    path("<id:pk>/letters/", invitations.letters, name="letters"),
    path("<id:pk>/letters/<id:invitation_pk>/", invitations.letters, name="letter"),
    path("<id:pk>/replies/", invitations.replies, name="replies"),
    path("<id:pk>/rsvp/", invitations.my_answer, name="rsvp"),
    path("<id:pk>/invitations/<id:invitation_pk>/", invitations.answer, name="answer"),
    path("<id:pk>/attendance/", attendance.attendance, name="attendance"),
    path("<id:pk>/signin-sheet/", attendance.signin_sheet, name="signin_sheet"),
    path("<id:pk>/groups/", attendance.area_groups, name="groups"),
    path("<id:pk>/minutes/", attendance.minutes, name="minutes"),
    path("<id:pk>/report/", reports.report, name="report"),
    path("<id:pk>/report/print/", reports.report_print, name="report_print"),
    path("<id:pk>/report.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("<id:pk>/report.csv", reports.report_csv, name="report_csv"),
]
