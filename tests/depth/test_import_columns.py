"""The import template has the open-data CSV's columns where they exist: the same names, in the
same order, with the same values, so a downloaded open-data CSV trimmed to them imports."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.models import Partnership, SpreadsheetUpload
from partnerships.spreadsheet_import.columns import COLUMNS, open_data_note
from tests import factories

pytestmark = pytest.mark.django_db
ONLY_IN_THE_IMPORT = [
    "lead_partners",
    "other_partners",
    "contact_name",
    "contact_role",
    "contact_email",
]


def open_data_csv(client) -> list[list[str]]:
    response = client.get(reverse("opendata:csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def template_headers(editor) -> tuple[list[str], list[str]]:
    text = editor.get(reverse("moderation:import_template_csv")).content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(editor.get(reverse("moderation:import_template_xlsx")).content))
    return next(csv.reader(io.StringIO(text))), [c.value for c in book["Case studies"][1]]


def test_template_columns_have_the_open_data_csvs_names_in_its_order(anonymous, editor):
    factories.full_partnership()
    open_header = open_data_csv(anonymous)[0]
    csv_header, xlsx_header = template_headers(editor)
    assert csv_header == xlsx_header == [c.name for c in COLUMNS]

    shared = [name for name in csv_header if name in open_header]
    assert [name for name in csv_header if name not in open_header] == ONLY_IN_THE_IMPORT
    assert shared == [name for name in open_header if name in shared]  # the same order
    # Every other column of the open-data CSV is one the dry run explains.
    assert all(open_data_note(name) for name in open_header if name not in csv_header)


def test_an_open_data_csv_trimmed_to_the_template_imports_the_same_case_study(
    anonymous, editor, editor_user
):
    original = factories.full_partnership(
        title="Street triage, Cleveland",
        summary="Nurses and officers together; at night.",
        problem="Detentions under section 136.\n\nMany of them.",
        start_year=2014,
        end_year=2019,
        work_state="ended",
        scale="regional",
        evaluation_type="before_after",
        evaluation_finding="positive",
        funding="PCC grant of £120,000",
        cost_band="50k_250k",
        staffing="2 nurses",
        prevention_level="secondary",
        referral_route="Officers call the nurse",
        replication_needs="A nurse on shift",
    )
    original.sources.create(title="Second report", url="https://example.org/two")
    rows = open_data_csv(anonymous)
    header, values = rows[0], rows[1]
    shared = [c.name for c in COLUMNS if c.name in header]
    trimmed = io.StringIO()
    writer = csv.writer(trimmed)
    writer.writerow(shared)
    writer.writerow([values[header.index(name)] for name in shared])
    file = SimpleUploadedFile("trimmed.csv", trimmed.getvalue().encode("utf-8"))

    response = editor.post(reverse("moderation:import"), {"spreadsheet": file})
    assert response.status_code == 302
    html = editor.get(response["Location"]).content.decode()
    assert ">Ready<" in html and "Import 1 draft" in html
    editor.post(reverse("moderation:import_confirm", args=[SpreadsheetUpload.objects.get().pk]))

    draft = Partnership.objects.get(status="draft")
    assert draft.submitted_by == editor_user
    for name in shared:
        if name in ("themes", "population_groups", "police_force_areas"):
            assert set(getattr(draft, name).all()) == set(getattr(original, name).all()), name
        elif name == "source_urls":
            urls = [s.url for s in draft.sources.order_by("pk")]
            assert urls == [s.url for s in original.sources.order_by("pk")]
        else:
            assert getattr(draft, name) == getattr(original, name), name


def test_an_untrimmed_open_data_csv_is_refused_saying_why_for_each_column(anonymous, editor):
    factories.full_partnership()
    rows = open_data_csv(anonymous)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    file = SimpleUploadedFile("case-studies.csv", out.getvalue().encode("utf-8"))
    response = editor.post(reverse("moderation:import"), {"spreadsheet": file})
    html = editor.get(response["Location"]).content.decode()
    assert "The import makes new drafts, so it cannot take this column" in html
    assert "repeats work_state in words" in html
    assert "put them in lead_partners and other_partners instead" in html
    assert "Import 1 draft" not in html
    assert Partnership.objects.filter(status="draft").count() == 0


def test_the_open_data_csvs_apostrophe_before_a_formula_sign_is_reported(editor):
    file = SimpleUploadedFile(
        "trimmed.csv", b"title,summary,funding\nA,B,'=PCC grant\nC,D,'Quoted' is fine\n"
    )
    response = editor.post(reverse("moderation:import"), {"spreadsheet": file})
    html = editor.get(response["Location"]).content.decode()
    assert html.count("This starts with an apostrophe") == 1
    assert "&#x27;=PCC grant" in html
