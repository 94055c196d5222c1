"""The case-study finder: combinable filters with counts, as a visitor uses them."""

import itertools
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")


@pytest.fixture
def library():
    """Six published case studies spread over themes, regions, forces, partners and ratings."""
    north = factories.region(name="North East", slug="north-east")
    wales = factories.region(name="Wales", slug="wales")
    durham = factories.police_force(name="Durham Constabulary", slug="durham", region=north)
    gwent = factories.police_force(name="Gwent Police", slug="gwent", region=wales)
    mental = factories.theme(name="Mental health", slug="mental-health", is_priority=True)
    drugs = factories.theme(name="Substance misuse", slug="substance-misuse", is_priority=True)
    aces = factories.theme(name="ACEs", slug="aces-trauma", is_priority=True)
    young = factories.population_group(name="Young people", slug="young-people")
    charity = factories.organisation(name="Redthread", slug="redthread")
    nhs = factories.organisation(name="NHS trust", slug="nhs-trust", kind="nhs_provider")
    rows = [
        ("Street triage", [mental], [durham], "before_after", 2, "positive", 2013, "pilot"),
        ("Checkpoint", [drugs, mental], [durham], "rct", 5, "positive", 2016, "ongoing"),
        ("Early Action Together", [aces], [gwent], "process", 0, "too_early", 2017, "ended"),
        ("Naloxone", [drugs], [gwent, durham], "monitoring", 0, "", 2019, "ongoing"),
        ("Youth work", [aces, mental], [], "comparison", 3, "mixed", None, "ongoing"),
        ("Crisis line", [mental], [gwent], "not_evaluated", 0, "", 2020, "pilot"),
    ]
    made = {}
    for title, themes, forces, evaluation, rating, finding, start, state in rows:
        p = factories.partnership(
            title=title,
            evaluation_type=evaluation,
            evidence_rating=rating,
            evaluation_finding=finding,
            start_year=start,
            work_state=state,
        )
        p.themes.add(*themes)
        p.police_force_areas.add(*forces)
        made[title] = p
    factories.member(made["Street triage"], nhs, role="lead")
    factories.member(made["Youth work"], charity, role="lead")
    factories.member(made["Checkpoint"], charity, role="partner")
    made["Youth work"].population_groups.add(young)
    factories.partnership(title="Hidden draft", status="draft").themes.add(mental)
    return made


def titles(response) -> set[str]:
    assert response.status_code == 200
    return {p.title for p in response.context["results"]}


def facet(response, key):
    return next(f for f in response.context["finder"].facets if f.key == key)


def count_of(response, key, value) -> int:
    return next(o.count for o in facet(response, key).options if o.value == value)


def test_unfiltered_list_shows_every_published_case_study_with_a_count_heading(anonymous, library):
    response = anonymous.get(LIST)
    assert titles(response) == set(library)
    assert response.context["finder"].total == 6
    assert '<h2 class="govuk-heading-m" id="result-count">6 case studies</h2>' in (
        response.content.decode()
    )


def test_options_within_a_facet_are_ored(anonymous, library):
    response = anonymous.get(LIST, {"theme": ["aces-trauma", "substance-misuse"]})
    assert titles(response) == {"Checkpoint", "Early Action Together", "Naloxone", "Youth work"}


def test_facets_are_anded_with_each_other(anonymous, library):
    response = anonymous.get(LIST, {"theme": "mental-health", "region": "north-east"})
    assert titles(response) == {"Street triage", "Checkpoint"}
    response = anonymous.get(
        LIST, {"theme": "mental-health", "region": "north-east", "evaluation": "rct"}
    )
    assert titles(response) == {"Checkpoint"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"force": "gwent"}, {"Early Action Together", "Naloxone", "Crisis line"}),
        ({"partner": "redthread"}, {"Youth work", "Checkpoint"}),
        ({"partner_kind": "nhs_provider"}, {"Street triage"}),
        ({"partner_kind_all": "nhs_provider"}, {"Street triage"}),
        ({"population": "young-people"}, {"Youth work"}),
        ({"rating_min": "3"}, {"Checkpoint", "Youth work"}),
        ({"finding": ["mixed", "too_early"]}, {"Youth work", "Early Action Together"}),
        ({"work_state": "pilot"}, {"Street triage", "Crisis line"}),
        (
            {"start_from": "2016", "start_to": "2019"},
            {"Checkpoint", "Early Action Together", "Naloxone"},
        ),
        ({"start_from": "2019"}, {"Naloxone", "Crisis line"}),
    ],
)
def test_each_facet_filters(anonymous, library, params, expected):
    assert titles(anonymous.get(LIST, params)) == expected


