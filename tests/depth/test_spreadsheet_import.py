"""The editors' spreadsheet import: templates, the dry-run report, all-or-nothing drafts."""

import csv
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from partnerships.models import Organisation, Partnership, SpreadsheetUpload
from partnerships.spreadsheet_import import checks, importer, reader
from partnerships.spreadsheet_import.columns import COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db
START = reverse("moderation:import")
HEADER = [c.name for c in COLUMNS]


def csv_file(rows, header=HEADER, name="cases.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, header=HEADER, name="cases.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append([row.get(h) for h in header])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, file):
    return client.post(START, {"spreadsheet": file})


@pytest.fixture
def reference():
    theme = factories.theme(name="Mental health and crisis care", slug="mental-health")
    force = factories.police_force(name="Cleveland Police", pfa_code="E23000013")
    known = factories.organisation(name="Tees, Esk and Wear Valleys NHS Foundation Trust")
    return theme, force, known


GOOD = {
    "title": "Cleveland street triage",
    "summary": "Nurses and officers together.  Two spaces kept.",
    "start_year": "2014",
    "work_state": "Ongoing",
    "evaluation_type": "before_after",
    "themes": "Mental health and crisis care",
    "police_force_areas": "E23000013",
    "lead_partners": "Cleveland Police; Tees, Esk and Wear Valleys NHS Foundation Trust",
    "other_partners": "A brand new charity",
    "source_urls": "https://example.org/report",
    "cost_band": "50k_250k",
    "funding": "=PCC grant",
}


