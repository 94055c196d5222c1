"""The Nu HTML checker (vnu-jar from npm, run with Java) reports no errors on the main pages: home,
the finder with filters and words, a case study, themes, organisations, the current-practice
page and a police force area's page, the about and service pages and sign-in. Runs in both
databases' suites."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def nu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML checker (Java 17 or later).")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (or `make assets`).")
    files = []
    for number, (label, html) in enumerate(pages.items()):
        path = folder / f"{number:02d}.html"
        path.write_text(html, encoding="utf-8")
        files.append((label, path))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(path) for _, path in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    labels = {path.as_uri(): label for label, path in files}
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{labels.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def test_the_checker_reports_a_broken_page(tmp_path):
    broken = "<!DOCTYPE html><html lang=en><title>x</title><p><div>wrong</p><time datetime=x>"
    assert nu_errors({"broken": broken}, tmp_path)


def test_main_pages_have_no_html_errors(anonymous, contributor, contributor_user, tmp_path):
    theme = factories.theme(name="Mental health and crisis care", slug="mental-health")
    organisation = factories.organisation(name="Cleveland Police")
    partnership = factories.full_partnership(title="Street triage in Cleveland")
    partnership.themes.add(theme)
    factories.member(partnership, organisation, role="lead")
    another = factories.partnership(title="Another one on triage")
    another.themes.add(theme)
    Partnership.objects.filter(pk=partnership.pk).update(last_reviewed_at=partnership.published_at)
    force = factories.police_force(name="Durham Constabulary", pfa_code="E23000008")
    partnership.police_force_areas.add(force)
    factories.member(partnership, force)

    urls = {
        "home": reverse("partnerships:home"),
        "finder": reverse("partnerships:list"),
        "finder with filters and search": reverse("partnerships:list")
        + "?theme=mental-health&q=triage&sort=title&start_from=2010",
        "finder with case studies ticked to compare": reverse("partnerships:list")
        + f"?theme=mental-health&compare={partnership.pk}",
        "comparison": reverse("partnerships:compare") + f"?ids={partnership.pk},{another.pk}",
        "finder with nothing found": reverse("partnerships:list") + "?q=zebra",
        "case study": partnership.get_absolute_url(),
        "themes": reverse("themes:list"),
        "theme": theme.get_absolute_url(),
        "organisations": reverse("partnerships:organisations"),
        "organisation": organisation.get_absolute_url(),
        "current practice": reverse("practice:page"),
        "current practice with filters": reverse("practice:page")
        + "?theme=mental-health&partner_kind_all=police_force&order=count",
        "police force area": reverse("practice:area", args=[force.slug]),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
        "not found": "/no-such-page/",
        "open data": reverse("opendata:page"),
        "the API described": reverse("opendata:api_page"),
    }
    for name in ["about", "contact", "accessibility", "privacy", "cookies"]:
        urls[name] = reverse(f"partnerships:{name}")
    pages = {label: anonymous.get(url).content.decode() for label, url in urls.items()}
    pages["your case studies"] = contributor.get(reverse("contribute:mine")).content.decode()
    # The contact section: conflict details revealed under "Yes", and with an error.
    draft = factories.partnership(status="draft", submitted_by=contributor_user)
    contact = reverse("contribute:contact", args=[draft.pk])
    pages["contact section"] = contributor.get(contact).content.decode()
    declared = {"conflict_of_interest": "declared", "action": "continue"}
    pages["contact section, error"] = contributor.post(contact, declared).content.decode()

    assert nu_errors(pages, tmp_path) == []