def test_counts_are_disjunctive_within_a_facet_and_conjunctive_across(anonymous, library):
    response = anonymous.get(LIST, {"theme": "mental-health", "region": "wales"})
    # Within the theme facet, counts ignore the theme choice but respect the region.
    assert count_of(response, "theme", "mental-health") == 1  # Crisis line
    assert count_of(response, "theme", "aces-trauma") == 1  # Early Action Together
    assert count_of(response, "theme", "substance-misuse") == 1  # Naloxone
    # Within the region facet, counts ignore the region choice but respect the theme.
    assert count_of(response, "region", "north-east") == 2
    assert count_of(response, "region", "wales") == 1


def test_every_count_equals_the_size_of_the_result_it_links_to(anonymous, library):
    """An option's count is what choosing it gives with the other facets as they are: for
    several starting selections, that result has exactly the count shown."""
    starts = [
        {},
        {"theme": "mental-health"},
        {"region": "wales", "rating_min": "1"},
        {"evaluation": ["rct", "process"], "start_from": "2014"},
    ]
    for start in starts:
        response = anonymous.get(LIST, start)
        for counted in response.context["finder"].facets:
            for option in counted.options:
                params = QueryDict(mutable=True)
                for key, value in start.items():
                    params.setlist(key, value if isinstance(value, list) else [value])
                params.setlist(counted.key, [option.value])
                followed = anonymous.get(LIST + "?" + params.urlencode())
                assert followed.context["finder"].total == option.count, (start, option)
                assert len(followed.context["results"]) == option.count, (start, option)


def _counted_with_the_orm(params: QueryDict) -> int:
    """The same filters written with Django's ORM: the reference the bitmap index must match."""
    lookups = {
        "theme": "themes__slug__in",
        "region": "police_force_areas__region__slug__in",
        "partner": "members__organisation__slug__in",
        "work_state": "work_state__in",
    }
    queryset = Partnership.objects.published()
    for key in params:
        if key == "rating_min":
            queryset = queryset.filter(evidence_rating__gte=int(params[key]))
        else:
            queryset = queryset.filter(**{lookups[key]: params.getlist(key)})
    return queryset.distinct().count()


def test_bitmap_counts_agree_with_the_orm_for_many_combinations(library):
    choices = {
        "theme": ["mental-health", "aces-trauma"],
        "region": ["north-east"],
        "rating_min": ["2"],
        "work_state": ["ongoing"],
        "partner": ["redthread"],
    }
    keys = list(choices)
    for size in range(len(keys) + 1):
        for combo in itertools.combinations(keys, size):
            params = QueryDict(mutable=True)
            for key in combo:
                params.setlist(key, choices[key])
            from partnerships.finder import find

            assert find(params).total == _counted_with_the_orm(params), combo


def test_an_option_with_no_results_is_shown_as_unavailable(anonymous, library):
    response = anonymous.get(LIST, {"theme": "aces-trauma"})
    html = response.content.decode()
    assert count_of(response, "region", "north-east") == 0
    option = next(o for o in facet(response, "region").options if o.value == "north-east")
    assert not option.available
    assert 'value="north-east" disabled' in html


