"""Editors import case studies from a spreadsheet: download a template, upload a filled one,
read the dry-run report of every row and problem, then confirm. Anyone else gets a 404."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnerships.models import Organisation, Partnership, SpreadsheetUpload
from partnerships.spreadsheet_import import checks, columns, importer, reader
from partnerships.views.moderation import editor_required


class UploadForm(forms.Form):
    spreadsheet = forms.FileField(
        label="Upload a filled-in template",
        help_text=f"A CSV (.csv) or Excel (.xlsx) file of at most "
        f"{reader.MAX_BYTES // (1024 * 1024)} MB and {reader.MAX_ROWS} case studies.",
        error_messages={"required": "Select a CSV or XLSX file", "empty": "The file is empty"},
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


def _check(upload: SpreadsheetUpload) -> checks.CheckResult:
    sheet = reader.read(upload.file_name, bytes(upload.content))
    return checks.check(sheet)


@editor_required
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["spreadsheet"]
        content = upload.read(reader.MAX_BYTES + 1)
        try:
            reader.read(upload.name, content)
        except reader.UnreadableFile as problem:
            form.add_error("spreadsheet", str(problem))
        else:
            saved = SpreadsheetUpload.objects.create(
                uploaded_by=request.user, file_name=upload.name[:200], content=content
            )
            return redirect("moderation:import_report", saved.pk)
    return render(
        request,
        "moderation/import_start.html",
        {"form": form, "columns": columns.COLUMNS, "accepted": columns.accepted},
        status=400 if form.errors else 200,
    )


def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        content = columns.template_xlsx()
    else:
        content_type, content = "text/csv; charset=utf-8", columns.template_csv()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="case-studies-template.{kind}"'
    return response


template_download = editor_required(template_download)


def _own(request: HttpRequest, pk: int) -> SpreadsheetUpload:
    return get_object_or_404(SpreadsheetUpload.objects.filter(uploaded_by=request.user), pk=pk)


@editor_required
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _own(request, pk)
    if upload.imported_at:
        context = {
            "upload": upload,
            "imported": Partnership.objects.filter(
                pk__in=upload.draft_ids, submitted_by=request.user
            ).order_by("pk"),
            "organisations": Organisation.objects.filter(pk__in=upload.organisation_ids),
        }
    else:
        context = {"upload": upload, "result": _check(upload)}
    return render(request, "moderation/import_report.html", context)


@editor_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _own(request, pk)
    with transaction.atomic():
        upload = SpreadsheetUpload.objects.select_for_update().get(pk=pk)
        if upload.imported_at:
            messages.info(request, "This file has already been imported.")
            return redirect("moderation:import_report", pk)
        result = _check(upload)
        if not result.ok:
            return render(
                request,
                "moderation/import_report.html",
                {"upload": upload, "result": result},
                status=409,
            )
        drafts, created = importer.import_rows(result, by=request.user)
        upload.imported_at = timezone.now()
        upload.draft_ids = [draft.pk for draft in drafts]
        upload.organisation_ids = [organisation.pk for organisation in created]
        upload.save(update_fields=["imported_at", "draft_ids", "organisation_ids"])
    messages.success(
        request,
        f"{len(drafts)} draft case stud{'y' if len(drafts) == 1 else 'ies'} imported"
        + (f", and {len(created)} new organisations to confirm" if created else "")
        + ". They are in your case studies.",
    )
    return redirect("moderation:import_report", pk)
