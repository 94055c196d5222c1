"""Alerts, reminders, feedback and the contact relay against every persona (issue 16's pages;
the main matrix is tests/test_authorisation_matrix.py)."""

import pytest
from django.urls import reverse

from alerts.emails import manage_url
from alerts.models import Subscription
from feedback.models import ProblemReport
from reminders.models import ReviewConfirmation
from tests import factories

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "contributor", "other_contributor", "editor", "superuser"]
PUBLIC = dict.fromkeys(PERSONAS, 200)
NOWHERE = dict.fromkeys(PERSONAS, 404)
SIGNED_IN = {**PUBLIC, "anonymous": 302}
EDITORS = {**NOWHERE, "editor": 200, "superuser": 200}


def test_issue_16_pages_for_every_persona(request, contributor_user):
    live = factories.partnership(
        slug="live",
        submitted_by=contributor_user,
        contact_email="c@example.org",
        contact_consent=True,
    )
    quiet = factories.partnership(slug="quiet")  # no consented contact
    draft = factories.partnership(slug="draft", status="draft")
    Subscription.objects.create(
        email="x@example.org",
        page="/partnerships/",
        description="All",
        frequency="weekly",
        confirmed_at="2026-11-01T00:00:00Z",
    )
    cases = [
        (reverse("alerts:subscribe") + "?page=/partnerships/", PUBLIC),
        (reverse("alerts:subscribe") + "?page=/about/", NOWHERE),
        (reverse("alerts:check_email"), PUBLIC),
        (manage_url("x@example.org").split("8000", 1)[-1], PUBLIC),  # the link is the key
        (reverse("alerts:manage", args=["forged"]), dict.fromkeys(PERSONAS, 400)),
        (reverse("alerts:yours"), SIGNED_IN),
        (reverse("contact_relay:contact", args=[live.slug]), PUBLIC),
        (reverse("contact_relay:contact", args=[quiet.slug]), NOWHERE),
        (reverse("contact_relay:contact", args=[draft.slug]), NOWHERE),
        (reverse("feedback:problem", args=[live.slug]), PUBLIC),
        (reverse("feedback:problem", args=[draft.slug]), NOWHERE),
        (reverse("feedback:list"), EDITORS),
        (reverse("feedback:problems"), EDITORS),
        (reverse("reminders:due"), EDITORS),
        (reverse("reminders:due_date", args=[live.pk]), EDITORS),
        (reverse("reminders:due_date", args=[draft.pk]), NOWHERE),
    ]
    for url, expected in cases:
        for persona in PERSONAS:
            response = request.getfixturevalue(persona).get(url)
            assert response.status_code == expected[persona], (url, persona)
    for persona in ["anonymous", "contributor", "other_contributor"]:
        client = request.getfixturevalue(persona)
        assert client.post(reverse("reminders:confirm", args=[live.pk])).status_code == 404
    assert not ReviewConfirmation.objects.exists()
    assert not ProblemReport.objects.exists()
