"""The repeated parts of a case study's page written in Python: the rows of its key facts and of
its replication facts, its long texts under their headings, its force areas, theme tags,
population groups, partners' table rows, sources, related case studies, public history and what
the research says (evidence resources, which a theme's page lists too).
Each is a loop of a few elements per item, and the template engine is slow over loops (the page
itself, includes/partnership_body.html and its neighbours, keep the structure and call these
through the `case_study` template filters). The markup is what the templates gave, item for item;
everything from the data is escaped here (tests/partnerships/test_case_study_html.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape  # the standard library's: no lazy-string check per call

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import normalize_newlines
from django.utils.translation import get_language

from partnerships.addresses import address, addresses
from partnerships.case_study_parts import CaseStudyParts, parts_of
from partnerships.models import Partnership, PartnershipMember, Source
from partnerships.templatetags.directory import paragraphs

# get_role_display() and the like without their per-call lookup of the choices.
ROLE_LABELS = dict(PartnershipMember.Role.choices)
SOURCE_KINDS = dict(Source.Kind.choices)
LABELS = {
    name: dict(Partnership._meta.get_field(name).flatchoices)
    for name in ("work_state", "scale", "evaluation_type", "evaluation_finding", "evidence_rating")
    + ("cost_band", "prevention_level")
}


def _label(partnership, name: str) -> str:
    """partnership.get_<name>_display()."""
    value = getattr(partnership, name)
    return str(LABELS[name].get(value, value))


def _text(value) -> str:
    return escape(str(value))


def _urls(viewname: str, items: list) -> list[str]:
    """The items' get_absolute_url(), escaped: each is address(viewname, item.slug) (organisations,
    themes and case studies), and partnerships.addresses.addresses() reads the URLconf and the
    script prefix once for all of them."""
    return [escape(url) for url in addresses(viewname, [(item.slug,) for item in items])]


def day(when) -> tuple[str, str]:
    """(the `datetime` attribute, the words) of a date or an aware time, as `|date:'Y-m-d'` and
    `|date:"j F Y"` give them (a time in the current time zone, as templates show it)."""
    if getattr(when, "tzinfo", None) is not None:
        when = timezone.localtime(when)
    year, month, number = when.year, when.month, when.day
    words = f"{number} {_month_names(get_language())[month]} {year:04d}"
    return f"{year:04d}-{month:02d}-{number:02d}", words


@lru_cache(maxsize=16)
def _month_names(language: str | None) -> dict[int, str]:
    """The months' names (`|date:"F"`) in `language`, the active one: translating each name on
    every call was most of day()'s time."""
    return {number: str(name) for number, name in MONTHS.items()}


def _lines(text: str) -> str:
    """Plain text with its line breaks as <br>, as `|linebreaksbr` gives it."""
    return escape(normalize_newlines(str(text))).replace("\n", "<br>")


def _row(key: str, value: str) -> str:
    """A GOV.UK summary list row; `key` and `value` are markup."""
    return (
        '<div class="govuk-summary-list__row">'
        f'<dt class="govuk-summary-list__key">{key}</dt>'
        f'<dd class="govuk-summary-list__value">{value}</dd></div>'
    )


def key_facts(partnership, parts: CaseStudyParts | None = None) -> str:
    """The rows of a case study's "Key facts" summary list: its row and its tags, `parts`, or
    else its relations (best fetched with for_detail())."""
    p = partnership
    parts = parts or parts_of(partnership)
    evaluation = _text(_label(p, "evaluation_type"))
    if p.evaluation_finding:
        evaluation += f": {_text(_label(p, 'evaluation_finding').lower())} findings"
    rating = (
        f"{_text(_label(p, 'evidence_rating'))}"
        f'<p class="govuk-body-s govuk-!-margin-bottom-0">{_text(p.evidence_level_description)} '
        f'<a class="govuk-link" href="{_text(address("partnerships:about"))}#evidence-labels">'
        "What the labels mean</a></p>"
    )
    if p.last_reviewed_at:
        iso, words = day(p.last_reviewed_at)
        reviewed = f'<time datetime="{iso}">{words}</time>'
    else:
        reviewed = "Not yet reviewed"
    assessor = '<span class="app-assessor">({})</span>'
    return "".join(
        (
            _row("When", _text(p.years)),
            _row("State of the work", _text(_label(p, "work_state"))),
            _row("Scale", _text(_label(p, "scale"))),
            _row("Police force areas", force_links(parts.police_force_areas)),
            _row("Themes", f'<ul class="app-tag-list">{theme_tags(parts.themes)}</ul>'),
            _row("Who it is for", group_names(parts.population_groups)),
            _row(f"Evaluation {assessor.format('reported by the partnership')}", evaluation),
            _row(f"Evidence rating {assessor.format('checked by editors')}", rating),
            _row("Last reviewed", reviewed),
        )
    )


LONG_TEXTS = (
    ("problem", "The problem it addressed"),
    ("approach", "What was done"),
    ("outcomes", "Outcomes"),
    ("learning", "Learning for others"),
)


def long_texts(partnership) -> str:
    """The long texts given, each under its heading, as paragraphs (`|paragraphs`)."""
    return "".join(
        f'<h2 class="govuk-heading-l">{heading}</h2>{paragraphs(text)}'
        for name, heading in LONG_TEXTS
        if (text := getattr(partnership, name))
    )


