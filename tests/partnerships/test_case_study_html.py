"""The repeated parts of a case study's page written in Python (partnerships/case_study_html.py)
give what the template loops they replaced gave, escaped the same way."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from evidence.models import EvidenceResource
from partnerships import case_study_html
from partnerships.history.public import HistoryEntry
from partnerships.models import Partnership
from partnerships.related import Related
from tests import factories

pytestmark = pytest.mark.django_db

NASTY = "<script>alert('x')</script> & \"quoted\""

# The loops as the templates had them, before they were written in Python.
TEMPLATES = {
    "key_facts": '{% load case_study %}{% with partnership=items %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">When</dt><dd class="govuk-summary-list__value">{{ partnership.years }}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">State of the work</dt><dd class="govuk-summary-list__value">{{ partnership.get_work_state_display }}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Scale</dt><dd class="govuk-summary-list__value">{{ partnership.get_scale_display }}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Police force areas</dt><dd class="govuk-summary-list__value">{{ partnership.police_force_areas.all|force_links }}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Themes</dt><dd class="govuk-summary-list__value"><ul class="app-tag-list">{{ partnership.themes.all|theme_tags }}</ul></dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Who it is for</dt><dd class="govuk-summary-list__value">{{ partnership.population_groups.all|group_names }}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Evaluation <span class="app-assessor">(reported by the partnership)</span></dt><dd class="govuk-summary-list__value">{{ partnership.get_evaluation_type_display }}{% if partnership.evaluation_finding %}: {{ partnership.get_evaluation_finding_display|lower }} findings{% endif %}</dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Evidence rating <span class="app-assessor">(checked by editors)</span></dt><dd class="govuk-summary-list__value">{{ partnership.get_evidence_rating_display }}<p class="govuk-body-s govuk-!-margin-bottom-0">{{ partnership.evidence_level_description }} <a class="govuk-link" href="{% url \'partnerships:about\' %}#evidence-labels">What the labels mean</a></p></dd></div><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Last reviewed</dt><dd class="govuk-summary-list__value">{% if partnership.last_reviewed_at %}<time datetime="{{ partnership.last_reviewed_at|date:\'Y-m-d\' }}">{{ partnership.last_reviewed_at|date:"j F Y" }}</time>{% else %}Not yet reviewed{% endif %}</dd></div>{% endwith %}',  # noqa: E501
    "replication_rows": '{% with partnership=items %}{% if partnership.funding %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Funding</dt><dd class="govuk-summary-list__value">{{ partnership.funding|linebreaksbr }}</dd></div>{% endif %}{% if partnership.cost_band %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Cost a year</dt><dd class="govuk-summary-list__value">{{ partnership.get_cost_band_display }}</dd></div>{% endif %}{% if partnership.staffing %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Staffing</dt><dd class="govuk-summary-list__value">{{ partnership.staffing|linebreaksbr }}</dd></div>{% endif %}{% if partnership.prevention_level %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Level of prevention</dt><dd class="govuk-summary-list__value">{{ partnership.get_prevention_level_display }}<p class="govuk-body-s govuk-!-margin-bottom-0">{{ partnership.prevention_level_hint }}</p></dd></div>{% endif %}{% if partnership.referral_route %}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">How people are referred or found</dt><dd class="govuk-summary-list__value">{{ partnership.referral_route|linebreaksbr }}</dd></div>{% endif %}{% endwith %}',  # noqa: E501
    "long_texts": '{% load directory %}{% with partnership=items %}{% if partnership.problem %}<h2 class="govuk-heading-l">The problem it addressed</h2>{{ partnership.problem|paragraphs }}{% endif %}{% if partnership.approach %}<h2 class="govuk-heading-l">What was done</h2>{{ partnership.approach|paragraphs }}{% endif %}{% if partnership.outcomes %}<h2 class="govuk-heading-l">Outcomes</h2>{{ partnership.outcomes|paragraphs }}{% endif %}{% if partnership.learning %}<h2 class="govuk-heading-l">Learning for others</h2>{{ partnership.learning|paragraphs }}{% endif %}{% endwith %}',  # noqa: E501
    "force_links": '{% for force in items %}<a class="govuk-link" href="{{ force.get_absolute_url }}">{{ force.name }}</a>{% if not forloop.last %}, {% endif %}{% empty %}Not stated{% endfor %}',  # noqa: E501
    "theme_tags": '{% for theme in items %}<li><a class="govuk-link app-tag-link" href="{{ theme.get_absolute_url }}"><strong class="govuk-tag govuk-tag--{% if theme.is_priority %}blue{% else %}grey{% endif %}">{{ theme.name }}</strong></a></li>{% empty %}<li>None</li>{% endfor %}',  # noqa: E501
    "group_names": "{% for group in items %}{{ group.name }}{% if not forloop.last %}; {% endif %}{% empty %}Not stated{% endfor %}",  # noqa: E501
    "partner_rows": '{% for member in items %}<tr class="govuk-table__row"><td class="govuk-table__cell">{% if member.organisation.is_confirmed %}<a class="govuk-link" href="{{ member.organisation.get_absolute_url }}">{{ member.organisation.name }}</a>{% else %}{{ member.organisation.name }}{% endif %}</td><td class="govuk-table__cell">{{ member.get_role_display }}</td><td class="govuk-table__cell">{{ member.description|default:"–" }}</td></tr>{% endfor %}',  # noqa: E501
    "source_items": '{% for source in items %}<li><a class="govuk-link" href="{{ source.url }}" rel="noopener noreferrer">{{ source.title }}</a> <span class="govuk-body-s">({{ source.get_kind_display|lower }})</span></li>{% endfor %}',  # noqa: E501
    "related_items": '{% for item in items %}<li class="app-related__item"><a class="govuk-link govuk-!-font-weight-bold" href="{{ item.partnership.get_absolute_url }}">{{ item.partnership.title }}</a><p class="govuk-body-s govuk-!-margin-bottom-1 app-related__reason">{{ item.reason }}</p><p class="govuk-body-s">{{ item.partnership.summary }}</p></li>{% endfor %}',  # noqa: E501
    "history_items": '{% for entry in items %}<li class="app-history__entry app-history__entry--{{ entry.kind }}"><time class="govuk-body-s govuk-!-font-weight-bold" datetime="{{ entry.when|date:\'Y-m-d\' }}">{{ entry.when|date:"j F Y" }}</time><p class="govuk-body govuk-!-margin-bottom-1">{{ entry.text }}</p>{% if entry.sections %}<p class="govuk-body-s">Sections changed: {{ entry.sections|join:"; " }}</p>{% endif %}</li>{% endfor %}',  # noqa: E501
    "research_items": '{% for resource in items %}<li class="app-research__item"><h3 class="govuk-heading-s govuk-!-margin-bottom-1">{% if resource.is_direct %}<span class="app-research__related">This approach is related to: </span>{% endif %}<a class="govuk-link" href="{{ resource.url }}" rel="noopener noreferrer">{{ resource.name }}</a> – {{ resource.publisher }}</h3><p class="govuk-body govuk-!-margin-bottom-1">{{ resource.covers }}</p><p class="govuk-body-s govuk-!-margin-bottom-1">{% if resource.rating %}{{ resource.publisher }}’s rating: <strong>{{ resource.rating }}</strong>{% else %}{{ resource.publisher }} gives no rating.{% endif %} Read <time datetime="{{ resource.date_read|date:\'Y-m-d\' }}">{{ resource.date_read|date:"j F Y" }}</time>.{% if resource.page_date %} Date on the page: {{ resource.page_date }}.{% endif %}</p>{% if resource.rating_explained %}<details class="govuk-details govuk-!-margin-bottom-2"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">What {{ resource.publisher }}’s rating means</span></summary><div class="govuk-details__text">{{ resource.rating_explained }}</div></details>{% endif %}</li>{% endfor %}',  # noqa: E501
}


def as_template_gave(name: str, items) -> str:
    return Template(TEMPLATES[name]).render(Context({"items": items}))


def same(name: str, items) -> str:
    written = getattr(case_study_html, name)(items)
    assert written == as_template_gave(name, items)
    return written


@pytest.fixture
def nasty_case_study():
    p = factories.partnership(title=NASTY, summary=NASTY)
    p.police_force_areas.add(factories.police_force(name=NASTY), factories.police_force())
    p.themes.add(factories.theme(name=NASTY, is_priority=True), factories.theme(is_priority=False))
    p.population_groups.add(factories.population_group(name=NASTY), factories.population_group())
    factories.member(p, factories.organisation(name=NASTY, is_confirmed=True), description=NASTY)
    factories.member(p, factories.organisation(is_confirmed=False), role="funder", description="")
    factories.source(p, title=NASTY, url="https://example.org/?a=1&b=<2>", kind="evaluation")
    factories.source(p)
    return Partnership.objects.for_detail().get(pk=p.pk)


@pytest.mark.parametrize(
    ("name", "relation"),
    [
        ("force_links", "police_force_areas"),
        ("theme_tags", "themes"),
        ("group_names", "population_groups"),
        ("partner_rows", "members"),
        ("source_items", "sources"),
    ],
)
def test_the_case_studys_own_lists_are_escaped_as_the_template_did(
    nasty_case_study, name, relation
):
    written = same(name, getattr(nasty_case_study, relation).all())
    assert "<script>" not in written and "&lt;script&gt;" in written
    assert same(name, []) == as_template_gave(name, [])  # "Not stated", "None" or nothing


def test_related_items_are_escaped_as_the_template_did(nasty_case_study):
    items = [Related(nasty_case_study, 9, f"Also {NASTY}")]
    written = same("related_items", items)
    assert "<script>" not in written and written.count("&lt;script&gt;") == 3


def test_history_entries_are_escaped_and_dated_as_the_template_did(settings):
    settings.TIME_ZONE = "Europe/London"
    late = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # 1 July in London
    with timezone.override("Europe/London"):
        entries = [
            HistoryEntry(late, "published", "First published"),
            HistoryEntry(late, "revised", NASTY, (NASTY, "Partners")),
            HistoryEntry(late, "revised", "Checked by the editors"),
        ]
        written = same("history_items", entries)
    assert 'datetime="2026-07-01"' in written and "1 July 2026" in written
    assert "<script>" not in written


def test_research_items_are_escaped_as_the_template_did():
    fields = {
        "name": NASTY,
        "publisher": NASTY,
        "url": "https://example.org/?a=1&b=2",
        "covers": NASTY,
        "date_read": datetime.date(2026, 3, 1),
    }
    rated = EvidenceResource(**fields, rating=NASTY, rating_explained=NASTY, page_date=NASTY, pk=1)
    rated.is_direct = True
    plain = EvidenceResource(**fields, pk=2)
    plain.is_direct = False
    written = same("research_items", [rated, plain])
    assert "<script>" not in written
    assert re.search(r"gives no rating\. Read <time datetime=\"2026-03-01\">1 March 2026", written)


def test_key_facts_are_escaped_and_dated_as_the_template_did(nasty_case_study, settings):
    settings.TIME_ZONE = "Europe/London"
    p = nasty_case_study
    p.start_year, p.end_year, p.evaluation_finding = 2019, 2024, "too_early"
    p.last_reviewed_at = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    with timezone.override("Europe/London"):
        written = same("key_facts", p)
    assert 'datetime="2026-07-01"' in written and "1 July 2026" in written
    assert ": too early to tell findings" in written and "2019 to 2024" in written
    assert "<script>" not in written and "&lt;script&gt;" in written
    bare = Partnership.objects.for_detail().get(pk=factories.partnership().pk)
    written = same("key_facts", bare)
    assert "Not yet reviewed" in written and "Not stated" in written and "<li>None</li>" in written


def test_replication_rows_are_escaped_as_the_template_did():
    given = Partnership(
        funding=f"{NASTY}\r\nand a second line",
        cost_band="under_50k",
        staffing=NASTY,
        prevention_level="secondary",
        referral_route="By the police\nor the NHS",
    )
    written = same("replication_rows", given)
    assert written.count("govuk-summary-list__row") == 5 and written.count("<br>") == 2
    assert "<script>" not in written and "&lt;script&gt;" in written
    assert same("replication_rows", Partnership()) == ""


def test_long_date_is_what_the_date_filter_gave(settings):
    settings.TIME_ZONE = "Europe/London"
    late = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # 1 July in London
    given = Template('{{ a|date:"j F Y" }}|{{ b|date:"j F Y" }}|{{ c|date:"j F Y" }}')
    written = Template("{% load case_study %}{{ a|long_date }}|{{ b|long_date }}|{{ c|long_date }}")
    values = Context({"a": late, "b": datetime.date(2026, 3, 9), "c": None})
    with timezone.override("Europe/London"):
        assert written.render(values) == given.render(values) == "1 July 2026|9 March 2026|"


def test_dates_name_the_month_in_the_active_language():
    given = Template('{{ when|date:"j F Y" }}')
    written = Template("{% load case_study %}{{ when|long_date }}")
    values = Context({"when": datetime.date(2026, 3, 9)})
    assert written.render(values) == "9 March 2026"
    with translation.override("de"):
        assert written.render(values) == given.render(values) == "9 März 2026"
    assert written.render(values) == "9 March 2026"


def test_long_texts_are_escaped_as_the_template_did():
    given = Partnership(problem=f"{NASTY}\n\nSecond\nline", outcomes=NASTY, learning="Learnt.")
    written = same("long_texts", given)
    assert written.count("<h2") == 3 and "What was done" not in written
    assert "<script>" not in written and "&lt;script&gt;" in written
    assert same("long_texts", Partnership()) == ""
