"""Editors' pages. Everyone else gets a 404 for each of them."""

from django.urls import path

from partnerships.views import files, moderation, spreadsheet_import

app_name = "moderation"
urlpatterns = [
    path("", moderation.queue, name="queue"),
    path("<int:pk>/", moderation.review, name="review"),
    path("<int:pk>/publish/", moderation.act, {"action": "publish"}, name="publish"),
    path(
        "<int:pk>/request-changes/",
        moderation.act,
        {"action": "request_changes"},
        name="request_changes",
    ),
    path("<int:pk>/reject/", moderation.act, {"action": "reject"}, name="reject"),
    path("<int:pk>/archive/", moderation.act, {"action": "archive"}, name="archive"),
    path(
        "<int:pk>/organisations/<int:organisation_pk>/merge/",
        moderation.merge_organisation,
        name="merge",
    ),
    path(
        "<int:pk>/organisations/<int:organisation_pk>/details/",
        moderation.organisation_details,
        name="organisation_details",
    ),
    path("<int:pk>/report/", files.editor_report, name="report"),
    path("import/", spreadsheet_import.import_start, name="import"),
    path(
        "import/template.csv",
        spreadsheet_import.template_download,
        {"kind": "csv"},
        name="import_template_csv",
    ),
    path(
        "import/template.xlsx",
        spreadsheet_import.template_download,
        {"kind": "xlsx"},
        name="import_template_xlsx",
    ),
    path("import/<int:pk>/", spreadsheet_import.import_report, name="import_report"),
    path("import/<int:pk>/confirm/", spreadsheet_import.import_confirm, name="import_confirm"),
]
