"""The finder's markup written in Python (partnerships/templatetags/finder.py) is the markup the
templates gave, escaped: the hidden fields, the sort's options, the selected filters and the
facets' fieldsets. And what the finder remembers (a URL's selection, the counted facets, each
facet's markup) follows a published change at once and is never shared between visitors."""

import re

import pytest
from django.http import QueryDict
from django.template import engines

from partnerships.ascii_html import ascii_html
from partnerships.finder import find
from partnerships.templatetags.finder import forget
from tests import factories
from tests.partnerships.test_finder import LIST, count_of, library  # noqa: F401

pytestmark = pytest.mark.django_db

# The templates' markup before it moved to Python, as it was.
HIDDEN_BEFORE = (
    '{% for key, value in finder.selection.params %}{% if key != "q" and key != "sort" %}'
    '<input type="hidden" name="{{ key }}" value="{{ value }}">{% endif %}{% endfor %}'
    '{% for pk in compare_ids %}<input type="hidden" name="compare" value="{{ pk }}">{% endfor %}'
    "|"
    '{% for key, value in finder.selection.params %}{% if key != "sort" %}<input type="hidden" '
    'name="{{ key }}" value="{{ value }}">{% endif %}{% endfor %}'
    '{% for pk in compare_ids %}<input type="hidden" name="compare" value="{{ pk }}">{% endfor %}'
    "|"
    '{% for key, value in finder.selection.params %}<input type="hidden" name="{{ key }}" '
    'value="{{ value }}">{% endfor %}'
)
HIDDEN_NOW = (
    '{% load finder %}{% hidden_fields finder.selection "q" "sort" compare=compare_ids %}|'
    '{% hidden_fields finder.selection "sort" compare=compare_ids %}|'
    "{% hidden_fields finder.selection %}"
)
SORT_BEFORE = """{% for key, label in finder.sorts %}
  <option value="{{ key }}"{% if key == finder.sort %} selected{% endif %}>{{ label }}</option>
{% endfor %}"""
SORT_NOW = "{% load finder %}{% sort_options finder %}"
SELECTED_BEFORE = (
    """{% load directory %}{% regroup finder.active by facet_label as active_groups %}
    {% for group in active_groups %}
      <h3 class="govuk-heading-s govuk-!-margin-bottom-0">{{ group.grouper }}</h3>
      <ul class="moj-filter-tags">
        {% for item in group.list %}
          <li><a class="moj-filter__tag" href="{% with_ticks item.remove_url %}">"""
    """<span class="govuk-visually-hidden">Remove this filter: </span>{{ item.label }}</a></li>
        {% endfor %}
      </ul>
    {% endfor %}"""
)
SELECTED_NOW = "{% load finder %}{% selected_filter_groups finder.active %}"
FACETS_BEFORE = """{% for facet in finder.facets %}
  {% include "partnerships/includes/facet.html" %}
{% endfor %}"""
FACETS_NOW = "{% load finder %}{% facet_fieldsets finder.facets %}"

AWKWARD = {
    "q": "crisis \"care\" <b>&amp; 'x'",
    "theme": ["mental-health", "substance-misuse"],
    "force": "durham",
    "start_from": "2013",
    "sort": "title",
    "partner_name": '<i>"red"</i>',
}


def normalised(html: str) -> str:
    """Whitespace collapsed, and written in ASCII as the remembered facets are."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", ascii_html(html))).strip()


def rendered(source: str, params: dict, **context) -> str:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    finder = find(query)
    template = engines["django"].from_string(source)
    return normalised(template.render({"finder": finder, **context}))


@pytest.mark.parametrize("params", [{}, AWKWARD, {"q": "crisis", "evaluation": "evaluated"}])
@pytest.mark.parametrize(
    "before, now",
    [
        (HIDDEN_BEFORE, HIDDEN_NOW),
        (SORT_BEFORE, SORT_NOW),
        (SELECTED_BEFORE, SELECTED_NOW),
        (FACETS_BEFORE, FACETS_NOW),
    ],
    ids=["hidden fields", "sort options", "selected filters", "facets"],
)
@pytest.mark.parametrize("compare_query", ["", "compare=4,9"])
def test_the_markup_written_in_python_is_the_templates(library, params, before, now, compare_query):  # noqa: F811
    forget()
    context = {"compare_ids": [4, 9] if compare_query else [], "compare_query": compare_query}
    expected = rendered(before, params, **context)
    assert expected or not params  # a choice gives something to compare
    assert rendered(now, params, **context) == expected
    assert rendered(now, params, **context) == expected  # remembered: the same again


def test_what_a_visitor_typed_is_escaped(library):  # noqa: F811
    html = rendered(HIDDEN_NOW + SELECTED_NOW + FACETS_NOW, AWKWARD, compare_ids=[])
    assert "<b>" not in html and "<i>" not in html
    assert 'value="crisis &quot;care&quot; &lt;b&gt;&amp;amp; &#x27;x&#x27;"' in html
    assert 'value="&lt;i&gt;&quot;red&quot;&lt;/i&gt;"' in html


def test_a_published_change_shows_in_the_counts_at_once(anonymous, library):  # noqa: F811
    params = {"force": "durham"}
    before = anonymous.get(LIST, params)
    assert count_of(before, "theme", "aces-trauma") == 0
    late = factories.partnership(title="Late arrival")
    late.themes.add(library["Youth work"].themes.get(slug="aces-trauma"))
    late.police_force_areas.add(library["Street triage"].police_force_areas.get())

    after = anonymous.get(LIST, params)
    assert count_of(after, "theme", "aces-trauma") == 1
    assert 'for="filter-theme-1">ACEs <span class="app-facet-count" aria-hidden="true">(1)' in (
        after.content.decode()
    )


def test_the_same_address_follows_a_new_option_and_keeps_each_visitors_notices(anonymous):
    factories.partnership(title="First").themes.add(factories.theme(slug="alcohol"))
    params = {"theme": "knife-crime", "sort": "relevance"}
    first = anonymous.get(LIST, params).context
    again = anonymous.get(LIST, params).context
    assert first["notices"] == again["notices"] and len(again["notices"]) == 2

    factories.partnership(title="Second").themes.add(factories.theme(slug="knife-crime"))
    finder = anonymous.get(LIST, params).context["finder"]
    assert finder.selection.values["theme"] == ["knife-crime"] and finder.total == 1


def test_a_remembered_selection_is_each_callers_own(library):  # noqa: F811
    from partnerships.facet_index import get_index
    from partnerships.filters import read_selection

    facets = get_index().facets
    params = QueryDict("theme=mental-health&theme=nope&page=2")
    first = read_selection(params, facets)
    first.values["theme"].append("aces-trauma")
    first.notices.append("Something only this visitor was told.")
    again = read_selection(QueryDict("theme=mental-health&theme=nope&page=3"), facets)
    assert again.values["theme"] == ["mental-health"]
    assert again.notices == ["“nope” is not one of the options for theme, so it was left out."]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "crisis",
        "x" * 60,
        "x" * 61,
        "é" * 59 + "e\u0301",
        "e\u0301" * 70,
        "“quoted” words",
        "a " * 40,
    ],
)
def test_truncated_is_truncatechars(text):
    from django.template.defaultfilters import truncatechars

    from partnerships.templatetags.finder import truncated

    assert truncated(text, 60) == truncatechars(text, 60)
    assert truncated(text, "60") == truncatechars(text, "60")
