"""/practice/: the map, the tables and the CSVs count what the finder finds for the addresses
they link to, take the finder's filters, and treat bad parameters as the finder does."""

import csv
import html
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse

from partnerships.finder import find
from partnerships.models import Organisation, Partnership
from tests import factories
from themes.models import Theme

pytestmark = pytest.mark.django_db
PAGE = "/practice/"
MAP_LINK = re.compile(r'<a class="app-map__link" href="([^"]+)" aria-label="([^"]+)">')


@pytest.fixture
def demo(db):
    """The demo site: the reference data and every demo case study."""
    call_command("seed_demo_data", stdout=io.StringIO())
    assert Partnership.objects.published().count() >= 30


@pytest.fixture
def reference(db):
    """The real regions, forces and themes, and a few case studies across them."""
    call_command("loaddata", "regions_and_forces.json", "themes.json", verbosity=0)
    forces = {f.slug: f for f in Organisation.objects.police_forces()}
    themes = {t.slug: t for t in Theme.objects.all()}
    for force, theme, year in [
        ("durham", "mental-health", 2015),
        ("durham", "alcohol", 2018),
        ("cleveland", "mental-health", 2019),
        ("metropolitan", "violence-prevention", 2012),
        ("dyfed-powys", "alcohol", None),
    ]:
        p = factories.partnership(start_year=year, evaluation_type="process")
        p.police_force_areas.add(forces[force])
        p.themes.add(themes[theme])
        factories.member(p, forces[force], role="lead")
        factories.member(p, factories.organisation(kind="la_public_health"))


def finder_total(client, url: str, through_the_page: bool = False) -> int:
    """The total the finder gives for `url`: from the finder itself (find() with the address's
    parameters, which is what the page shows), or by requesting the page."""
    parts = urlsplit(url)
    assert parts.path == reverse("partnerships:list")
    if not through_the_page:
        return find(QueryDict(parts.query)).total
    response = client.get(url)
    assert response.status_code == 200
    total = response.context["finder"].total
    assert f'id="result-count">{total} case stud' in response.content.decode()
    return total


def linked_cells(page):
    for table in page.tables.values():
        for row in [*table.rows, *([table.totals] if table.totals else [])]:
            for cell in row.cells:
                if cell.url:
                    yield table.slug, row.label, cell


def map_links(response) -> list[tuple[str, str]]:
    return [
        (html.unescape(h), html.unescape(a)) for h, a in MAP_LINK.findall(response.content.decode())
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?theme=mental-health&start_from=2015",
        "?partner_kind_all=police_force&partner_kind=la_public_health&partner_kind=nhs_provider",
    ],
)
def test_every_cell_and_map_area_counts_what_its_finder_link_finds(anonymous, demo, query):
    response = anonymous.get(PAGE + query)
    assert response.status_code == 200
    page = response.context["practice"]
    cells = list(linked_cells(page))
    assert len(cells) > 50
    seen_tables = set()
    for slug, label, cell in cells:
        first = slug not in seen_tables and cell.count  # one per table through the real page
        seen_tables.add(slug)
        assert finder_total(anonymous, cell.url, first) == cell.count, (slug, label, cell.url)
    areas = map_links(response)
    assert len(areas) == 43 + 2  # and London's two again in the inset
    for i, (url, label) in enumerate(areas):
        count = int(label.rsplit(": ", 1)[1].split()[0].replace(",", ""))
        assert finder_total(anonymous, url, i % 10 == 0) == count, label
    for gap in page.gaps:
        assert finder_total(anonymous, gap.url) == gap.count


def test_the_map_names_each_area_with_its_count_and_shows_the_attribution(anonymous, reference):
    durham = factories.partnership()
    durham.police_force_areas.add(Organisation.objects.get(slug="durham"))
    response = anonymous.get(PAGE)
    content = response.content.decode()
    expected = Partnership.objects.published().filter(police_force_areas__slug="durham").count()
    assert f'aria-label="Durham: {expected} case stud' in content
    assert (
        "Source: Office for National Statistics licensed under the Open Government Licence"
        in content
    )
    assert "None submitted" in content
    assert 'href="/practice/"' in content and "Current practice" in content  # the navigation


def test_a_theme_filter_changes_the_map_and_is_shown_and_removable(anonymous, demo):
    everything = anonymous.get(PAGE)
    mental = anonymous.get(PAGE + "?theme=mental-health")
    assert mental.context["finder"].total < everything.context["finder"].total
    assert map_links(mental) != map_links(everything)
    assert all("theme=mental-health" in url for url, _ in map_links(mental))
    content = mental.content.decode()
    assert "Remove this filter: </span>Mental health and crisis care" in content
    # Only the chosen theme is a row: its counts are what the finder gives for it.
    rows = [row.label for row in mental.context["practice"].tables["themes-by-region"].rows]
    assert rows == ["Mental health and crisis care"]
    see = mental.context["practice"].figures[0].url
    assert see == "/partnerships/?theme=mental-health"
    assert f'id="see-case-studies" href="{see}"' in content


