"""The public pages, as an anonymous visitor sees them."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [s for s in Partnership.Status.values if s != Partnership.Status.PUBLISHED]


def test_home_shows_priority_themes_latest_case_studies_and_a_search_box(anonymous):
    priority = factories.theme(name="Mental health and crisis care", is_priority=True)
    other = factories.theme(name="Road safety", is_priority=False)
    p = factories.partnership(title="Street triage in Cleveland")
    p.themes.add(priority)
    factories.partnership(title="A private draft", status=Partnership.Status.DRAFT)

    response = anonymous.get(reverse("partnerships:home"))

    assert response.status_code == 200
    assert list(response.context["priority_themes"]) == [(priority, 1)]
    assert [card.pk for card in response.context["latest"]] == [p.pk]
    assert response.context["published_count"] == 1
    html = response.content.decode()
    assert 'name="q"' in html and 'role="search"' in html
    assert "Street triage in Cleveland" in html
    assert "A private draft" not in html
    assert other.name not in html


def test_list_pages_through_published_case_studies_newest_first(anonymous, settings):
    settings.PAGE_SIZE = 2
    older = factories.partnership(title="Older")
    newer = factories.partnership(title="Newer")
    Partnership.objects.filter(pk=older.pk).update(published_at="2020-01-01T00:00:00Z")
    third = factories.partnership(title="Third")
    Partnership.objects.filter(pk=third.pk).update(published_at="2019-01-01T00:00:00Z")
    factories.partnership(title="Hidden", status=Partnership.Status.SUBMITTED)

    first_page = anonymous.get(reverse("partnerships:list"))
    second_page = anonymous.get(reverse("partnerships:list"), {"page": "2"})

    assert first_page.context["page_obj"].paginator.count == 3
    assert [card.pk for card in first_page.context["page_obj"]] == [newer.pk, older.pk]
    assert [card.pk for card in second_page.context["page_obj"]] == [third.pk]
    assert "3 case studies" in first_page.content.decode()
    assert 'href="?page=2"' in first_page.content.decode()


def test_list_sorts_by_title(anonymous):
    factories.partnership(title="Zebra crossings")
    factories.partnership(title="Alcohol treatment centre")
    response = anonymous.get(reverse("partnerships:list"), {"sort": "title"})
    titles = [p.title for p in response.context["results"]]
    assert titles == ["Alcohol treatment centre", "Zebra crossings"]
    assert '<option value="title" selected>' in response.content.decode()


def test_list_explains_an_unknown_sort_instead_of_failing(anonymous):
    factories.partnership()
    response = anonymous.get(reverse("partnerships:list"), {"sort": "<b>price</b>"})
    assert response.status_code == 200
    assert response.context["finder"].sort == "newest"
    html = response.content.decode()
    assert "is not a way to sort" in html
    assert "<b>price</b>" not in html and "&lt;b&gt;price&lt;/b&gt;" in html


@pytest.mark.parametrize("page", ["abc", "1.5", "-1", "٣", ""])
def test_list_treats_a_page_that_is_not_a_number_as_page_one_and_says_so(anonymous, page):
    factories.partnership()
    response = anonymous.get(reverse("partnerships:list"), {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    if page:
        assert "is not a page number" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "0", "999999999999"])
def test_list_page_past_the_end_is_not_found(anonymous, page):
    factories.partnership()
    assert anonymous.get(reverse("partnerships:list"), {"page": page}).status_code == 404


def test_detail_shows_every_field(anonymous):
    p = factories.partnership(
        title="Checkpoint",
        summary="A deferred prosecution scheme.",
        problem="Short sentences did little.",
        approach="A four-month contract.",
        outcomes="Fewer offences.",
        learning="Start with a randomised trial.",
        start_year=2015,
        work_state="ongoing",
        scale="local",
        evaluation_type="rct",
        evaluation_finding="positive",
        evidence_rating=5,
        contested_note="Some say the comparison was unfair.",
        contact_name="Hidden Person",
        contact_email="hidden@example.org",
        contact_consent=False,
    )
    lead = factories.organisation(name="Durham Constabulary HQ")
    factories.member(p, lead, role="lead", description="Runs the scheme")
    factories.member(p, factories.organisation(name="University of Cambridge"), role="evaluator")
    theme = factories.theme(name="Drugs and substance misuse")
    p.themes.add(theme)
    p.police_force_areas.add(factories.police_force(name="Durham Constabulary"))
    p.population_groups.add(factories.population_group(name="First-time offenders"))
    factories.source(
        p, title="The trial report", url="https://example.org/trial", kind="evaluation"
    )

    response = anonymous.get(p.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Checkpoint",
        "A deferred prosecution scheme.",
        "Short sentences did little.",
        "A four-month contract.",
        "Fewer offences.",
        "Start with a randomised trial.",
        "Since 2015",
        "Ongoing",
        "Local",
        "Durham Constabulary",
        "First-time offenders",
        "Randomised controlled trial",
        "positive findings",
        "Level 5",
        "(reported by the partnership)",
        "(checked by editors)",
        "Some say the comparison was unfair.",
        "Runs the scheme",
        "Evaluator",
        'href="https://example.org/trial"',
        "The trial report",
        "Last reviewed",
    ]:
        assert text in html, text
    assert f'href="{lead.get_absolute_url()}"' in html
    assert f'href="{theme.get_absolute_url()}"' in html
    assert "Hidden Person" not in html and "hidden@example.org" not in html


def test_detail_shows_the_contact_only_with_consent(anonymous):
    p = factories.partnership(
        contact_name="Pat Lead",
        contact_role="Inspector",
        contact_email="pat@example.org",
        contact_consent=True,
    )
    html = anonymous.get(p.get_absolute_url()).content.decode()
    assert "Pat Lead" in html and "mailto:pat@example.org" in html


def test_detail_escapes_what_people_typed(anonymous):
    p = factories.partnership(title="<script>alert(1)</script>", problem="a <b>bold</b>\n\nclaim")
    html = anonymous.get(p.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<p class="govuk-body">a &lt;b&gt;bold&lt;/b&gt;</p><p class="govuk-body">claim</p>' in html
    )


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_unpublished_case_study_is_not_found_anywhere_public(anonymous, status):
    p = factories.full_partnership(status=status, title="Secret work")
    theme = p.themes.first()
    lead = p.members.get(role="lead").organisation

    assert anonymous.get(p.get_absolute_url()).status_code == 404
    for url in [
        reverse("partnerships:home"),
        reverse("partnerships:list"),
        theme.get_absolute_url(),
        lead.get_absolute_url(),
        reverse("themes:list"),
    ]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert "Secret work" not in response.content.decode(), url


def test_unknown_slugs_are_not_found(anonymous):
    for url in ["/partnerships/nope/", "/themes/nope/", "/organisations/nope/"]:
        response = anonymous.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_theme_page_shows_description_and_its_published_case_studies(anonymous):
    theme = factories.theme(name="Alcohol", description="First paragraph.\n\nSecond paragraph.")
    mine = factories.partnership(title="Cardiff Model")
    mine.themes.add(theme)
    factories.partnership(title="Unrelated")
    response = anonymous.get(theme.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert [card.pk for card in response.context["page_obj"]] == [mine.pk]
    assert (
        '<p class="govuk-body">First paragraph.</p><p class="govuk-body">Second paragraph.</p>'
        in html
    )
    assert "Unrelated" not in html


def test_theme_list_counts_published_case_studies(anonymous):
    theme = factories.theme(name="Alcohol")
    for status in ["published", "published", "draft"]:
        factories.partnership(status=status).themes.add(theme)
    response = anonymous.get(reverse("themes:list"))
    counted = {t.name: t.published_count for t in response.context["themes"]}
    assert counted["Alcohol"] == 2
    assert "2 case studies" in response.content.decode()


def test_organisation_page_lists_case_studies_with_its_role(anonymous):
    org = factories.organisation(name="Redthread")
    p = factories.partnership(title="Youth violence programme")
    factories.member(p, org, role="lead")
    q = factories.partnership(title="Evaluated elsewhere")
    factories.member(q, org, role="evaluator")
    response = anonymous.get(org.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    roles = {p.title: p.role_here for p in response.context["results"]}
    assert roles == {"Youth violence programme": "Lead", "Evaluated elsewhere": "Evaluator"}
    assert "Youth violence programme" in html and "Evaluator" in html
    assert "Role of this organisation" in html


def test_police_force_page_lists_other_case_studies_in_its_area(anonymous):
    force = factories.police_force(name="Kent Police")
    p = factories.partnership(title="Margate Task Force")
    p.police_force_areas.add(force)
    response = anonymous.get(force.get_absolute_url())
    assert [x.title for x in response.context["in_area"]] == ["Margate Task Force"]


def test_unconfirmed_organisation_has_no_public_page(anonymous):
    org = factories.organisation(is_confirmed=False)
    assert anonymous.get(org.get_absolute_url()).status_code == 404


def test_organisations_are_grouped_by_kind_and_filterable_by_kind_and_region(anonymous):
    north = factories.region(name="North East", slug="north-east")
    force = factories.police_force(name="Durham Constabulary", region=north)
    charity = factories.organisation(name="Mind", kind="voluntary_community")
    factories.organisation(name="Not yet checked", is_confirmed=False)

    everything = anonymous.get(reverse("partnerships:organisations"))
    groups = {kind: [o.slug for o in orgs] for kind, orgs in everything.context["groups"]}
    assert groups["Territorial police force"] == [force.slug]
    assert groups["Voluntary and community sector"] == [charity.slug]
    assert "Not yet checked" not in everything.content.decode()

    by_region = anonymous.get(reverse("partnerships:organisations"), {"region": "north-east"})
    assert [o.slug for _, orgs in by_region.context["groups"] for o in orgs] == [force.slug]
    by_kind = anonymous.get(reverse("partnerships:organisations"), {"kind": "voluntary_community"})
    assert [o.slug for _, orgs in by_kind.context["groups"] for o in orgs] == [charity.slug]


def test_organisations_filter_explains_an_unknown_region(anonymous):
    factories.organisation()
    response = anonymous.get(reverse("partnerships:organisations"), {"region": "atlantis"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_region"' in html
    assert response.context["groups"] == []


def test_about_page_explains_history_labels_and_licence(anonymous):
    html = anonymous.get(reverse("partnerships:about")).content.decode()
    assert "Innovation in practice" in html
    assert "Maryland Scientific Methods Scale" in html
    assert "Open Government Licence v3.0" in html
    assert "A randomised controlled trial." in html


@pytest.mark.parametrize(
    "url_name",
    [
        "partnerships:home",
        "partnerships:list",
        "partnerships:organisations",
        "partnerships:about",
        "themes:list",
    ],
)
def test_browsing_sets_no_cookies(anonymous, url_name):
    factories.full_partnership()
    response = anonymous.get(reverse(url_name))
    assert response.status_code == 200
    assert response.cookies == {}


def test_browsing_a_case_study_sets_no_cookies(anonymous):
    p = factories.full_partnership()
    assert anonymous.get(p.get_absolute_url()).cookies == {}
