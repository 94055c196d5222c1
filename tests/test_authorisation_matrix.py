"""Every page against every persona: who gets the page, who is sent to sign in, who gets a 404.

The URLs come from the URL resolver: a URL added without an expectation here fails
test_every_url_has_an_expectation (the admin's and allauth's own pages are theirs to test).

Contributors' pages need a signed-in contributor and only show their own case studies: someone
else's draft or revision is a 404, for editors too (they review through /moderation/). The
moderation pages are a 404 for everyone but editors and superusers, signed in or not.
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
    new_organisation = factories.organisation(is_confirmed=False)
    factories.member(waiting, new_organisation)
    waiting.submit(by=contributor_user)
    newcomer = factories.organisation(name="Brand new trust", is_confirmed=False)
    factories.member(waiting, newcomer)
    theme = factories.theme()
    live.themes.add(theme)
    organisation = factories.organisation(name="Listed trust")
    factories.member(live, organisation)
    force = factories.police_force()
    live.police_force_areas.add(force)
    return {
        "force": force,
        "newcomer": newcomer,
        "theme": theme,
        "organisation": organisation,
        "new_organisation": new_organisation,
        "draft": draft,
        "member": member,
        "source": source,
        "live": live,
        "revision": revision,
        "waiting": waiting,
    }


def cases(world):
    """(URL name, method, URL, expected status by persona), for every URL name of ours."""
    for method, url, expected in _cases(world):
        yield get_resolver().resolve(url.split("?")[0]).view_name, method, url, expected


def _cases(world):
    d, live, rev, w = world["draft"], world["live"], world["revision"], world["waiting"]
    c = lambda name, *args: reverse(f"contribute:{name}", args=args)  # noqa: E731
    m = lambda name, *args: reverse(f"moderation:{name}", args=args)  # noqa: E731
    yield "get", reverse("partnerships:home"), PUBLIC
    yield "get", reverse("partnerships:about"), PUBLIC
    yield "get", reverse("partnerships:list"), PUBLIC
    yield "get", reverse("partnerships:facet_options", args=["partner"]), PUBLIC
    yield "get", reverse("partnerships:facet_options", args=["theme"]), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("partnerships:organisations"), PUBLIC
    yield "get", world["organisation"].get_absolute_url(), PUBLIC
    yield "get", world["newcomer"].get_absolute_url(), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("themes:list"), PUBLIC
    yield "get", world["theme"].get_absolute_url(), PUBLIC
    yield "get", reverse("practice:page"), PUBLIC
    yield "get", reverse("practice:csv", args=["themes-by-region"]), PUBLIC
    yield "get", reverse("practice:csv", args=["not-a-table"]), dict.fromkeys(PERSONAS, 404)
    force = factories.police_force()
    yield "get", reverse("practice:area", args=[force.slug]), PUBLIC
    other = factories.organisation()
    yield "get", reverse("practice:area", args=[other.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", live.get_absolute_url(), PUBLIC
    yield "get", reverse("partnerships:report", args=[live.slug]), dict.fromkeys(PERSONAS, 404)
    # Compare: a draft among the ids is left out with a message, for everyone alike.
    yield "get", reverse("partnerships:compare") + f"?ids={live.pk},{d.pk}", PUBLIC
    yield "get", reverse("partnerships:detail", args=[d.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("partnerships:detail", args=[rev.slug]), dict.fromkeys(PERSONAS, 404)
    yield "get", reverse("partnerships:report", args=[d.slug]), dict.fromkeys(PERSONAS, 404)
    # Open data: public to everyone, and never a draft or an open revision.
    for name in ["page", "api_page", "csv", "partners_csv", "json", "csv_metadata", "feed"]:
        yield "get", reverse(f"opendata:{name}"), PUBLIC
    yield "get", reverse("opendata:robots"), PUBLIC
    yield "get", reverse("sitemap"), PUBLIC
    yield "get", "/api/v1/case-studies", PUBLIC
    yield "get", f"/api/v1/case-studies/{live.slug}", PUBLIC
    yield "get", f"/api/v1/case-studies/{d.slug}", dict.fromkeys(PERSONAS, 404)
    yield "get", f"/api/v1/case-studies/{rev.slug}", dict.fromkeys(PERSONAS, 404)
    yield "get", c("start"), SIGNED_IN
    yield "get", c("mine"), SIGNED_IN
    for name in [
        "overview",
        "about",
        "tags",
        "work",
        "evaluation",
        "contact",
        "replication",
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
    yield "get", c("remove_partner", d.pk, world["member"].pk), OWNER_ONLY
    yield "get", c("remove_source", d.pk, world["source"].pk), OWNER_ONLY
    yield "get", c("remove_report", d.pk), OWNER_ONLY
    yield "post", c("remove_partner", d.pk, world["member"].pk), OWNER_ONLY_POST
    yield "post", c("remove_source", d.pk, world["source"].pk), OWNER_ONLY_POST
    yield "post", c("remove_report", d.pk), OWNER_ONLY_POST
    yield "post", c("revise", live.pk), OWNER_ONLY_POST
    yield "get", m("queue"), EDITORS
    yield "get", m("import"), EDITORS
    yield "get", m("import_template_csv"), EDITORS
    yield "get", m("import_template_xlsx"), EDITORS
    yield "post", m("import"), {**EDITORS, "editor": 400, "superuser": 400}  # no file chosen
    yield "get", m("review", w.pk), EDITORS
    yield "get", m("review", rev.pk), {**EDITORS, "editor": 404, "superuser": 404}  # a draft
    yield "get", m("report", w.pk), EDITORS
    yield "get", m("report", d.pk), dict.fromkeys(PERSONAS, 404)  # editors see no drafts
    # An empty decision is shown back with its errors: editors get the page, others a 404.
    yield "post", m("publish", w.pk), EDITORS
    yield "post", m("reject", w.pk), EDITORS
    yield "post", m("merge", w.pk, world["newcomer"].pk), EDITORS
    yield "post", m("merge", w.pk, world["organisation"].pk), dict.fromkeys(PERSONAS, 404)
    yield "post", m("request_changes", w.pk), {**EDITORS_POST, "editor": 200, "superuser": 200}
    new_org = world["new_organisation"]
    yield "post", m("organisation_details", w.pk, new_org.pk), {**EDITORS, "editor": 200}
    # Open data, the API and feeds: public, read-only.
    yield "get", reverse("opendata:theme_feed", args=[world["theme"].slug]), PUBLIC
    yield "get", reverse("opendata:organisation_feed", args=[world["organisation"].slug]), PUBLIC
    yield "get", reverse("opendata:force_area_feed", args=[world["force"].slug]), PUBLIC
    yield "get", reverse("sitemap_section", args=["case-studies"]), PUBLIC
    # The API's root answers nothing (a 404 problem): /data/api/ and openapi.json describe it.
    yield "get", reverse("api:api-root"), dict.fromkeys(PERSONAS, 404)
    for name in ["list_themes", "list_force_areas", "list_organisations"]:
        yield "get", reverse(f"api:{name}"), PUBLIC
    yield "get", reverse("api:openapi-json"), PUBLIC
    yield "get", reverse("api:get_organisation", args=[world["organisation"].slug]), PUBLIC
    # Service pages.
    for name in ["accessibility", "contact", "cookies", "privacy"]:
        yield "get", reverse(f"partnerships:{name}"), PUBLIC
    # Alerts (signed links: a forged one is a 400 page for everyone).
    yield "get", reverse("alerts:subscribe") + "?page=/partnerships/", PUBLIC
    yield "get", reverse("alerts:check_email"), PUBLIC
    for name in ["confirm", "unsubscribe", "manage"]:
        yield "get", reverse(f"alerts:{name}", args=["forged"]), dict.fromkeys(PERSONAS, 400)
    yield "get", reverse("alerts:yours"), SIGNED_IN
    # Review reminders.
    for name in ["accurate", "changes"]:
        yield "get", reverse(f"reminders:{name}", args=["forged"]), dict.fromkeys(PERSONAS, 400)
    yield "get", reverse("reminders:due"), EDITORS
    yield "get", reverse("reminders:due_date", args=[live.pk]), EDITORS
    yield "post", reverse("reminders:confirm", args=[d.pk]), dict.fromkeys(PERSONAS, 404)
    # Feedback, problem reports and the contact relay.
    yield "post", reverse("feedback:useful"), dict.fromkeys(PERSONAS, 400)
    yield "post", reverse("feedback:what_went_wrong"), dict.fromkeys(PERSONAS, 400)
    yield "get", reverse("feedback:problem", args=[live.slug]), PUBLIC
    yield "get", reverse("feedback:list"), EDITORS
    yield "get", reverse("feedback:problems"), EDITORS
    yield "get", reverse("contact_relay:contact", args=[d.slug]), dict.fromkeys(PERSONAS, 404)
    # The spreadsheet import: an upload that does not exist.
    yield "get", m("import_report", 999999), dict.fromkeys(PERSONAS, 404)
    yield "post", m("import_confirm", 999999), dict.fromkeys(PERSONAS, 404)
    # The editor archives it; the superuser, a moment later, is told it already happened.
    yield "post", m("archive", live.pk), {**EDITORS_POST, "superuser": 409}


def _named_urls(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin" or getattr(
                pattern.urlconf_name, "__name__", ""
            ).startswith("allauth"):
                continue  # third-party pages, tested by their projects
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_expectation(world):
    ours = _named_urls(get_resolver().url_patterns)
    covered = {name for name, *_ in cases(world)}
    assert ours, "the resolver lists no URLs"
    missing = sorted(ours - covered)
    assert not missing, f"URLs with no expectation in this matrix: {missing}"


def test_every_url_for_every_persona(request, world):
    checked = 0
    for _, method, url, expected in cases(world):
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


def test_every_public_page_has_a_meta_description(anonymous, world):
    """Lighthouse's SEO check (issue 12, item 15), on every HTML page anyone can open; each page's
    own wording is checked in tests/partnerships/test_service_pages.py."""
    pages, missing = 0, []
    for _, method, url, expected in cases(world):
        if method != "get" or expected != PUBLIC:
            continue
        response = anonymous.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if not re.search(r'<meta name="description" content="[^"]{20,}">', html):
            missing.append(url)
        pages += 1
    assert not missing, f"public pages without a meta description: {missing}"
    assert pages > 15
