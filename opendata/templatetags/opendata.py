"""Template tags for open data: the download and feed links under every finder, and a case
study's schema.org JSON-LD."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from opendata.jsonld import case_study_jsonld
from opendata.scope import query_string
from partnerships.addresses import address

register = template.Library()


def _script_safe(data: str) -> str:
    """JSON text that cannot close or open markup inside <script>: <, > and & as JSON escapes
    (str.replace three times: str.translate with a mapping goes character by character)."""
    return data.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


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
    (case_study_jsonld(), as the case study page remembers it)."""
    described = partnership if isinstance(partnership, dict) else case_study_jsonld(partnership)
    data = json.dumps(described, ensure_ascii=False)  # on one line: json's C encoder
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(_script_safe(data))
    )
