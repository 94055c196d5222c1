"""Template tags for open data: the download and feed links under every finder, and a case
study's schema.org JSON-LD."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from opendata.jsonld import ScriptSafeJson, case_study_jsonld, script_safe_json
from opendata.scope import query_string
from partnerships.addresses import address

register = template.Library()


@register.inclusion_tag("opendata/includes/finder_links.html", takes_context=True)
def finder_links(context) -> dict:
    """Links to the CSVs, JSON and Atom feed of the finder on this page (its filters, words,
    sort and scope: `finder_scope` in the context, as partnerships.views.public sets it)."""
    finder = context["finder"]
    query = query_string(finder, context.get("finder_scope"))
    suffix = f"?{query}" if query else ""
    return {
        "total": finder.total,
        "csv_url": address("opendata:csv") + suffix,
        "partners_url": address("opendata:partners_csv") + suffix,
        "json_url": address("opendata:json") + suffix,
        "feed_url": address("opendata:feed") + suffix,
        "about_url": address("opendata:page"),
    }


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
