"""The finder's open-data and e-mail links, written in Python (opendata.templatetags.opendata
`finder_links`, alerts.templatetags.alerts `alert_link`), are the markup their templates gave,
escaped, for no match, one and many, with and without a scope."""

import re
from pathlib import Path

import pytest
from django.http import QueryDict
from django.template import engines
from django.test import RequestFactory

from opendata.scope import query_string
from partnerships.addresses import address
from partnerships.finder import find
from tests.partnerships.test_finder import library  # noqa: F401

pytestmark = pytest.mark.django_db

# templates/opendata/includes/finder_links.html and templates/alerts/includes/alert_link.html
# before their markup moved to Python, as they were.
HERE = Path(__file__).parent
FINDER_LINKS_BEFORE = (HERE / "finder_links_template_before.html").read_text()
ALERT_LINK_BEFORE = (HERE / "alert_link_template_before.html").read_text()


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def finder_for(query: str, scope=None):
    return find(QueryDict(query), scope=scope)


CASES = [
    ("", None),
    ("theme=mental-health&force=durham", None),
    ("q=%3Cb%3E%22crisis%22+%26+%27x%27&sort=title", None),
    ("q=nothing-matches-this-zzz", None),
    ("force=gwent&theme=substance-misuse", None),
    ("evaluation=evaluated", ("theme", "mental-health")),
    ("theme=aces-trauma&force=gwent&theme=mental-health&start_to=2019", None),
]


@pytest.mark.parametrize("query, scope", CASES)
def test_the_finder_links_are_the_templates(library, query, scope):  # noqa: F811
    finder = finder_for(query, scope)
    suffix = f"?{q}" if (q := query_string(finder, scope)) else ""
    old = (
        engines["django"]
        .from_string(FINDER_LINKS_BEFORE)
        .render(
            {
                "total": finder.total,
                "csv_url": address("opendata:csv") + suffix,
                "partners_url": address("opendata:partners_csv") + suffix,
                "json_url": address("opendata:json") + suffix,
                "feed_url": address("opendata:feed") + suffix,
                "about_url": address("opendata:page"),
            }
        )
    )
    new = engines["django"].from_string("{% load opendata %}{% finder_links %}")
    rendered = new.render({"finder": finder, "finder_scope": scope})
    assert normalised(rendered) == normalised(old)
    assert "<b>" not in rendered


@pytest.mark.parametrize("query, scope", CASES)
def test_the_alert_link_is_the_templates(library, query, scope):  # noqa: F811
    finder = finder_for(query, scope)
    # alerts.views.subscribe_url as it was: the pairs in a QueryDict
    expected_query = QueryDict(mutable=True)
    expected_query["page"] = "/themes/mental-health/"
    for key, value in finder.selection.params():
        if key != "sort":
            expected_query.appendlist(key, value)
    url = address("alerts:subscribe") + "?" + expected_query.urlencode()
    old = engines["django"].from_string(ALERT_LINK_BEFORE).render({"url": url})
    request = RequestFactory().get("/partnerships/?" + query)
    new = engines["django"].from_string("{% load alerts %}{% alert_link %}")
    context = {"finder": finder, "finder_url": "/themes/mental-health/", "request": request}
    assert normalised(new.render(context)) == normalised(old)
    assert normalised(new.render({"finder": None, "request": request})).startswith(
        '<p class="govuk-body app-alert-link"><a class="govuk-link" href="/alerts/'
    )
