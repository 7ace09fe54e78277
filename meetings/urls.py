from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("feed.ics", views.calendar_feed, name="feed"),
    path("participation/", views.participation, name="participation"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:series_pk>/copy/", views.meeting_copy, name="copy"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_update, name="update"),
    path("<int:pk>/programme/", views.program_edit, name="program"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/replies/", views.replies, name="replies"),
    path("<int:pk>/rsvp/", views.my_answer, name="rsvp"),
    path("<int:pk>/invitations/<int:invitation_pk>/", views.answer, name="answer"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/signin-sheet/", views.signin_sheet, name="signin_sheet"),
    path("<int:pk>/groups/", views.area_groups, name="groups"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/print/", views.report_print, name="report_print"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.csv", views.report_csv, name="report_csv"),
]