def replication_rows(partnership) -> str:
    """The rows of "Cost and what it takes to replicate": only the facts given."""
    p = partnership
    rows = []
    if p.funding:
        rows.append(_row("Funding", _lines(p.funding)))
    if p.cost_band:
        rows.append(_row("Cost a year", _text(_label(p, "cost_band"))))
    if p.staffing:
        rows.append(_row("Staffing", _lines(p.staffing)))
    if p.prevention_level:
        hint = (
            f'<p class="govuk-body-s govuk-!-margin-bottom-0">{_text(p.prevention_level_hint)}</p>'
        )
        rows.append(_row("Level of prevention", f"{_text(_label(p, 'prevention_level'))}{hint}"))
    if p.referral_route:
        rows.append(_row("How people are referred or found", _lines(p.referral_route)))
    return "".join(rows)


def force_links(forces: Iterable) -> str:
    forces = list(forces)
    links = [
        f'<a class="govuk-link" href="{url}">{_text(f.name)}</a>'
        for f, url in zip(forces, _urls("partnerships:organisation", forces), strict=True)
    ]
    return ", ".join(links) or "Not stated"


def theme_tags(themes: Iterable) -> str:
    themes = list(themes)
    items = [
        f'<li><a class="govuk-link app-tag-link" href="{url}">'
        f'<strong class="govuk-tag govuk-tag--{"blue" if t.is_priority else "grey"}">'
        f"{_text(t.name)}</strong></a></li>"
        for t, url in zip(themes, _urls("themes:detail", themes), strict=True)
    ]
    return "".join(items) or "<li>None</li>"


def group_names(groups: Iterable) -> str:
    return "; ".join(_text(g.name) for g in groups) or "Not stated"


def partner_rows(members: Iterable) -> str:
    members = list(members)
    confirmed = [m.organisation for m in members if m.organisation.is_confirmed]
    urls = iter(_urls("partnerships:organisation", confirmed))  # in the members' order
    rows = []
    for member in members:
        organisation = member.organisation
        name = _text(organisation.name)
        if organisation.is_confirmed:
            name = f'<a class="govuk-link" href="{next(urls)}">{name}</a>'
        rows.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell">{name}</td>'
            f'<td class="govuk-table__cell">{_text(ROLE_LABELS.get(member.role, member.role))}</td>'
            f'<td class="govuk-table__cell">{_text(member.description or "–")}</td>'
            "</tr>"
        )
    return "".join(rows)


def source_items(sources: Iterable) -> str:
    return "".join(
        f'<li><a class="govuk-link" href="{_text(s.url)}" rel="noopener noreferrer">'
        f"{_text(s.title)}</a> "
        f'<span class="govuk-body-s">({_text(_kind(s.kind))})</span></li>'
        for s in sources
    )


def _kind(kind: str) -> str:
    """A source's kind as `{{ source.get_kind_display|lower }}` gave it."""
    return str(SOURCE_KINDS.get(kind, kind)).lower()


def related_items(related: Iterable) -> str:
    """partnerships.related.Related items, as list items."""
    related = list(related)
    urls = _urls("partnerships:detail", [item.partnership for item in related])
    return "".join(
        '<li class="app-related__item">'
        f'<a class="govuk-link govuk-!-font-weight-bold" href="{url}">'
        f"{_text(item.partnership.title)}</a>"
        '<p class="govuk-body-s govuk-!-margin-bottom-1 app-related__reason">'
        f"{_text(item.reason)}</p>"
        f'<p class="govuk-body-s">{_text(item.partnership.summary)}</p>'
        "</li>"
        for item, url in zip(related, urls, strict=True)
    )


def history_items(entries: Iterable) -> str:
    """partnerships.history.public.HistoryEntry items, as list items."""
    items = []
    for entry in entries:
        iso, words = day(entry.when)
        sections = (
            f'<p class="govuk-body-s">Sections changed: {_text("; ".join(entry.sections))}</p>'
            if entry.sections
            else ""
        )
        items.append(
            f'<li class="app-history__entry app-history__entry--{_text(entry.kind)}">'
            f'<time class="govuk-body-s govuk-!-font-weight-bold" datetime="{iso}">{words}</time>'
            f'<p class="govuk-body govuk-!-margin-bottom-1">{_text(entry.text)}</p>'
            f"{sections}</li>"
        )
    return "".join(items)


def research_items(resources: Iterable) -> str:
    """evidence.models.EvidenceResource items (`is_direct`, if annotated, marks those linked to
    the case study itself), as list items."""
    items = []
    for resource in resources:
        publisher = _text(resource.publisher)
        direct = (
            '<span class="app-research__related">This approach is related to: </span>'
            if getattr(resource, "is_direct", False)
            else ""
        )
        if resource.rating:
            rating = f"{publisher}’s rating: <strong>{_text(resource.rating)}</strong>"
        else:
            rating = f"{publisher} gives no rating."
        iso, words = day(resource.date_read)
        page_date = f" Date on the page: {_text(resource.page_date)}." if resource.page_date else ""
        explained = (
            '<details class="govuk-details govuk-!-margin-bottom-2">'
            '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
            f"What {publisher}’s rating means</span></summary>"
            f'<div class="govuk-details__text">{_text(resource.rating_explained)}</div></details>'
            if resource.rating_explained
            else ""
        )
        items.append(
            '<li class="app-research__item">'
            f'<h3 class="govuk-heading-s govuk-!-margin-bottom-1">{direct}'
            f'<a class="govuk-link" href="{_text(resource.url)}" rel="noopener noreferrer">'
            f"{_text(resource.name)}</a> – {publisher}</h3>"
            f'<p class="govuk-body govuk-!-margin-bottom-1">{_text(resource.covers)}</p>'
            f'<p class="govuk-body-s govuk-!-margin-bottom-1">{rating} Read '
            f'<time datetime="{iso}">{words}</time>.{page_date}</p>'
            f"{explained}</li>"
        )
    return "".join(items)