def test_who_works_together_links_each_pair_to_the_case_studies_with_both(anonymous, reference):
    response = anonymous.get(PAGE)
    pairs = response.context["practice"].tables["partner-pairs"].rows
    assert [(row.label, row.cells[0].count) for row in pairs] == [
        ("Territorial police force + Local authority public health", 5)
    ]
    url = pairs[0].cells[0].url
    assert url == ("/partnerships/?partner_kind_all=police_force&partner_kind_all=la_public_health")
    assert finder_total(anonymous, url, through_the_page=True) == 5
    content = response.content.decode()
    assert f'<a class="govuk-link" href="{html.escape(url)}">5<span' in content
    assert "Each count links to the case studies that include both kinds of partner." in content
    assert "not links" not in content

    # With filters, and a kind already required, a pair's link keeps them and adds the pair.
    durham_alcohol = Partnership.objects.get(themes__slug="alcohol", start_year=2018)
    factories.member(durham_alcohol, factories.organisation(kind="nhs_provider"))
    narrowed = anonymous.get(PAGE + "?theme=alcohol&partner_kind_all=la_public_health")
    content = narrowed.content.decode()
    assert "Remove this filter: </span>Local authority public health" in content
    # The panel keeps it when other filters are applied, and links both ways carry it.
    assert '<input type="hidden" name="partner_kind_all" value="la_public_health">' in content
    see = narrowed.context["practice"].figures[0].url
    assert see == "/partnerships/?theme=alcohol&partner_kind_all=la_public_health"
    back = anonymous.get(see).content.decode()
    assert 'href="/practice/?theme=alcohol&amp;partner_kind_all=la_public_health"' in back
    rows = narrowed.context["practice"].tables["partner-pairs"].rows
    assert {row.label: row.cells[0].count for row in rows} == {
        "Territorial police force + Local authority public health": 2,
        "Territorial police force + NHS provider trust": 1,
        "Local authority public health + NHS provider trust": 1,
    }
    for row in rows:
        query = QueryDict(urlsplit(row.cells[0].url).query)
        assert query.getlist("theme") == ["alcohol"]
        assert query.getlist("partner_kind_all")[0] == "la_public_health"
        assert len(set(query.getlist("partner_kind_all"))) == len(query.getlist("partner_kind_all"))
        assert finder_total(anonymous, row.cells[0].url) == row.cells[0].count, row.label


def test_the_finder_links_to_this_page_with_its_filters(anonymous, reference):
    response = anonymous.get("/partnerships/?theme=mental-health&start_from=2015&sort=title")
    assert 'href="/practice/?theme=mental-health&amp;start_from=2015"' in response.content.decode()
    theme_page = anonymous.get(reverse("themes:detail", args=["mental-health"]) + "?region=london")
    assert 'href="/practice/?region=london&amp;theme=mental-health"' in theme_page.content.decode()


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("?theme=no-such-theme", "“no-such-theme” is not one of the options for theme"),
        ("?start_from=soon", "Started from must be a year such as 2016, not “soon”"),
        ("?start_from=2020&start_to=2010", "The years were the wrong way round"),
        ("?rating_min=2&rating_min=3", "Only one evidence rating"),
        ("?order=sideways", "“sideways” is not a way to order the police force areas"),
        ("?theme=%00%ff" + "x" * 3000, "is not one of the options for theme"),
    ],
)
def test_bad_parameters_give_a_notice_as_on_the_finder_never_a_500(
    anonymous, reference, query, notice
):
    response = anonymous.get(PAGE + query)
    assert response.status_code == 200
    assert notice in html.unescape(response.content.decode())
    finder = anonymous.get("/partnerships/" + query)
    if "order=" not in query:
        assert notice in html.unescape(finder.content.decode())


def test_the_map_as_served_stays_under_60_kb_with_long_filters(anonymous, demo):
    query = (
        "?theme=mental-health&theme=substance-misuse&population=young-people"
        "&partner_kind_all=police_force&partner_kind_all=la_public_health"
        "&start_from=2010&start_to=2024&q=street%20triage%20nurses&order=count"
    )
    for url in (PAGE, PAGE + query):
        content = anonymous.get(url).content.decode()
        svg = re.search(r'<svg class="app-map".*?</svg>', content, re.S).group(0)
        assert len(svg.encode()) <= 60_000, url


def test_force_areas_can_be_ordered_by_count_with_plain_links(anonymous, reference):
    by_name = anonymous.get(PAGE).context["practice"].tables["force-areas"].rows
    names = [row.label for row in by_name]
    assert names == sorted(names, key=str.casefold) and len(names) == 43
    by_count = anonymous.get(PAGE + "?order=count").context["practice"].tables["force-areas"].rows
    counts = [row.cells[0].count for row in by_count]
    assert counts == sorted(counts, reverse=True)
    assert 'href="/practice/?order=count#areas-order"' in anonymous.get(PAGE).content.decode()