def test_editor_downloads_csv_and_xlsx_templates_with_the_same_columns(editor):
    response = editor.get(reverse("moderation:import_template_csv"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == HEADER
    response = editor.get(reverse("moderation:import_template_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Case studies"][1]] == HEADER
    assert book["Guidance"]["A2"].value == "title"


def test_a_good_file_is_checked_then_imported_as_the_editors_drafts(editor, editor_user, reference):
    theme, force, known = reference
    response = upload(editor, csv_file([GOOD, {"title": "Second", "summary": "Another."}]))
    assert response.status_code == 302
    saved = SpreadsheetUpload.objects.get()
    assert Partnership.objects.count() == 0  # the dry run writes no case study
    html = editor.get(response["Location"]).content.decode()
    assert html.count(">Ready<") == 2
    assert "A brand new charity" in html  # listed as an organisation to be created
    assert "Import 2 drafts" in html

    response = editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    assert response.status_code == 302
    drafts = list(Partnership.objects.order_by("pk"))
    assert [d.title for d in drafts] == ["Cleveland street triage", "Second"]
    first = drafts[0]
    assert all(d.status == "draft" and d.submitted_by == editor_user for d in drafts)
    assert first.summary == GOOD["summary"]  # exactly as typed
    assert first.funding == "=PCC grant"  # a CSV cell is text, never a formula
    assert (first.start_year, first.work_state, first.cost_band) == (2014, "ongoing", "50k_250k")
    assert list(first.themes.all()) == [theme]
    assert list(first.police_force_areas.all()) == [force]
    roles = {m.organisation.name: m.role for m in first.members.select_related("organisation")}
    assert roles == {
        "Cleveland Police": "lead",
        "Tees, Esk and Wear Valleys NHS Foundation Trust": "lead",
        "A brand new charity": "partner",
    }
    new = Organisation.objects.get(name="A brand new charity")
    assert new.is_confirmed is False
    assert Organisation.objects.filter(name=known.name).count() == 1
    assert [s.url for s in first.sources.all()] == ["https://example.org/report"]
    html = editor.get(reverse("moderation:import_report", args=[saved.pk])).content.decode()
    assert "2 draft case studies imported" in html and "A brand new charity" in html

    # A second confirmation (a double click) imports nothing more.
    editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    assert Partnership.objects.count() == 2


def test_a_file_of_bad_rows_reports_every_problem_and_changes_nothing(editor, reference):
    bad = [
        {"title": "", "summary": "No title"},
        {"title": "Too long", "summary": "x" * 301},
        {"title": "Year", "summary": "s", "start_year": "twenty", "end_year": "1900"},
        {"title": "Order", "summary": "s", "start_year": "2016", "end_year": "2010"},
        {"title": "Choice", "summary": "s", "work_state": "Finished", "themes": "Nonsense"},
        {"title": "Links", "summary": "s", "source_urls": "not a url", "contact_email": "nope"},
        {"title": "Force", "summary": "s", "police_force_areas": "Atlantis Police"},
    ]
    organisations = Organisation.objects.count()
    response = upload(editor, csv_file(bad))
    saved = SpreadsheetUpload.objects.get()
    html = editor.get(response["Location"]).content.decode()
    for row, column, message in [
        (2, "title", "This must not be empty."),
        (3, "summary", "This has 301 characters; at most 300 are allowed."),
        (4, "start_year", "Enter a year as 4 digits, like 2016."),
        (4, "end_year", "Enter a year from 1950 to 2099."),
        (5, "end_year", "The year the work ended is before the year it started."),
        (6, "work_state", "This is not one of: pilot, ongoing, ended."),
        (6, "themes", "There is no theme called “Nonsense”."),
        (7, "source_urls", "not a url"),
        (7, "contact_email", "This is not an email address"),
        (8, "police_force_areas", "There is no force called “Atlantis Police”."),
    ]:
        assert f'<td class="govuk-table__cell">{row}</td>' in html
        assert f"<code>{column}</code>" in html
        assert message in html, message
    assert "Nothing has been imported" in html
    assert "Import " not in html.split("Every row")[1]
    response = editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    assert response.status_code == 409
    assert Partnership.objects.count() == 0
    assert Organisation.objects.count() == organisations
    assert SpreadsheetUpload.objects.get().imported_at is None


def test_unknown_and_missing_columns_are_reported(editor):
    response = upload(editor, csv_file([{"titel": "x"}], header=["titel", "summary"]))
    html = editor.get(response["Location"]).content.decode()
    assert "This is not a column of the template" in html
    assert "The file has no such column, and it is needed." in html


def test_xlsx_formula_without_a_saved_value_is_a_problem_never_calculated(editor, reference):
    response = upload(editor, xlsx_file([{**GOOD, "title": "=1+1", "start_year": 2014.0}]))
    html = editor.get(response["Location"]).content.decode()
    assert "This cell holds a formula with no saved value" in html
    assert "=1+1" in html  # the formula is shown as it is, never worked out


def test_xlsx_rows_are_read_like_csv_rows(editor, reference):
    response = upload(editor, xlsx_file([{**GOOD, "start_year": 2014, "funding": "PCC"}]))
    saved = SpreadsheetUpload.objects.get()
    html = editor.get(response["Location"]).content.decode()
    assert ">Ready<" in html
    editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    assert Partnership.objects.get().start_year == 2014


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cases.xlsx", b"PK\x03\x04 not really a zip", "could not be opened as an Excel workbook"),
        ("cases.xlsx", b"hello", "could not be opened as an Excel workbook"),
        ("cases.csv", "title,summary\nCaf\xe9,x\n".encode("latin-1"), "save it as “CSV UTF-8”"),
        ("cases.csv", b'title,summary\n"unclosed,x\n', "not well formed"),
        ("cases.txt", b"title,summary\n", "must be a CSV file (.csv) or an Excel workbook"),
        ("cases.csv", b"\n", "The first row must hold the column names"),
        ("cases.csv", b"title,summary\n", "The file has no rows of case studies"),
    ],
)
def test_a_malformed_file_gets_a_clear_error_and_is_not_kept(editor, name, content, message):
    response = upload(editor, SimpleUploadedFile(name, content))
    if response.status_code == 302:  # readable, but nothing to import: said on the report
        response = editor.get(response["Location"])
        assert "Import " not in response.content.decode().split("Every row")[1]
    else:
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
        assert SpreadsheetUpload.objects.count() == 0
    assert message in response.content.decode()


