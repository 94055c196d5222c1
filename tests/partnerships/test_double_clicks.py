"""Identical requests at once (double clicks, several tabs, impatient retries) never give a
500, never make two of what should be one, and never beat the hourly limit.

Each test fires the same POST from several threads on PostgreSQL (see tests/concurrency.py).
"""

import pytest
from django.urls import reverse

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from tests import factories
from tests.concurrency import at_once, postgresql_only, signed_in, statuses

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


def test_submitting_for_review_four_times_at_once_submits_once(contributor_user):
    draft = factories.complete_draft(submitted_by=contributor_user)
    clients = [signed_in(contributor_user) for _ in range(4)]
    check = reverse("contribute:check", args=[draft.pk])
    results = at_once(4, lambda i: clients[i].post(check))
    assert statuses(results) == [302] * 4
    overview = reverse("contribute:overview", args=[draft.pk])
    assert {r["Location"] for r in results} == {overview}
    draft.refresh_from_db()
    assert draft.status == Partnership.Status.SUBMITTED
    assert draft.events.filter(to_status="submitted").count() == 1
    # The ones that came second were told why nothing happened.
    notices = [m.message for c in clients for m in c.get(overview).context["messages"]]
    assert notices.count("This case study has already been submitted") == 3


def test_changing_a_published_case_study_four_times_at_once_opens_one_revision(
    contributor_user,
):
    live = factories.complete_draft(submitted_by=contributor_user, status="published")
    clients = [signed_in(contributor_user) for _ in range(4)]
    change = reverse("contribute:revise", args=[live.pk])
    results = at_once(4, lambda i: clients[i].post(change))
    assert statuses(results) == [302] * 4
    revision = Partnership.objects.get(revision_of=live)
    assert {r["Location"] for r in results} == {reverse("contribute:overview", args=[revision.pk])}


def test_the_same_link_added_four_times_at_once_is_added_once(contributor_user):
    draft = factories.partnership(status="draft", submitted_by=contributor_user)
    clients = [signed_in(contributor_user) for _ in range(4)]
    data = {
        "action": "link",
        "link-title": "Evaluation",
        "link-url": "https://example.org/evaluation",
        "link-kind": "evaluation",
    }
    sources = reverse("contribute:sources", args=[draft.pk])
    results = at_once(4, lambda i: clients[i].post(sources, data))
    assert sorted(statuses(results)) == [200, 200, 200, 302]
    for response in results:
        if response.status_code == 200:
            assert "You have already added this web address" in response.content.decode()
    assert Source.objects.filter(partnership=draft).count() == 1


def test_the_same_new_partner_added_four_times_at_once_is_added_once(contributor_user):
    draft = factories.partnership(status="draft", submitted_by=contributor_user)
    factories.region(name="North West", slug="north-west")
    clients = [signed_in(contributor_user) for _ in range(4)]
    data = {
        "action": "add",
        "new_name": "Blackpool Council Public Health Team",
        "new_kind": "la_public_health",
        "new_region": "north-west",
        "role": "lead",
    }
    partners = reverse("contribute:partners", args=[draft.pk])
    results = at_once(4, lambda i: clients[i].post(partners, data))
    assert sorted(statuses(results)) == [200, 200, 200, 302]
    for response in results:
        if response.status_code == 200:
            assert "Blackpool Council Public Health Team is already a partner" in (
                response.content.decode()
            )
    assert PartnershipMember.objects.filter(partnership=draft).count() == 1
    assert Organisation.objects.filter(name="Blackpool Council Public Health Team").count() == 1


def test_two_people_adding_the_same_new_organisation_at_once_each_get_their_own(db):
    from accounts.models import User
    from tests.conftest import verified

    people = [
        verified(User.objects.create_user(f"person{i}@example.org", "a-long-password"))
        for i in range(4)
    ]
    drafts = [factories.partnership(status="draft", submitted_by=p) for p in people]
    clients = [signed_in(p) for p in people]
    data = {
        "new_name": "Same Name Trust",
        "new_kind": "nhs_provider",
        "new_region": "national",
        "role": "lead",
    }
    results = at_once(
        4,
        lambda i: clients[i].post(reverse("contribute:partners", args=[drafts[i].pk]), data),
    )
    assert statuses(results) == [302] * 4
    organisations = Organisation.objects.filter(name="Same Name Trust")
    assert organisations.count() == 4
    assert {o.added_by_id for o in organisations} == {p.pk for p in people}
    assert len({o.slug for o in organisations}) == 4


def test_sixteen_starts_at_once_never_beat_the_hourly_limit(contributor_user, settings):
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 5
    clients = [signed_in(contributor_user) for _ in range(16)]
    start = reverse("contribute:start")
    results = at_once(16, lambda i: clients[i].post(start))
    assert sorted(statuses(results)) == [302] * 5 + [429] * 11
    assert Partnership.objects.filter(submitted_by=contributor_user).count() == 5
