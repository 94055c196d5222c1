"""A theme's own page data (the theme, what the research says) is remembered per change stamp
(themes/views.py theme_page): a renamed or rewritten theme shows at once, evidence resources
(not watched by the stamp) within PAGE_CACHE_SECONDS."""

from html import unescape

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence.models import EvidenceResource
from tests import factories
from themes import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    theme = factories.theme(name="Mental health", description="The first description.")
    factories.partnership(title="Street triage in Leeds").themes.add(theme)
    return theme


def page(client, theme) -> str:
    """The theme page's text as a browser reads it (its remembered parts are in ASCII)."""
    response = client.get(theme.get_absolute_url())
    assert response.status_code == 200
    return unescape(response.content.decode())


def resource(**fields) -> EvidenceResource:
    return EvidenceResource.objects.create(
        **{
            "name": "Street triage",
            "publisher": "College of Policing",
            "url": "https://example.org/street-triage",
            "covers": "What street triage does.",
            "date_read": timezone.localdate(),
            **fields,
        }
    )


def test_the_second_request_reads_only_the_change_stamp(anonymous, theme):
    resource().themes.add(theme)
    assert "Street triage</a> – College of Policing" in page(anonymous, theme)
    with CaptureQueriesContext(connection) as captured:
        html = page(anonymous, theme)
    assert len(captured) == 1
    assert "Street triage in Leeds" in html and "Street triage</a> – College of Policing" in html


def test_a_renamed_theme_shows_at_once(anonymous, theme):
    assert "The first description." in page(anonymous, theme)
    theme.name = "Mental health and wellbeing"
    theme.description = "A better description."
    theme.save()
    html = page(anonymous, theme)
    assert "<title>Mental health and wellbeing" in html
    assert "A better description." in html and "The first description." not in html


def test_a_theme_with_a_new_address_is_gone_from_the_old_one_at_once(anonymous, theme):
    old = theme.get_absolute_url()
    page(anonymous, theme)
    theme.slug = "minds"
    theme.save()
    assert anonymous.get(old).status_code == 404
    assert "Street triage in Leeds" in page(anonymous, theme)


def test_a_missing_theme_is_not_remembered(anonymous, theme):
    page(anonymous, theme)
    kept = len(views._memo._answers)
    for n in range(5):
        assert anonymous.get(f"/themes/no-such-theme-{n}/").status_code == 404
    assert len(views._memo._answers) == kept


def test_evidence_kept_in_the_admin_shows_within_the_page_cache_period(anonymous, theme):
    """Evidence resources are not watched by the change stamp: like a whole page in the page
    cache, the theme's research is kept at most PAGE_CACHE_SECONDS."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert "What the research says" not in page(anonymous, theme)
        resource().themes.add(theme)
        traveller.shift(settings.PAGE_CACHE_SECONDS + 1)
        assert "Street triage</a> – College of Policing" in page(anonymous, theme)
