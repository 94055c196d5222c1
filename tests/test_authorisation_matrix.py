"""Every page against every persona: who gets the page, who is sent to sign in, who gets a 404.

Contributors' pages need a signed-in contributor and only show their own case studies: someone
else's draft or revision is a 404, for editors too (they review through /moderation/). The
moderation pages are a 404 for everyone but editors and superusers, signed in or not.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "contributor", "other_contributor", "editor", "superuser"]

PUBLIC = dict.fromkeys(PERSONAS, 200)
SIGNED_IN = {
    "anonymous": 302,
    "contributor": 200,
    "other_contributor": 200,
    "editor": 200,
    "superuser": 200,
}
OWNER_ONLY = {
    "anonymous": 302,
    "contributor": 200,
    "other_contributor": 404,
    "editor": 404,
    "superuser": 404,
}
OWNER_ONLY_POST = {**OWNER_ONLY, "contributor": 302}
EDITORS = {
    "anonymous": 404,
    "contributor": 404,
    "other_contributor": 404,
    "editor": 200,
    "superuser": 200,
}
EDITORS_POST = {**EDITORS, "editor": 302, "superuser": 302}


@pytest.fixture
def world(contributor_user):
    draft = factories.complete_draft(submitted_by=contributor_user)
    draft.evaluation_report.save("r.pdf", ContentFile(b"%PDF-1.4"), save=True)
    member = draft.members.first()
    source = draft.sources.first()
    live = factories.complete_draft(submitted_by=contributor_user, status="published", slug="live")
    revision = live.start_revision(by=contributor_user)
    waiting = factories.complete_draft(submitted_by=contributor_user)
    waiting.evaluation_report.save("w.pdf", ContentFile(b"%PDF-1.4"), save=True)
    waiting.submit(by=contributor_user)
    return {
        "draft": draft,
        "member": member,
        "source": source,
        "live": live,
        "revision": revision,
        "waiting": waiting,
    }


def cases(world):
    d, live, rev, w = world["draft"], world["live"], world["revision"], world["waiting"]
    c = lambda name, *args: reverse(f"contribute:{name}", args=args)  # noqa: E731
    m = lambda name, *args: reverse(f"moderation:{name}", args=args)  # noqa: E731
    yield "get", reverse("partnerships:home"), PUBLIC
    yield "get", reverse("partnerships:list"), PUBLIC
    yield "get", reverse("practice:page"), PUBLIC
    yield "get", reverse("practice:csv", args=["themes-by-region"]), PUBLIC
    yield "get", reverse("practice:csv", args=["not-a-table"]), dict.fromkeys(PERSONAS, 404)
    force = factories.police_force()
    yield "get", reverse("practice:area", args=[force.slug]), PUBLIC
    other = factories.organisation()
    yield "get", reverse("practice:area", args=[other.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", live.get_absolute_url(), PUBLIC
    yield "get", reverse("partnerships:detail", args=[d.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("partnerships:detail", args=[rev.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("partnerships:report", args=[d.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", c("start"), SIGNED_IN
    yield "get", c("mine"), SIGNED_IN
    for name in [
        "overview",
        "about",
        "tags",
        "work",
        "evaluation",
        "contact",
        "partners",
        "sources",
        "check",
        "report",
    ]:
        yield "get", c(name, d.pk), OWNER_ONLY
    for name in ["overview", "about", "partners", "check"]:
        yield "get", c(name, rev.pk), OWNER_ONLY
    yield "get", c("overview", w.pk), OWNER_ONLY
    yield "get", c("about", w.pk), {**OWNER_ONLY, "contributor": 404}  # submitted: not editable
    yield "post", c("remove_partner", d.pk, world["member"].pk), OWNER_ONLY_POST
    yield "post", c("remove_source", d.pk, world["source"].pk), OWNER_ONLY_POST
    yield "post", c("remove_report", d.pk), OWNER_ONLY_POST
    yield "post", c("revise", live.pk), OWNER_ONLY_POST
    yield "get", m("queue"), EDITORS
    yield "get", m("review", w.pk), EDITORS
    yield "get", m("review", rev.pk), {**EDITORS, "editor": 404, "superuser": 404}  # a draft
    yield "get", m("report", w.pk), EDITORS
    yield "get", m("report", d.pk), dict.fromkeys(PERSONAS, 404)  # editors see no drafts
    yield "post", m("request_changes", w.pk), {**EDITORS_POST, "editor": 200, "superuser": 200}
    # The editor archives it; the superuser, a moment later, is told it already happened.
    yield "post", m("archive", live.pk), {**EDITORS_POST, "superuser": 409}


def test_every_url_for_every_persona(request, world):
    checked = 0
    for method, url, expected in cases(world):
        for persona in PERSONAS:
            client = request.getfixturevalue(persona)
            response = getattr(client, method)(url, {})
            assert response.status_code == expected[persona], (method, url, persona)
            if expected[persona] == 302 and persona == "anonymous":
                assert response["Location"].startswith(reverse("account_login"))
            checked += 1
    assert checked > 150
    # Nothing a forbidden persona did changed anything.
    assert Partnership.objects.get(pk=world["waiting"].pk).status == "submitted"
    archived = Partnership.objects.get(pk=world["live"].pk).events.get(to_status="archived")
    assert archived.actor.email == "eddie.editor@example.org"


def test_every_form_needs_a_csrf_token(contributor_user, world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor_user)
    response = client.post(reverse("contribute:start"))
    assert response.status_code == 403
    response = client.post(reverse("contribute:about", args=[world["draft"].pk]), {"title": "x"})
    assert response.status_code == 403
    assert Partnership.objects.get(pk=world["draft"].pk).title != "x"
