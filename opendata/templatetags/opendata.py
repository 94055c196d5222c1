"""Template tags for open data: the download and feed links under every finder, and a case
study's schema.org JSON-LD."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from opendata.jsonld import ScriptSafeJson, case_study_jsonld, script_safe_json
from opendata.scope import query_string
from partnerships.addresses import address

register = template.Library()


@register.simple_tag(takes_context=True)
def finder_links(context) -> SafeString:
    """Links to the CSVs, JSON and Atom feed of the finder on this page (its filters, words,
    sort and scope: `finder_scope` in the context, as partnerships.views.public sets it), under
    every finder. Written here rather than by a template: the finder's body repeats on every
    finder page (tests/opendata/test_finder_links.py compares it with the template it replaced)."""
    finder = context["finder"]
    query = query_string(finder, context.get("finder_scope"))
    suffix = escape(f"?{query}" if query else "")
    total = finder.total
    downloads = ""
    if total:
        files = f" file of {total} case stud{'y' if total == 1 else 'ies'}"
        these = "this case study" if total == 1 else f"these {total} case studies"
        downloads = (
            f'<p class="govuk-body">Download {these}: <a class="govuk-link" id="download-csv" '
            f'href="{escape(address("opendata:csv"))}{suffix}" download>CSV<span '
            f'class="govuk-visually-hidden">{files}</span></a>, <a class="govuk-link" '
            f'id="download-json" href="{escape(address("opendata:json"))}{suffix}" download>JSON'
            f'<span class="govuk-visually-hidden">{files}</span></a> (and their <a '
            'class="govuk-link" id="download-partners" '
            f'href="{escape(address("opendata:partners_csv"))}{suffix}" download>partners as CSV'
            f'</a>). <a class="govuk-link" href="{escape(address("opendata:page"))}">About the '
            "data and its licence</a></p>"
        )
    return mark_safe(
        f'<div class="app-finder-links" id="finder-downloads">{downloads}<p class="govuk-body">'
        f'Get updates: <a class="govuk-link" id="atom-feed" '
        f'href="{escape(address("opendata:feed"))}{suffix}" type="application/atom+xml">Atom '
        'feed<span class="govuk-visually-hidden"> of these case studies</span></a></p></div>'
    )


@register.simple_tag
def jsonld(partnership) -> SafeString:
    """A <script type="application/ld+json"> describing the case study. It is a data block, which
    browsers never run, so the policy's `script-src 'self'` leaves it alone and the page stays
    cacheable (no nonce). Given a dict, that is the description, already worked out
    (case_study_jsonld()); given its script_safe_json() text, as the case study page remembers
    it, that text."""
    if isinstance(partnership, ScriptSafeJson):
        data = partnership
    else:
        described = partnership if isinstance(partnership, dict) else case_study_jsonld(partnership)
        data = script_safe_json(described)
    return SafeString(f'<script type="application/ld+json">{data}</script>')
