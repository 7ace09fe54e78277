from django.urls import path

from .views import attendance, invitations, meetings, minutes, participation, reports

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("feed.ics", meetings.calendar_feed, name="feed"),
    path("participation/", participation.participation, name="participation"),
    path("participation.xlsx", participation.participation_xlsx, name="participation_xlsx"),
    path("participation.csv", participation.participation_csv, name="participation_csv"),
    path("participation/outreach/", participation.outreach, name="outreach"),
    path("participation/outreach.xlsx", participation.outreach_xlsx, name="outreach_xlsx"),
    path("participation/outreach.csv", participation.outreach_csv, name="outreach_csv"),
    path("series/new/", meetings.series_create, name="series_create"),
    path("programme/facilities.json", meetings.programme_facilities, name="programme_facilities"),
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
    path("<id:pk>/replies/", invitations.replies, name="replies"),
    path("<id:pk>/rsvp/", invitations.my_answer, name="rsvp"),
    path("<id:pk>/invitations/<id:invitation_pk>/", invitations.answer, name="answer"),
    path("<id:pk>/attendance/", attendance.attendance, name="attendance"),
    path("<id:pk>/signin-sheet/", attendance.signin_sheet, name="signin_sheet"),
    path("<id:pk>/groups/", attendance.area_groups, name="groups"),
    path("<id:pk>/minutes/", minutes.minutes, name="minutes"),
    path("<id:pk>/minutes/edit/", minutes.minutes_edit, name="minutes_edit"),
    path("<id:pk>/minutes.docx", minutes.minutes_docx, name="minutes_docx"),
    path("<id:pk>/report/", reports.report, name="report"),
    path("<id:pk>/report/print/", reports.report_print, name="report_print"),
    path("<id:pk>/report.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("<id:pk>/report.csv", reports.report_csv, name="report_csv"),
]
