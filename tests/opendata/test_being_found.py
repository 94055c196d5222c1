"""sitemap.xml lists every published case study and no other (with its last change), robots.txt
points at it, and a case study's page carries schema.org JSON-LD inside its CSP."""

import json
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> list[str]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = []
    for location in ElementTree.fromstring(index.content).iter(f"{SITEMAP}loc"):
        section = client.get(location.text.replace("http://testserver", ""))
        assert section.status_code == 200
        urls += [loc.text for loc in ElementTree.fromstring(section.content).iter(f"{SITEMAP}loc")]
    return urls


def test_the_sitemap_lists_every_published_case_study_and_no_other(anonymous, contributor_user):
    published = [factories.full_partnership() for _ in range(3)]
    live = factories.complete_draft(
        submitted_by=contributor_user, status="published", published_at=factories.timezone.now()
    )
    revision = live.start_revision(by=contributor_user)
    draft = factories.complete_draft(submitted_by=contributor_user)
    hidden_org = factories.organisation(is_confirmed=False)
    factories.member(published[0], hidden_org)
    urls = sitemap_urls(anonymous)
    case_study_urls = {u for u in urls if "/partnerships/" in u and u.count("/") > 4}
    expected = {"http://testserver" + p.get_absolute_url() for p in Partnership.objects.published()}
    assert case_study_urls == expected
    assert len(expected) == 4
    for other in [revision, draft]:
        assert not any(other.slug in u for u in urls)
    assert not any(hidden_org.slug in u for u in urls)
    for name in [
        "partnerships:home",
        "partnerships:list",
        "partnerships:about",
        "partnerships:contact",
        "partnerships:accessibility",
        "partnerships:privacy",
        "partnerships:cookies",
        "partnerships:organisations",
        "themes:list",
        "practice:page",
        "opendata:page",
        "opendata:api_page",
    ]:
        assert "http://testserver" + reverse(name) in urls
    for theme in published[0].themes.all():
        assert "http://testserver" + theme.get_absolute_url() in urls
    member_org = published[0].members.exclude(organisation=hidden_org).first().organisation
    assert "http://testserver" + member_org.get_absolute_url() in urls


def test_the_sitemap_lists_each_police_force_areas_practice_page(anonymous):
    force = factories.police_force()
    unconfirmed = factories.police_force(is_confirmed=False)
    urls = sitemap_urls(anonymous)
    assert "http://testserver" + reverse("practice:area", args=[force.slug]) in urls
    assert not any(unconfirmed.slug in u for u in urls)
    for url in urls:  # every address listed is a page anyone can open
        assert anonymous.get(url.replace("http://testserver", "")).status_code == 200, url


def test_sitemap_gives_each_case_studys_last_change(anonymous):
    p = factories.full_partnership()
    section = anonymous.get("/sitemap-case-studies.xml")
    assert f"<lastmod>{p.updated_at.date().isoformat()}" in section.content.decode()


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages(anonymous):
    response = anonymous.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for path in ["/moderation/", "/accounts/", "/submit/", "/your-case-studies/", "/api/"]:
        assert f"Disallow: {path}" in lines
    assert any(re.fullmatch(r"Sitemap: https?://\S+/sitemap\.xml", line) for line in lines)
    assert "Disallow: /" not in lines  # the public pages stay open


def test_a_case_study_page_has_json_ld_inside_its_csp(anonymous):
    region = factories.region()
    force = factories.police_force(region=region, name="Gwent Police")
    p = factories.full_partnership(title='A "quoted" </script><b>title</b>')
    p.police_force_areas.add(force)
    charity = factories.organisation(external_id="GB-CHC-1112223")
    factories.member(p, charity)
    response = anonymous.get(p.get_absolute_url())
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    (text,) = match.groups()
    # A data block is never run: the strict policy needs neither a nonce nor 'unsafe-inline'.
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    data = json.loads(text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == p.title
    assert data["url"].endswith(p.get_absolute_url())
    assert {t["name"] for t in data["about"]} == {t.name for t in p.themes.all()}
    assert "Gwent Police" in {area["name"] for area in data["spatialCoverage"]}
    assert {c["name"] for c in data["contributor"]} == {
        m.organisation.name for m in p.members.all()
    }
    assert {"name": charity.name, "identifier": "GB-CHC-1112223"}.items() <= next(
        c for c in data["contributor"] if c["name"] == charity.name
    ).items()
    assert data["datePublished"] == p.published_at.isoformat()
    assert "dateModified" in data
    assert "open-government-licence" in data["license"]
    for secret in [p.contact_email or "no-email"]:
        assert secret not in text


def test_the_json_ld_tag_writes_the_same_from_a_case_study_its_description_or_its_text():
    from opendata.jsonld import case_study_jsonld, script_safe_json
    from opendata.templatetags.opendata import jsonld

    p = factories.full_partnership(title="Fish & chips <b>&</b> </script>")
    p = Partnership.objects.for_detail().get(pk=p.pk)
    described = case_study_jsonld(p)
    written = jsonld(p)
    assert written == jsonld(described) == jsonld(script_safe_json(described))
    assert "</script>" not in written.removesuffix("</script>") and "<b>" not in written
    text = written.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(text) == described