def test_selected_filters_can_be_removed_one_at_a_time(anonymous, library):
    response = anonymous.get(LIST, {"theme": ["mental-health", "aces-trauma"], "region": "wales"})
    active = {(a.facet_label, a.label): a for a in response.context["finder"].active}
    assert set(active) == {("Theme", "Mental health"), ("Theme", "ACEs"), ("Region", "Wales")}
    removal = dict(parse_qsl(urlsplit(active[("Region", "Wales")].remove_url).query))
    assert "region" not in removal
    html = response.content.decode()
    assert "Remove this filter: </span>Wales" in html
    assert "Clear filters" in html


def test_no_results_says_which_filter_to_remove_and_what_it_would_give(anonymous, library):
    response = anonymous.get(LIST, {"theme": "aces-trauma", "force": "durham"})
    assert response.context["finder"].total == 0
    suggestions = {
        (a.facet_label, a.label): a.count_without for a in response.context["finder"].active
    }
    assert suggestions == {("Theme", "ACEs"): 3, ("Police force area", "Durham Constabulary"): 2}
    html = response.content.decode()
    assert "No case studies match all of this." in html
    assert "Remove theme: ACEs</a> – 3 case studies" in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "title",
            [
                "Checkpoint",
                "Crisis line",
                "Early Action Together",
                "Naloxone",
                "Street triage",
                "Youth work",
            ],
        ),
        (
            "started",
            [
                "Crisis line",
                "Naloxone",
                "Early Action Together",
                "Checkpoint",
                "Street triage",
                "Youth work",
            ],
        ),
    ],
)
def test_sorting(anonymous, library, sort, expected):
    response = anonymous.get(LIST, {"sort": sort})
    assert [p.title for p in response.context["results"]] == expected


def test_newest_published_is_the_default_sort_without_words(anonymous, library):
    Partnership.objects.filter(title="Naloxone").update(published_at="2030-01-01T00:00:00Z")
    response = anonymous.get(LIST)
    assert response.context["finder"].sort == "newest"
    assert response.context["results"][0].title == "Naloxone"
    assert "relevance" not in dict(response.context["finder"].sorts)


def test_filter_state_is_a_shareable_get_url(anonymous, library):
    response = anonymous.get(LIST, {"theme": "mental-health", "sort": "title", "rating_min": "2"})
    html = response.content.decode()
    assert 'method="get"' in html
    assert 'name="theme" type="checkbox" value="mental-health" checked' in html
    assert 'type="radio" value="2" checked' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": "no-such-theme"}, "is not one of the options for theme"),
        ({"region": "<script>x</script>"}, "is not one of the options for region"),
        ({"start_from": "abc"}, "Started from must be a year such as 2016"),
        ({"start_to": "99999"}, "Started up to must be a year"),
        ({"start_from": "2020", "start_to": "2010"}, "wrong way round"),
        ({"rating_min": ["2", "3"]}, "Only one evidence rating"),
        ({"sort": "price"}, "is not a way to sort"),
        ({"page": "abc"}, "is not a page number"),
        ({"theme": "é́́́́́\u202e"}, "is not one of the options for theme"),
        ({"partner": "\x00"}, "is not one of the options for partner organisation"),
        ({"sort": "relevance"}, "Relevance needs words"),
    ],
)
def test_bad_parameters_give_a_page_with_a_clear_message(anonymous, library, params, message):
    response = anonymous.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>x</script>" not in html


def test_unknown_values_are_left_out_but_known_ones_still_apply(anonymous, library):
    response = anonymous.get(LIST, {"theme": ["nope", "aces-trauma"]})
    assert titles(response) == {"Early Action Together", "Youth work"}
    assert "“nope” is not one of the options for theme" in response.content.decode()


def test_repeated_and_empty_parameters_are_harmless(anonymous, library):
    response = anonymous.get(
        LIST + "?theme=aces-trauma&theme=aces-trauma&theme=&region=&page=&sort=&q="
    )
    assert titles(response) == {"Early Action Together", "Youth work"}
    assert response.context["finder"].selection.values["theme"] == ["aces-trauma"]


