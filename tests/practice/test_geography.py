"""The force-area shapes: every force has one, codes agree with the reference list, neighbours
come from shared boundaries, and the drawn map keeps shared borders and stays small."""

import csv
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from practice.geography import ATTRIBUTION, areas, neighbouring_areas, shapes
from practice.geography.svg import MapArea, choropleth, locator

SHARED = Path(settings.BASE_DIR).parent / "shared" / "reference"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def reference_codes() -> set[str]:
    with (SHARED / "police_forces.csv").open(encoding="utf-8") as f:
        return {row["pfa_code"] for row in csv.DictReader(f)}


def fixture_codes() -> set[str]:
    rows = json.loads((FIXTURES / "regions_and_forces.json").read_text(encoding="utf-8"))
    return {
        row["fields"]["pfa_code"]
        for row in rows
        if row["model"] == "partnerships.organisation" and row["fields"]["kind"] == "police_force"
    }


def test_all_43_forces_have_a_shape_and_the_codes_agree():
    assert len(areas()) == 43
    assert set(areas()) == reference_codes() == fixture_codes()
    assert all(area.rings for area in areas().values())


def test_the_fixture_copy_is_the_reference_file_and_keeps_its_attribution():
    name = "police_force_areas_2020_buc"
    for suffix in (".geojson", ".md"):
        copy = (FIXTURES / "geography" / f"{name}{suffix}").read_bytes()
        assert copy == (SHARED / f"{name}{suffix}").read_bytes()
    notes = (FIXTURES / "geography" / f"{name}.md").read_text(encoding="utf-8")
    assert " ".join(ATTRIBUTION.split()) in " ".join(notes.split())


def test_neighbours_are_symmetric_and_found_from_shared_boundaries():
    neighbours = neighbouring_areas()
    assert set(neighbours) == set(areas())
    for code, found in neighbours.items():
        assert found, code
        assert code not in found
        for other in found:
            assert code in neighbours[other]
    durham, cleveland, northumbria = "E23000008", "E23000013", "E23000007"
    assert {cleveland, northumbria} <= neighbours[durham]
    assert neighbours["E23000034"] == {"E23000001"}  # the City of London: only the Met
    assert "E23000001" not in neighbours[durham]


def test_touching_at_one_point_is_not_a_neighbour(monkeypatch):
    square = lambda x, y: ((x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y))  # noqa: E731
    fake = {
        "A": shapes.Area("A", "A", (square(0, 0),)),
        "B": shapes.Area("B", "B", (square(1, 0),)),  # shares an edge with A
        "C": shapes.Area("C", "C", (square(2, 1),)),  # touches B at a corner only
    }
    monkeypatch.setattr(shapes, "areas", lambda: fake)
    shapes.neighbouring_areas.cache_clear()
    try:
        assert shapes.neighbouring_areas() == {
            "A": frozenset({"B"}),
            "B": frozenset({"A"}),
            "C": frozenset(),
        }
    finally:
        shapes.neighbouring_areas.cache_clear()


def test_simplify_keeps_the_ends_and_points_off_the_line():
    line = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert shapes.simplify(line, 0.5) == [(0, 0), (2, 0), (3, 5), (4, 0)]
    assert shapes.simplify(line, 10) == [(0, 0), (4, 0)]


def test_neighbours_are_drawn_with_the_same_border():
    frame = shapes.frame_for()
    rings = shapes.simplified_rings(frame, tolerance=0.5, min_area=2)
    points = {code: {p for ring in found for p in ring} for code, found in rings.items()}
    for code, found in neighbouring_areas().items():
        assert rings[code], code
        for other in found:
            # A border a kilometre long can round to one point; none would mean a gap.
            assert points[code] & points[other], (code, other)


def test_the_map_has_a_linked_named_shape_per_area_and_is_under_60_kb():
    drawn = [
        MapArea(code, f"{a.name}: 1 case study", "c1", f"/x/{code}/") for code, a in areas().items()
    ]
    svg = choropleth(drawn, "A map")
    assert len(svg.encode()) <= 60_000
    for code, area in areas().items():
        assert f'href="/x/{code}/"' in svg
        assert f'aria-label="{escape(area.name)}: 1 case study"' in svg
    # London's two forces are drawn again in the inset.
    assert svg.count('href="/x/E23000034/"') == 2


def test_the_locator_picks_out_the_area_and_its_neighbours():
    svg = locator("E23000008", neighbouring_areas()["E23000008"], "Durham & neighbours")
    assert svg.count("app-map__area--this") == 1
    assert svg.count("app-map__area--neighbour") == len(neighbouring_areas()["E23000008"])
    assert 'aria-label="Durham &amp; neighbours"' in svg
    assert "<a " not in svg


@pytest.mark.parametrize("text", ["<script>", '"onload="x'])
def test_labels_are_escaped(text):
    svg = choropleth([MapArea("E23000008", text, "c1", "/?a=1&b=2")], text)
    assert "<script>" not in svg and '"onload' not in svg
    assert "/?a=1&amp;b=2" in svg
