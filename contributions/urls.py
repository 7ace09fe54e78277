from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("board/", views.board, name="board"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("reviews/overdue/", views.overdue, name="overdue"),
    path("reviews/overdue.csv", views.overdue_csv, name="overdue_csv"),
    path("reviews/overdue.xlsx", views.overdue_xlsx, name="overdue_xlsx"),
    path("<id:pk>/", views.project_detail, name="detail"),
    path("<id:pk>/edit/", views.project_update, name="update"),
    path("<id:pk>/history/", views.project_history, name="history"),
    path("<id:pk>/history/<id:history_id>/restore/", views.project_restore, name="restore"),
    path("<id:pk>/submit/", views.project_submit, name="submit"),
    path("<id:pk>/publish/", views.project_publish, name="publish"),
    path("<id:pk>/send-back/", views.project_send_back, name="send_back"),
    path("<id:pk>/withdraw/", views.project_withdraw, name="withdraw"),
    path("<id:pk>/photos/new/", views.photo_create, name="photo_create"),
    path("<id:pk>/photos/<id:photo_pk>/", views.photo_file, name="photo"),
    path("<id:pk>/photos/<id:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<id:pk>/reviews/new/", views.review_create, name="review_create"),
]
