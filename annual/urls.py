from django.urls import path

from . import views

app_name = "annual"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:fiscal_year>/", views.report, name="report"),
    path("<int:fiscal_year>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:fiscal_year>/report.docx", views.report_docx, name="report_docx"),
    path("<int:fiscal_year>/close/", views.close, name="close"),
    path("<int:fiscal_year>/reopen/", views.reopen, name="reopen"),
    path("<int:fiscal_year>/narrative/", views.narrative, name="narrative"),
    path("<int:fiscal_year>/narrative/history/", views.narrative_history, name="narrative_history"),
    path("sheets/", views.sheets, name="sheets"),
    path("sheets/<int:fiscal_year>/all.xlsx", views.sheets_all, name="sheets_all"),
    path("sheets/<int:fiscal_year>/<id:corporation>/sheet.xlsx", views.sheet, name="sheet"),
]
