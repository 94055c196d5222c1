"""The pages every public service has (about, contact, accessibility, privacy, cookies), linked
from every page's footer, and what every public page tells search engines and link previews."""

import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

SERVICE_PAGES = [
    "partnerships:about",
    "partnerships:contact",
    "partnerships:accessibility",
    "partnerships:privacy",
    "partnerships:cookies",
]


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


def canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


@pytest.mark.parametrize("name", SERVICE_PAGES)
def test_anonymous_finds_each_service_page_in_the_footer_of_every_page(anonymous, name):
    url = reverse(name)
    for page in [reverse("partnerships:home"), reverse("partnerships:list"), url]:
        html = anonymous.get(page).content.decode()
        footer = html[html.index('<footer class="govuk-footer">') :]
        assert f'href="{url}"' in footer
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response.cookies == {}


@pytest.mark.parametrize("name", [name for name in SERVICE_PAGES if name != "partnerships:cookies"])
def test_anonymous_is_told_the_editors_address_from_the_setting(anonymous, settings, name):
    settings.EDITORS_EMAIL = "editors@partnerships.example.org"
    html = anonymous.get(reverse(name)).content.decode()
    assert 'href="mailto:editors@partnerships.example.org"' in html


def test_about_page_says_who_runs_the_directory(anonymous):
    html = anonymous.get(reverse("partnerships:about")).content.decode()
    assert 'id="who-runs-it"' in html
    assert "run by a team of editors" in html
    assert f'href="{reverse("partnerships:contact")}"' in html


def test_accessibility_statement_follows_the_gov_uk_model(anonymous):
    html = anonymous.get(reverse("partnerships:accessibility")).content.decode()
    for heading in [
        "How accessible this website is",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ]:
        assert heading in html
    assert "equalityadvisoryservice.com" in html


def test_privacy_notice_covers_accounts_contacts_reports_alerts_and_rights(anonymous):
    html = anonymous.get(reverse("partnerships:privacy")).content.decode()
    for section in ["accounts", "contacts", "reports", "alerts", "how-long", "rights"]:
        assert f'id="{section}"' in html
    assert "ico.org.uk" in html


def test_cookies_page_names_the_cookies_the_settings_set(anonymous, settings):
    settings.SESSION_COOKIE_NAME = "pphp_session"
    settings.CSRF_COOKIE_NAME = "pphp_csrf"
    html = anonymous.get(reverse("partnerships:cookies")).content.decode()
    assert "<code>pphp_session</code>" in html and "<code>pphp_csrf</code>" in html
    assert "sets no cookies" in html


def test_check_your_email_page_links_the_contact_page(client):
    response = client.get(reverse("account_email_verification_sent"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check your email" in html
    assert f'href="{reverse("partnerships:contact")}"' in html
    assert "Please contact us" not in html


def _public_pages() -> dict[str, str]:
    theme = factories.theme(name="Mental health and crisis care", summary="Crisis care work.")
    organisation = factories.organisation(name="Cleveland Police")
    force = factories.police_force(name="Durham Constabulary")
    partnership = factories.partnership(
        title="Street triage in Cleveland", summary="Nurses ride with officers."
    )
    partnership.themes.add(theme)
    factories.member(partnership, organisation)
    force = factories.police_force(name="Durham Constabulary", pfa_code="E23000008")
    partnership.police_force_areas.add(force)
    return {
        "home": reverse("partnerships:home"),
        "finder": reverse("partnerships:list"),
        "case study": partnership.get_absolute_url(),
        "themes": reverse("themes:list"),
        "theme": theme.get_absolute_url(),
        "organisations": reverse("partnerships:organisations"),
        "organisation": organisation.get_absolute_url(),
        "current practice": reverse("practice:page"),
        "police force area": reverse("practice:area", args=[force.slug]),
        "compare": reverse("partnerships:compare"),
        "open data": reverse("opendata:page"),
        "api": reverse("opendata:api_page"),
        "sign in": reverse("account_login"),
        **{name.split(":")[1]: reverse(name) for name in SERVICE_PAGES},
    }


def test_every_public_page_has_its_own_description_a_canonical_link_and_open_graph(
    anonymous, settings
):
    settings.SITE_URL = "https://partnerships.example.org"
    descriptions = {}
    for label, url in _public_pages().items():
        html = anonymous.get(url + "?page=1").content.decode()
        description = meta(html, "name", "description")
        assert description and len(description) >= 20, label
        descriptions[label] = description
        assert canonical(html) == "https://partnerships.example.org" + url, label
        assert meta(html, "property", "og:url") == canonical(html)
        title = re.search(r"<title>(.*?) &#8211; Police", html, re.S).group(1)
        assert meta(html, "property", "og:title") == unescape(title), label
        assert meta(html, "property", "og:description") == description
        assert meta(html, "property", "og:type") in {"website", "article"}
        assert meta(html, "property", "og:site_name") == "Police and public health partnerships"
    assert len(set(descriptions.values())) == len(descriptions), "each page has its own"
    assert descriptions["case study"] == "Nurses ride with officers."


def test_case_study_is_an_open_graph_article_and_quotes_are_escaped(anonymous):
    partnership = factories.partnership(title='The "Blue light" project', summary='A "quoted" one.')
    html = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == 'The "Blue light" project'
    assert meta(html, "name", "description") == 'A "quoted" one.'


def test_confirm_your_email_page_links_the_contact_page(rf, contributor_user):
    # allauth shows it where a view needs a verified address (its @verified_email_required).
    request = rf.get("/")
    request.user = contributor_user
    html = render_to_string("account/verified_email_required.html", request=request)
    assert "Confirm your email address" in html
    assert f'href="{reverse("partnerships:contact")}"' in html
    assert "contact us" not in html