def test_size_and_row_limits(editor, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    rows = [{"title": f"T{i}", "summary": "s"} for i in range(4)]
    response = upload(editor, csv_file(rows))
    assert response.status_code == 400
    assert "The file has 4 rows of case studies; at most 3" in response.content.decode()
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    response = upload(editor, csv_file([{"title": "x" * 200, "summary": "s"}]))
    assert "The file is larger than" in response.content.decode()
    assert SpreadsheetUpload.objects.count() == 0


def test_no_file_chosen(editor):
    response = editor.post(START, {})
    assert response.status_code == 400
    assert "Select a CSV or XLSX file" in response.content.decode()


def test_another_editors_upload_is_a_404(editor, superuser, reference):
    upload(editor, csv_file([GOOD]))
    saved = SpreadsheetUpload.objects.get()
    assert superuser.get(reverse("moderation:import_report", args=[saved.pk])).status_code == 404
    response = superuser.post(reverse("moderation:import_confirm", args=[saved.pk]))
    assert response.status_code == 404
    assert Partnership.objects.count() == 0


def test_contributors_cannot_import(contributor):
    assert contributor.get(START).status_code == 404
    assert upload(contributor, csv_file([GOOD])).status_code == 404
    assert contributor.get(reverse("moderation:import_template_csv")).status_code == 404


def test_partners_are_matched_by_their_external_identifier_too(editor, reference):
    charity = factories.organisation(name="Redthread Youth Limited", external_id="GB-CHC-1103840")
    row = {**GOOD, "other_partners": "GB-CHC-1103840"}
    response = upload(editor, csv_file([row]))
    saved = SpreadsheetUpload.objects.get()
    assert response.status_code == 302
    editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    draft = Partnership.objects.get()
    assert charity in [m.organisation for m in draft.members.all()]
    assert not Organisation.objects.filter(name="GB-CHC-1103840").exists()


def with_saved_values(content: bytes, saved: dict[str, str]) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula cell with the value it last
    worked out (openpyxl writes formulas without one)."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, value in saved.items():
                    text = re.sub(
                        rf'<c r="{ref}"><f>(.*?)</f><v */>',
                        rf'<c r="{ref}" t="str"><f>\1</f><v>{value}</v>',
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def test_xlsx_formula_cells_are_read_as_their_saved_values(editor, reference):
    book = Workbook()
    book.active.append(["title", "summary", "start_year"])
    book.active.append(['=UPPER("street triage")', "=A2", "=2010+4"])
    raw = io.BytesIO()
    book.save(raw)
    content = with_saved_values(raw.getvalue(), {"A2": "Saved title", "B2": "Saved", "C2": "2014"})
    response = upload(editor, SimpleUploadedFile("cases.xlsx", content))
    saved = SpreadsheetUpload.objects.get()
    assert ">Ready<" in editor.get(response["Location"]).content.decode()
    editor.post(reverse("moderation:import_confirm", args=[saved.pk]))
    draft = Partnership.objects.get()
    # The values the spreadsheet saved, never the formula worked out here ("STREET TRIAGE").
    assert (draft.title, draft.summary, draft.start_year) == ("Saved title", "Saved", 2014)


def test_a_failure_part_way_through_the_import_leaves_nothing(editor_user, reference):
    rows = [{**GOOD, "other_partners": "A brand new charity"}, {"title": "Two", "summary": "s"}]
    header = list(rows[0])
    sheet = reader.Sheet(header=header, rows=[[row.get(h, "") for h in header] for row in rows])
    result = checks.check(sheet)
    assert result.ok
    result.rows[1].values["work_state"] = "bogus"  # the database refuses the second row
    organisations = Organisation.objects.count()
    with pytest.raises(IntegrityError):
        importer.import_rows(result, by=editor_user)
    assert Partnership.objects.count() == 0
    assert Organisation.objects.count() == organisations  # the first row's new one is gone too
