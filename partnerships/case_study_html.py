"""The repeated parts of a case study's page written in Python: its force areas, theme tags,
population groups, partners' table rows, sources, related case studies, public history and what
the research says (evidence resources, which a theme's page lists too).
Each is a loop of a few elements per item, and the template engine is slow over loops (the page
itself, includes/partnership_body.html and its neighbours, keep the structure and call these
through the `case_study` template filters). The markup is what the templates gave, item for item;
everything from the data is escaped here (tests/partnerships/test_case_study_html.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # the standard library's: no lazy-string check per call

from django.utils import timezone
from django.utils.dates import MONTHS

from partnerships.models import PartnershipMember, Source

# get_role_display() and get_kind_display() without their per-call lookup of the choices.
ROLE_LABELS = dict(PartnershipMember.Role.choices)
SOURCE_KINDS = dict(Source.Kind.choices)


def _text(value) -> str:
    return escape(str(value))


def day(when) -> tuple[str, str]:
    """(the `datetime` attribute, the words) of a date or an aware time, as `|date:'Y-m-d'` and
    `|date:"j F Y"` give them (a time in the current time zone, as templates show it)."""
    if getattr(when, "tzinfo", None) is not None:
        when = timezone.localtime(when)
    year, month, number = when.year, when.month, when.day
    return f"{year:04d}-{month:02d}-{number:02d}", f"{number} {MONTHS[month]} {year:04d}"


def force_links(forces: Iterable) -> str:
    links = [
        f'<a class="govuk-link" href="{_text(f.get_absolute_url())}">{_text(f.name)}</a>'
        for f in forces
    ]
    return ", ".join(links) or "Not stated"


def theme_tags(themes: Iterable) -> str:
    items = [
        f'<li><a class="govuk-link app-tag-link" href="{_text(t.get_absolute_url())}">'
        f'<strong class="govuk-tag govuk-tag--{"blue" if t.is_priority else "grey"}">'
        f"{_text(t.name)}</strong></a></li>"
        for t in themes
    ]
    return "".join(items) or "<li>None</li>"


def group_names(groups: Iterable) -> str:
    return "; ".join(_text(g.name) for g in groups) or "Not stated"


def partner_rows(members: Iterable) -> str:
    rows = []
    for member in members:
        organisation = member.organisation
        name = _text(organisation.name)
        if organisation.is_confirmed:
            url = _text(organisation.get_absolute_url())
            name = f'<a class="govuk-link" href="{url}">{name}</a>'
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
    return "".join(
        '<li class="app-related__item">'
        '<a class="govuk-link govuk-!-font-weight-bold" '
        f'href="{_text(item.partnership.get_absolute_url())}">{_text(item.partnership.title)}</a>'
        '<p class="govuk-body-s govuk-!-margin-bottom-1 app-related__reason">'
        f"{_text(item.reason)}</p>"
        f'<p class="govuk-body-s">{_text(item.partnership.summary)}</p>'
        "</li>"
        for item in related
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
