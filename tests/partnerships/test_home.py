"""The home page (partnerships.views.pages.home) remembers its figures per change stamp: every
change to what it shows must appear on the next request."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db
HOME = reverse("partnerships:home")


def test_a_publish_shows_at_once(anonymous):
    factories.partnership(title="Street triage")
    assert "Street triage" in anonymous.get(HOME).content.decode()
    draft = factories.partnership(title="Liaison and diversion", status=Partnership.Status.DRAFT)
    assert "Liaison and diversion" not in anonymous.get(HOME).content.decode()
    draft.status = Partnership.Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()
    response = anonymous.get(HOME)
    assert "Liaison and diversion" in response.content.decode()
    assert response.context["published_count"] == 2


def test_a_changed_case_study_or_priority_theme_shows_at_once(anonymous):
    theme = factories.theme(name="Mental health", is_priority=True)
    p = factories.partnership(title="Street triage")
    anonymous.get(HOME)
    p.title = "Street triage in Cleveland"
    p.save()
    theme.name = "Mental health and crisis care"
    theme.save()
    html = anonymous.get(HOME).content.decode()
    assert "Street triage in Cleveland" in html
    assert "Mental health and crisis care" in html
    p.themes.add(theme)
    assert anonymous.get(HOME).context["priority_themes"] == [(theme, 1)]


def test_later_requests_read_only_the_change_stamp(anonymous, django_assert_num_queries):
    factories.partnership()
    anonymous.get(HOME)
    with django_assert_num_queries(1):
        assert anonymous.get(HOME).status_code == 200
