"""The organisations index (partnerships.views.organisations.organisation_list): its rows are
written in Python and its counts and filters remembered per change stamp, so a change must show
on the next request, and the rows must say what the template said, escaped."""

import re
import time

import pytest
import time_machine
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership
from partnerships.organisation_index import OrganisationRow
from partnerships.templatetags.organisation_rows import organisation_rows
from tests import factories

pytestmark = pytest.mark.django_db
INDEX = reverse("partnerships:organisations")

# What templates/partnerships/organisation_list.html rendered for each row before the rows were
# written in Python.
ROW_TEMPLATE = """{% for organisation in organisations %}
<tr class="govuk-table__row">
  <td class="govuk-table__cell">
    <a class="govuk-link" href="{{ organisation.url }}">{{ organisation.name }}</a>
  </td>
  <td class="govuk-table__cell">{{ organisation.region|default:"England and Wales" }}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ organisation.published_count }}</td>
</tr>
{% endfor %}"""


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_rows_are_escaped_and_say_what_the_template_said():
    rows = [
        OrganisationRow(
            "a", 'Tom & Jerry\'s <b>"Trust"</b>', "nhs", "North <East>", 3, "/organisations/a/"
        ),
        OrganisationRow("b", "Plain", "charity", None, 0, "/organisations/b/?x=1&y=2"),
        OrganisationRow("c", "Blank region", "charity", "", 12, "/organisations/c/"),
    ]
    html = organisation_rows(rows)
    assert "Tom &amp; Jerry&#x27;s &lt;b&gt;&quot;Trust&quot;&lt;/b&gt;" in html
    assert "North &lt;East&gt;" in html
    assert html.count("England and Wales") == 2
    assert 'href="/organisations/b/?x=1&amp;y=2"' in html
    template = engines["django"].from_string(ROW_TEMPLATE)
    assert squeezed(html) == squeezed(template.render({"organisations": rows}))


def test_a_case_study_published_or_withdrawn_changes_the_counts_at_once(anonymous):
    charity = factories.organisation(name="Safe Haven")
    draft = factories.partnership(status=Partnership.Status.DRAFT)
    factories.member(draft, charity)
    factories.member(factories.partnership(), factories.organisation())  # something published

    def count() -> int:
        rows = [o for _, orgs in anonymous.get(INDEX).context["groups"] for o in orgs]
        return next(o.published_count for o in rows if o.slug == charity.slug)

    assert count() == 0
    draft.status, draft.published_at = Partnership.Status.PUBLISHED, timezone.now()
    draft.save()
    assert count() == 1
    draft.status = Partnership.Status.ARCHIVED
    draft.save()
    assert count() == 0


def test_a_renamed_region_shows_at_once_in_the_filters_and_the_rows(anonymous):
    region = factories.region(name="Wessex", slug="wessex")
    factories.organisation(name="Wessex Mind", region=region)
    html = anonymous.get(INDEX).content.decode()
    assert '<option value="wessex">Wessex</option>' in html
    region.name = "Greater Wessex"
    region.save()
    html = anonymous.get(INDEX).content.decode()
    assert '<option value="wessex">Greater Wessex</option>' in html
    assert ">Greater Wessex</td>" in html


def test_an_organisation_confirmed_without_case_studies_shows_within_the_page_cache_time(
    anonymous, editor, settings
):
    """The change stamp does not watch such an organisation: someone signed in sees it at once,
    everyone else within PAGE_CACHE_SECONDS, as with the page cache."""
    factories.partnership()
    pending = factories.organisation(name="Harbour Trust", is_confirmed=False)
    assert "Harbour Trust" not in anonymous.get(INDEX).content.decode()
    pending.is_confirmed = True
    pending.save()
    assert "Harbour Trust" in editor.get(INDEX).content.decode()
    with time_machine.travel(time.time() + settings.PAGE_CACHE_SECONDS, tick=False):
        assert "Harbour Trust" in anonymous.get(INDEX).content.decode()


def test_the_chosen_filters_stay_chosen_and_a_wrong_one_is_explained(anonymous):
    factories.region(name="Wessex", slug="wessex")
    html = anonymous.get(INDEX, {"region": "wessex"}).content.decode()
    assert '<option value="wessex" selected>Wessex</option>' in html
    assert '<option value="wessex">Wessex</option>' in anonymous.get(INDEX).content.decode()
    wrong = anonymous.get(INDEX, {"region": "atlantis"}).content.decode()
    assert "govuk-error-summary" in wrong and "govuk-select--error" in wrong
    assert "govuk-select--error" not in anonymous.get(INDEX, {"region": "wessex"}).content.decode()


def test_later_requests_read_only_the_change_stamp(anonymous, django_assert_num_queries):
    factories.member(factories.partnership(), factories.organisation())
    with time_machine.travel(time.time(), tick=False):  # within one period
        anonymous.get(INDEX)
        with django_assert_num_queries(1):
            assert anonymous.get(INDEX).status_code == 200