def test_a_force_filter_leaves_other_areas_uncounted(anonymous, reference):
    response = anonymous.get(PAGE + "?force=durham")
    rows = {
        row.label: row.cells[0] for row in response.context["practice"].tables["force-areas"].rows
    }
    assert rows["Durham"].count is not None
    assert rows["Cleveland"].count is None and not rows["Cleveland"].url
    assert "Cleveland: not in the areas chosen" in response.content.decode()


def test_a_region_filter_leaves_areas_outside_it_uncounted_unless_they_share_a_case_study(
    anonymous, reference
):
    both = factories.partnership(title="Across two regions")
    both.police_force_areas.add(*Organisation.objects.filter(slug__in=["durham", "kent"]))
    response = anonymous.get(PAGE + "?region=north-east")
    rows = {
        row.label: row.cells[0] for row in response.context["practice"].tables["force-areas"].rows
    }
    assert rows["Durham"].count == 3
    assert rows["Northumbria"].count == 0  # in the region, none submitted
    assert rows["Surrey"].count is None and rows["Surrey"].text == "Not in the regions chosen"
    assert not rows["Surrey"].url
    assert rows["Kent"].count == 1  # outside the region, but it shares a case study with Durham
    assert finder_total(anonymous, rows["Kent"].url) == 1
    content = response.content.decode()
    assert "Surrey: not in the regions chosen" in content
    legend = {item.label: item.areas for item in response.context["practice"].map.legend}
    outside = sum(1 for cell in rows.values() if cell.count is None)
    assert legend["Not in the regions chosen"] == outside > 30


def test_evaluation_gaps_are_said_in_words(anonymous, db):
    theme = factories.theme(name="Knife crime", slug="knife-crime")
    for rating in [0, 1, 2, 2, 0]:
        factories.partnership(evidence_rating=rating).themes.add(theme)
    checked = factories.theme(name="Checked theme", slug="checked")
    for rating in [0, 0, 0, 0, 3]:
        factories.partnership(evidence_rating=rating).themes.add(checked)
    content = anonymous.get(PAGE).content.decode()
    assert "Knife crime</a>: 5 case studies, none checked at level 3 or above" in content
    assert "Checked theme</a>:" not in content


def test_headline_figures(anonymous, db):
    force = factories.police_force(
        name="Durham Constabulary", slug="durham-x", pfa_code="E23000008"
    )
    a = factories.partnership(evaluation_type="rct", evidence_rating=4)
    a.police_force_areas.add(force)
    factories.member(a)
    factories.member(a)
    factories.partnership(evaluation_type="not_evaluated")
    figures = {f.label: f.value for f in anonymous.get(PAGE).context["practice"].figures}
    assert figures["published case studies"] == "2"
    assert figures["police force areas with at least one (of 1)"] == "1"
    assert figures["organisations involved"] == "2"
    assert figures["report an evaluation of any kind"] == "50%"
    assert figures["checked by editors at level 3 or above"] == "50%"


def test_an_empty_directory_has_a_page(anonymous, db):
    response = anonymous.get(PAGE)
    assert response.status_code == 200
    assert "None submitted" in response.content.decode()


def test_anonymous_browsing_sets_no_cookies(anonymous, reference):
    assert not anonymous.get(PAGE + "?theme=alcohol").cookies
    assert not anonymous.get(reverse("practice:csv", args=["themes-by-region"])).cookies


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.parametrize(
    "table",
    [
        "force-areas",
        "themes-by-region",
        "evidence-by-theme",
        "partner-kinds",
        "partner-pairs",
        "start-years",
    ],
)
def test_each_table_downloads_as_csv_with_the_same_filters(anonymous, reference, table):
    query = "?theme=mental-health"
    shown = anonymous.get(PAGE + query).context["practice"].tables[table]
    assert shown.csv_url == reverse("practice:csv", args=[table]) + query
    response = anonymous.get(shown.csv_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{table}.csv"'
    assert read_csv(response) == shown.csv_rows()
    assert read_csv(response)[0] == [shown.row_header, *shown.columns]
    assert f'href="{html.escape(shown.csv_url)}"' in anonymous.get(PAGE + query).content.decode()


@pytest.mark.parametrize("query", ["?theme=%00%ff", "?start_from=soon&order=x", "?q=%22"])
def test_a_csv_with_bad_parameters_is_still_a_csv(anonymous, reference, query):
    for table in ("force-areas", "partner-pairs"):
        response = anonymous.get(reverse("practice:csv", args=[table]) + query)
        assert response.status_code == 200
        assert read_csv(response)[0][0] in {"Police force area", "Kinds of partner"}


def test_an_unknown_table_is_a_404(anonymous, db):
    assert anonymous.get("/practice/no-such-table.csv").status_code == 404


def test_csv_cells_never_start_a_formula(anonymous, db):
    kind_theme = factories.theme(name="=HYPERLINK(1)", slug="formula")
    factories.partnership().themes.add(kind_theme)
    rows = read_csv(anonymous.get(reverse("practice:csv", args=["themes-by-region"])))
    assert ["'=HYPERLINK(1)"] == [row[0] for row in rows if "HYPERLINK" in row[0]]