def test_a_page_past_the_end_is_not_found(anonymous, library):
    assert anonymous.get(LIST, {"page": "2"}).status_code == 404
    assert anonymous.get(LIST, {"page": "1"}).status_code == 200


def test_a_very_long_search_gives_a_page_not_an_error(anonymous, library):
    response = anonymous.get(LIST, {"q": "triage " * 800})
    assert response.status_code == 200


def test_partner_combines_with_other_facets(anonymous, library):
    response = anonymous.get(LIST, {"theme": "mental-health", "partner": "redthread"})
    assert titles(response) == {"Checkpoint", "Youth work"}
    response = anonymous.get(LIST, {"theme": "substance-misuse", "partner": "redthread"})
    assert titles(response) == {"Checkpoint"}


def test_reloading_the_same_fixture_data_rebuilds_the_index(anonymous, library):
    """Fixtures keep their updated_at: deleting and recreating identical rows must still be seen."""
    from partnerships.facets import current_stamp

    before = current_stamp()
    anonymous.get(LIST)
    original = Partnership.objects.get(title="Checkpoint")
    kept = {"updated_at": original.updated_at, "published_at": original.published_at}
    original.delete()
    again = factories.partnership(title="Checkpoint", **kept)
    Partnership.objects.filter(pk=again.pk).update(updated_at=kept["updated_at"])
    factories.partnership(title="Filler")
    Partnership.objects.filter(title="Filler").delete()
    assert current_stamp() != before
    assert "Checkpoint" in titles(anonymous.get(LIST, {"q": "Checkpoint"}))


def test_search_highlights_the_summary_in_place_or_adds_the_passage_that_matched(
    anonymous, library
):
    factories.partnership(title="Kits", summary="Officers carry naloxone for overdoses.")
    factories.partnership(
        title="Custody nurses",
        summary="Nurses in police custody.",
        approach="Nurses also hand out naloxone kits on release.",
    )
    response = anonymous.get(LIST, {"q": "naloxone"})
    html = response.content.decode()
    cards = {p.title: p for p in response.context["results"]}
    assert set(cards) == {"Kits", "Custody nurses", "Naloxone"}  # the library's, by its title
    assert cards["Kits"].snippet is None
    assert "Officers carry <mark>naloxone</mark> for overdoses." in html
    assert "<mark>naloxone</mark>" in cards["Custody nurses"].snippet
    assert "Nurses in police custody." in html
    assert html.count("app-snippet") == 1  # the title-only match shows its summary alone


def test_option_labels_are_escaped(anonymous, library):
    factories.member(
        Partnership.objects.get(title="Naloxone"),
        factories.organisation(name='<img src=x onerror="alert(1)">', slug="evil"),
    )
    factories.theme(name="<b>Bold</b> & co", slug="bold")
    # The partner filter lists the organisations whose names hold what was typed.
    html = anonymous.get(LIST, {"partner_name": "<img"}).content.decode()
    assert "<img src=x" not in html and "<b>Bold</b>" not in html
    assert 'value="&lt;img"' in html  # what was typed, shown back
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert f'{escaped} <span class="app-facet-count" aria-hidden="true">(1' in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html


@pytest.mark.parametrize("sort", ["newest", "title", "started"])
@pytest.mark.parametrize("params", [{}, {"theme": "mental-health"}, {"q": "partnership"}])
def test_paging_through_every_sort_lists_each_match_once_in_order(
    anonymous, library, settings, sort, params
):
    settings.PAGE_SIZE = 2
    factories.partnership(title="alpha lower case", start_year=2016).themes.add(
        library["Checkpoint"].themes.first()
    )
    Partnership.objects.filter(title="Naloxone").update(published_at="2019-05-05T00:00:00Z")
    first = anonymous.get(LIST, {**params, "sort": sort})
    total = first.context["finder"].total
    seen = []
    for number in range(1, first.context["page_obj"].paginator.num_pages + 1):
        page = anonymous.get(LIST, {**params, "sort": sort, "page": number})
        seen += [p.title for p in page.context["results"]]
    assert len(seen) == total == len(set(seen))

    matches = Partnership.objects.filter(title__in=seen)
    if sort == "title":
        expected = sorted(matches, key=lambda p: (p.title.casefold(), p.pk))
    elif sort == "newest":
        expected = sorted(matches, key=lambda p: (-p.published_at.timestamp(), p.title.casefold()))
    else:
        expected = sorted(
            matches,
            key=lambda p: (p.start_year is None, -(p.start_year or 0), p.title.casefold()),
        )
    assert seen == [p.title for p in expected]


