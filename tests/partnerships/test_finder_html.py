"""The finder written in Python ({% finder_body %}, {% filter_panel %}: templatetags/finder_page.py
and partnerships/finder_html.py) gives exactly the markup, byte for byte, that the templates it
replaced gave (templates/partnerships/includes/finder.html and filter_panel.html, kept here as
they were), on the list, theme, organisation and current-practice pages: with nothing chosen,
with awkward words and choices, with case studies ticked on this and other pages, on a later
page, with nothing found, and with nothing published."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries
from django.urls import reverse

from partnerships.ascii_html import ascii_html
from tests import factories
from tests.partnerships.test_finder import LIST, library  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

HERE = Path(__file__).parent
FINDER_BEFORE = (HERE / "finder_template_before.html").read_text()
PANEL_BEFORE = (HERE / "filter_panel_template_before.html").read_text()

# The project's templates and tags, with the filter panel's template as it was.
BEFORE = Engine(
    dirs=[settings.BASE_DIR / "templates"],
    libraries=get_installed_libraries(),
    loaders=[
        (
            "django.template.loaders.locmem.Loader",
            {"partnerships/includes/filter_panel.html": PANEL_BEFORE},
        ),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ],
)
NOW = BEFORE.from_string("{% load finder_page %}{% finder_body finder_url empty_text %}")

AWKWARD = {
    "q": "crisis \"care\" <b>&amp; 'x'",
    "theme": ["mental-health", "substance-misuse"],
    "force": "durham",
    "start_from": "2013",
    "sort": "title",
    "partner_name": '<i>"red"</i>',
}


def both(response, finder_url: str, empty_text: str = "") -> tuple[str, str]:
    """The finder of this page's context, from the template it was and from the tag it is."""
    assert response.status_code == 200
    values = {**response.context[0].flatten(), "finder_url": finder_url}
    if empty_text:
        values["empty_text"] = empty_text
    before = BEFORE.from_string(FINDER_BEFORE).render(Context(values))
    now = NOW.render(Context({**values, "empty_text": empty_text}))
    assert '<div class="moj-filter-layout app-finder' in now
    # The same markup once both are written in ASCII, as the finder's parts now are
    # (partnerships/ascii_html.py): the same characters, some as references.
    return ascii_html(before), ascii_html(now)


@pytest.mark.parametrize(
    "params",
    [
        {},
        AWKWARD,
        {"compare": "TICKED", "theme": "mental-health"},
        {"q": "zzzz-nothing", "compare": "TICKED", "force": "gwent"},
        {"q": "-triage"},  # only a word left out: a notice, and nothing
        {"start_from": "abc", "start_to": "1990", "sort": "nonsense"},
        {"evaluation": ["rct", "process"], "sort": "started", "partner_name": "red"},
    ],
)
def test_a_visitor_gets_the_finder_the_template_gave(anonymous, params, request):
    made = request.getfixturevalue("library")
    ticked = f"{made['Naloxone'].pk},{made['Checkpoint'].pk}"
    params = {key: ticked if value == "TICKED" else value for key, value in params.items()}
    before, now = both(anonymous.get(LIST, params), LIST)
    assert now == before
    if "zzzz-nothing" in params.values():
        assert 'id="suggestions"' in now and f"compare={ticked}" in now


def test_a_later_page_with_ticks_elsewhere_is_the_finder_the_template_gave(anonymous):
    made = [factories.partnership(title=f"Case study {n:02d}") for n in range(25)]
    ticked = f"{made[0].pk},{made[24].pk}"
    before, now = both(anonymous.get(LIST, {"page": "2", "compare": ticked}), LIST)
    assert 'name="page" value="2"' in now
    assert "data-compare-elsewhere" in now
    assert now == before


def test_a_page_with_nothing_published_says_so_as_the_template_did(anonymous):
    theme = factories.theme(name="Empty <theme>", slug="empty-theme")
    url = reverse("themes:detail", args=[theme.slug])
    response = anonymous.get(url)
    text = "No case studies on this theme have been published yet."
    before, now = both(response, url, text)
    assert text in now
    assert now == before
    before, now = both(anonymous.get(LIST, {"theme": "empty-theme"}), LIST)
    assert now == before


def test_a_theme_and_an_organisation_page_get_the_finder_the_template_gave(anonymous):
    url = reverse("themes:detail", args=["mental-health"])
    before, now = both(anonymous.get(url, {"q": "triage", "compare": "1"}), url)
    assert now == before
    url = reverse("partnerships:organisation", args=["redthread"])
    before, now = both(anonymous.get(url), url)
    assert now == before


@pytest.mark.parametrize("params", [{}, {"order": "count", "theme": "mental-health", "q": "<x>"}])
def test_the_practice_page_gets_the_filter_panel_the_template_gave(anonymous, params):
    response = anonymous.get(reverse("practice:page"), params)
    values = {**response.context[0].flatten(), "finder_url": reverse("practice:page")}
    order = values["practice"].order
    before = BEFORE.from_string(
        '{% include "partnerships/includes/filter_panel.html" with keep_order=order %}'
    ).render(Context({**values, "order": order}))
    now = BEFORE.from_string("{% load finder_page %}{% filter_panel keep_order=order %}").render(
        Context({**values, "order": order})
    )
    assert now == before.removeprefix("\n\n")  # the include's leading lines are now the page's
    assert '<div class="moj-filter" data-module="moj-filter">' in now
