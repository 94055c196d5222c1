"""A case study as schema.org JSON-LD (an Article): what it is about, where, who took part."""

from __future__ import annotations

import json

from opendata.dictionary import LICENCE_URL
from opendata.related import absolute
from partnerships.case_study_parts import CaseStudyParts, parts_of
from partnerships.models import Partnership


def case_study_jsonld(partnership: Partnership, parts: CaseStudyParts | None = None) -> dict:
    """From a case study's row and its tags and partners, `parts`
    (partnerships.case_study_parts), or else its relations (best fetched with `for_detail()`)."""
    parts = parts or parts_of(partnership)
    url = absolute(partnership.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "headline": partnership.title,
        "name": partnership.title,
        "description": partnership.summary,
        "about": [
            {"@type": "Thing", "name": theme.name, "url": absolute(theme.get_absolute_url())}
            for theme in parts.themes
        ],
        "spatialCoverage": [
            {
                "@type": "AdministrativeArea",
                "name": area.name,
                "identifier": area.pfa_code,
            }
            for area in parts.police_force_areas
        ],
        "contributor": [_organisation(member.organisation) for member in parts.members],
        "datePublished": partnership.published_at.isoformat() if partnership.published_at else None,
        "dateModified": partnership.updated_at.isoformat(),
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": "en-GB",
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


class ScriptSafeJson(str):
    """JSON text from script_safe_json(): it may stand inside a <script> element as it is."""


def script_safe_json(described: dict) -> ScriptSafeJson:
    """`described` as JSON on one line (json's C encoder) with <, > and & as JSON escapes, so
    that it can neither close nor open markup inside <script> (str.replace three times: a
    str.translate with a mapping goes character by character)."""
    data = json.dumps(described, ensure_ascii=False)
    return ScriptSafeJson(
        data.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    )


def _organisation(organisation) -> dict:
    described = {"@type": "Organization", "name": organisation.name}
    if organisation.is_confirmed:
        described["url"] = absolute(organisation.get_absolute_url())
    if organisation.external_id:
        described["identifier"] = organisation.external_id
    return described