def test_relevance_ranks_only_what_the_filters_leave(anonymous, library):
    response = anonymous.get(LIST, {"q": "partnership", "theme": "mental-health", "force": "gwent"})
    assert response.context["finder"].sort == "relevance"
    assert titles(response) == {"Crisis line"}
    response = anonymous.get(LIST, {"q": "partnership", "theme": "aces-trauma"})
    assert titles(response) == {"Early Action Together", "Youth work"}


def test_index_lists_the_ids_a_bitmap_holds(library):
    from partnerships.facets import get_index

    index = get_index()
    mask = index.option_mask("theme", "aces-trauma")
    expected = sorted(
        Partnership.objects.published()
        .filter(themes__slug="aces-trauma")
        .values_list("pk", flat=True)
    )
    assert index.ids_of(mask) == expected
    assert index.ids_of(index.everything) == sorted(
        Partnership.objects.published().values_list("pk", flat=True)
    )
    assert index.ids_of(0) == []
    assert index.newest_ids_of(mask, 2) == sorted(expected, reverse=True)[:2]
    assert index.newest_ids_of(index.everything, 10**6) == index.ids_of(index.everything)[::-1]
    assert index.newest_ids_of(0, 5) == []


def test_index_reads_a_bitmap_over_the_ids_as_the_search_gives_it(library):
    from partnerships import id_bits
    from partnerships.facets import get_index

    index = get_index()
    some = index.ids[::2]
    unknown = max(index.ids) + 1000  # not published: left out
    assert index.mask_of_id_bits(id_bits.from_ids([*some, unknown])) == index.mask_of_ids(some)
    assert index.mask_of_id_bits(id_bits.from_ids(index.ids)) == index.everything
    assert index.mask_of_id_bits(0) == 0


@pytest.mark.parametrize(
    "query",
    ["", "theme=mental-health", "sort=title", "q=triage+OR+checkpoint", "q=nothingmatchesthis"],
)
def test_every_match_is_listed_in_the_page_order_for_downloads(anonymous, library, query):
    """`Finder.ordered_ids()` (downloads, feeds, alerts) holds every match, in the page's order."""
    from partnerships.finder import find

    response = anonymous.get(f"{LIST}?{query}")
    finder = find(QueryDict(query))
    ids = finder.ordered_ids()
    assert len(ids) == finder.total == finder.mask.bit_count() == len(set(ids))
    shown = [p.pk for p in response.context["results"]]
    assert ids[: len(shown)] == shown


def test_the_shared_form_fields_follow_a_new_option_and_keep_no_state_between_requests(
    anonymous,
):
    """FinderForm's fields are built once per index and shared (partnerships/filters.py): a
    theme added since is accepted at once, and one visitor's problems never reach another."""
    first = factories.partnership(title="First")
    first.themes.add(factories.theme(name="Alcohol", slug="alcohol"))
    wrong = anonymous.get(LIST, {"theme": "knife-crime", "sort": "nonsense"}).context
    assert len(wrong["notices"]) == 2
    assert anonymous.get(LIST, {"theme": "alcohol"}).context["notices"] == []

    first.themes.add(factories.theme(name="Knife crime", slug="knife-crime"))
    finder = anonymous.get(LIST, {"theme": "knife-crime"}).context["finder"]
    assert finder.selection.values["theme"] == ["knife-crime"]
    assert finder.selection.notices == [] and finder.total == 1
