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
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_update, name="update"),
    path("<int:pk>/history/", views.project_history, name="history"),
    path("<int:pk>/history/<int:history_id>/restore/", views.project_restore, name="restore"),
    path("<int:pk>/submit/", views.project_submit, name="submit"),
    path("<int:pk>/publish/", views.project_publish, name="publish"),
    path("<int:pk>/send-back/", views.project_send_back, name="send_back"),
    path("<int:pk>/withdraw/", views.project_withdraw, name="withdraw"),
    path("<int:pk>/photos/new/", views.photo_create, name="photo_create"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo_file, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/reviews/new/", views.review_create, name="review_create"),
]
