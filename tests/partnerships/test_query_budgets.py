"""Public pages run a fixed number of queries, however many rows, partners and themes there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import cards
from partnerships.models import Partnership
from partnerships.views import case_study_extras as case_study_memo
from tests import factories
from themes.models import Theme

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(times: int):
    """Add case studies with several partners and themes each."""
    for _ in range(times):
        p = factories.full_partnership()
        factories.member(p, role="lead")
        factories.member(p, role="funder")
        p.themes.add(factories.theme(), factories.theme())


def small_and_large(client, url_of):
    grow(1)
    small = queries_for(client, url_of())
    grow(8)
    large = queries_for(client, url_of())
    return small, large


@pytest.mark.parametrize(
    ("url_name", "budget"),
    [
        # The first request after a change rebuilds the facet index (a fixed number of queries):
        # the home page's counts and latest case studies come from it too.
        ("partnerships:home", 16),
        ("partnerships:list", 16),
        ("themes:list", 2),
        # The first request after a change counts the organisations' published case studies
        # and reads the regions for the filters; later ones do not (test_organisation_list.py).
        ("partnerships:organisations", 4),
    ],
)
def test_list_pages_stay_within_budget_as_rows_grow(anonymous, url_name, budget):
    small, large = small_and_large(anonymous, lambda: reverse(url_name))
    assert small == large
    assert large <= budget, large


def test_detail_page_stays_within_budget_as_partners_and_themes_grow(anonymous):
    p = factories.full_partnership()

    def warm_queries(url):
        queries_for(anonymous, url)  # the first request after a change rebuilds the facet index
        case_study_memo.forget()  # the page's data is read again, not remembered
        return queries_for(anonymous, url)

    def relate_more():
        for _ in range(3):
            other = factories.full_partnership()
            other.themes.add(*p.themes.all())
            other.police_force_areas.add(*p.police_force_areas.all())

    relate_more()
    small = warm_queries(p.get_absolute_url())
    for _ in range(6):
        factories.member(p)
        factories.source(p)
        p.themes.add(factories.theme())
        p.police_force_areas.add(factories.police_force())
        p.population_groups.add(factories.population_group())
    relate_more()
    large = warm_queries(p.get_absolute_url())
    # The change stamp, the case study's row, its force areas, partners and sources (its themes
    # and population groups are in the facet index), its related case studies and two for its
    # public history. What the research says is remembered for the stamp (evidence/research.py).
    assert small == large <= 8
    # Then the page's data is remembered until something published changes: the stamp alone.
    assert queries_for(anonymous, p.get_absolute_url()) == 1


def test_theme_and_organisation_pages_stay_within_budget(anonymous):
    theme = factories.theme()
    org = factories.organisation()

    def tag_everything():
        for _ in range(5):
            p = factories.full_partnership()
            p.themes.add(theme)
            factories.member(p, org)

    def warm_queries(url):
        queries_for(anonymous, url)  # the first request after a change rebuilds the facet index
        return queries_for(anonymous, url)

    tag_everything()
    theme_small = warm_queries(theme.get_absolute_url())
    org_small = warm_queries(org.get_absolute_url())
    tag_everything()
    assert warm_queries(theme.get_absolute_url()) == theme_small <= 4  # 1: what the research says
    assert warm_queries(org.get_absolute_url()) == org_small <= 4


def test_moderation_queue_stays_within_budget(editor, contributor_user):
    def submit_more(times):
        for _ in range(times):
            p = factories.complete_draft(submitted_by=contributor_user)
            p.submit(by=contributor_user)

    submit_more(1)
    small = queries_for(editor, reverse("moderation:queue"))
    submit_more(8)
    assert queries_for(editor, reverse("moderation:queue")) == small <= 6


def test_your_case_studies_stays_within_budget(contributor, contributor_user):
    def start_more(times):
        for _ in range(times):
            factories.complete_draft(submitted_by=contributor_user)
            live = factories.full_partnership(submitted_by=contributor_user)
            live.start_revision(by=contributor_user)

    start_more(1)
    small = queries_for(contributor, reverse("contribute:mine"))
    start_more(5)
    assert queries_for(contributor, reverse("contribute:mine")) == small <= 5


def test_task_list_and_review_pages_stay_within_budget(contributor, editor, contributor_user):
    p = factories.complete_draft(submitted_by=contributor_user)
    overview = reverse("contribute:overview", args=[p.pk])
    small = queries_for(contributor, overview)
    for _ in range(5):
        factories.member(p)
        factories.source(p)
        p.themes.add(factories.theme())
    assert queries_for(contributor, overview) == small <= 14
    factories.member(p, factories.organisation(is_confirmed=False))
    p.submit(by=contributor_user)
    review = reverse("moderation:review", args=[p.pk])
    small = queries_for(editor, review)
    factories.member(p, factories.organisation(is_confirmed=False))
    factories.member(p, factories.organisation(is_confirmed=False))
    assert queries_for(editor, review) == small <= 16


def test_list_page_with_a_warm_facet_index_needs_two_queries_and_one_when_seen(anonymous):
    grow(3)
    theme = Theme.objects.filter(partnerships__isnull=False).first()
    url = reverse("partnerships:list") + f"?theme={theme.slug}&sort=title"
    queries_for(anonymous, url)  # builds the index
    cards.forget()
    # the change stamp and the page of results: the cards' themes and lead partners are indexed
    assert queries_for(anonymous, url) == 2
    # and cards built for this change stamp are remembered (partnerships/cards.py)
    assert queries_for(anonymous, url) == 1
    grow(5)
    queries_for(anonymous, url)
    assert queries_for(anonymous, url) == 1


def test_compare_page_stays_within_budget_as_partners_and_themes_grow(anonymous):
    a, b = factories.full_partnership(), factories.full_partnership()
    url = reverse("partnerships:compare") + f"?ids={a.pk},{b.pk}"
    small = queries_for(anonymous, url)
    for p in (a, b):
        for _ in range(4):
            factories.member(p)
            factories.source(p)
            p.themes.add(factories.theme())
            p.population_groups.add(factories.population_group())
    assert queries_for(anonymous, url) == small <= 6


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # the change stamp, and per chunk the case studies' rows and all their related lists
        (reverse("opendata:csv"), 3),
        (reverse("opendata:partners_csv"), 3),
        (reverse("opendata:json"), 3),
        # the change stamp: the page's records and the feed's entries are remembered for it
        # (opendata/records.py, opendata/feeds.py)
        ("/api/v1/case-studies", 1),
        (reverse("opendata:feed"), 1),
        (reverse("opendata:page"), 1),
        # the change stamp (counts come from the finder's index), the count and the rows
        ("/api/v1/themes", 2),
        ("/api/v1/force-areas", 2),
        ("/api/v1/organisations", 3),
        ("/sitemap-case-studies.xml", 2),  # the count for its pages, and the rows
    ],
)
def test_open_data_stays_within_budget_as_rows_grow(anonymous, url, budget):
    def warm_queries():
        b"".join(anonymous.get(url))  # the first request after a change rebuilds the facet index
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get(url)
            assert response.status_code == 200
            b"".join(response)  # a streamed download runs its queries as it is sent
        return len(captured)

    grow(1)
    small = warm_queries()
    grow(8)
    assert warm_queries() == small <= budget, small


def test_practice_pages_stay_within_budget(anonymous):
    """/practice/ counts from the finder's index and keeps the police forces for its change stamp:
    one query (the stamp), however many case studies, themes and areas; an area's page adds its
    page of cards (the first request after a change rebuilds the index)."""
    force = factories.police_force()

    def warm_queries(url):
        queries_for(anonymous, url)
        return queries_for(anonymous, url)

    def grow_in_area(times):
        grow(times)
        for p in Partnership.objects.all():
            p.police_force_areas.add(force)

    grow_in_area(1)
    pages = [
        reverse("practice:page"),
        reverse("practice:page") + "?theme=" + Theme.objects.first().slug,
        reverse("practice:csv", args=["themes-by-region"]),
        reverse("practice:area", args=[force.slug]),
    ]
    small = [warm_queries(url) for url in pages]
    grow_in_area(8)
    assert [warm_queries(url) for url in pages] == small
    assert small[:3] == [1, 1, 1]
    assert small[3] <= 2, small
