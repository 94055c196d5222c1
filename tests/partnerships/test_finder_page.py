"""The finder's page furniture, as an anonymous visitor gets it: the filter panel only where it can
narrow the results, a "Skip to results" link, theme tags that link to their themes."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_organisation_with_one_case_study_shows_no_filter_panel(anonymous):
    organisation = factories.organisation(name="Blackpool Council")
    partnership = factories.partnership(title="Only one")
    factories.member(partnership, organisation)

    html = anonymous.get(organisation.get_absolute_url()).content.decode()

    assert "Only one" in html
    assert 'data-module="moj-filter"' not in html
    assert "finder-filter.js" not in html
    assert "Skip to results" in html


def test_finder_with_case_studies_a_filter_can_tell_apart_shows_the_panel(anonymous):
    crisis = factories.theme(name="Crisis care")
    factories.partnership(title="With a theme").themes.add(crisis)
    factories.partnership(title="Without")

    html = anonymous.get(reverse("partnerships:list")).content.decode()

    assert 'data-module="moj-filter"' in html
    assert "finder-filter.js" in html
    # Search and results come before the filter panel in the page.
    assert html.index('id="search-q"') < html.index('id="result-count"')
    assert html.index('id="result-count"') < html.index('data-module="moj-filter"')


def test_chosen_filter_keeps_the_panel_so_it_can_be_removed(anonymous):
    crisis = factories.theme(name="Crisis care", slug="crisis")
    factories.partnership(title="With a theme").themes.add(crisis)

    html = anonymous.get(reverse("partnerships:list"), {"theme": "crisis"}).content.decode()

    assert 'data-module="moj-filter"' in html
    assert "Remove this filter" in html


def test_pages_without_a_finder_have_no_results_skip_link(anonymous):
    html = anonymous.get(reverse("partnerships:about")).content.decode()
    assert "Skip to results" not in html
    assert "Skip to main content" in html


def test_theme_tags_on_cards_link_to_the_theme_and_say_which_are_priority(anonymous):
    priority = factories.theme(name="Mental health", slug="mental-health", is_priority=True)
    other = factories.theme(name="Road safety", slug="road-safety")
    partnership = factories.partnership(title="Tagged")
    partnership.themes.add(priority, other)

    for url in [reverse("partnerships:list"), reverse("partnerships:home")]:
        html = anonymous.get(url).content.decode()
        assert (
            f'href="{priority.get_absolute_url()}"><span class="govuk-visually-hidden">'
            'Priority theme: </span><strong class="govuk-tag govuk-tag--blue">Mental health'
        ) in html
        assert (
            f'href="{other.get_absolute_url()}"><strong class="govuk-tag govuk-tag--grey">' in html
        )
        assert "for the four priority themes" in html
