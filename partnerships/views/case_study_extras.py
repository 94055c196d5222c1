"""What a case study's public page shows, read once per change: the case study itself, related
case studies, its public history and what the research says. Kept apart from the finder's views
so each part can be wired (the neighbouring force areas) and budgeted on its own.

The case study is its row (a model instance, no relations fetched) and its `parts`, plain data
read as values (partnerships/case_study_parts.py: themes and population groups from the facet
index when it is as new as the data); the editors' preview builds the same parts from its
instance, so includes/partnership_body.html and opendata.jsonld read one shape. What the
research says comes from evidence/research.py, which reads the few evidence resources once for
the key the page data is remembered by.

`case_study_page(slug)` remembers the page's data (never its markup: the template renders it on
every request) per process, MEMO_SIZE case studies, the least recently used forgotten first,
keyed by the change stamp (partnerships/change_stamp.py) and the index's own stamp. The stamp
moves on every change to a published case study, its partners, themes and places, and with each
step that writes its history or sources (publishing, an approved revision, archiving, a review
confirmation and the admin's change form all save the case study's row): an approved edit shows
at once. What the research says (evidence resources, kept by editors in the admin) is not watched
by the stamp, nor is a review confirmation changed on its own admin page, so the data is also
kept at most settings.PAGE_CACHE_SECONDS, as whole pages are by the page cache and open-data
records by opendata/records.py.
"""

import time
from collections.abc import Callable, Hashable, Iterable, Mapping

from django.conf import settings
from django.http import Http404

from opendata.jsonld import case_study_jsonld, script_safe_json
from partnerships import facet_index
from partnerships.case_study_parts import CaseStudyParts, parts_of, read_parts
from partnerships.history.public import public_history
from partnerships.memory import Memo
from partnerships.models import Partnership
from partnerships.related import related
from practice.geography import neighbouring_areas

# Force ONS code -> its neighbours' codes, from the force-area boundaries (practice.geography).
NEIGHBOURS: Callable[[], Mapping[str, Iterable[str]]] | None = neighbouring_areas

MEMO_SIZE = 256  # case studies' page data kept per process (tens of KB each)

_memo = Memo(MEMO_SIZE)


def case_study_extras(
    partnership,
    index: facet_index.FacetIndex | None = None,
    parts: CaseStudyParts | None = None,
    research_key: Hashable | None = None,
) -> dict:
    """Context for partnerships/partnership_detail.html: `related`, `history`, `research`.
    `partnership` is a published case study's row; `parts` its tags, partners and sources
    (partnerships.case_study_parts), or else read from its relations. What the research says
    comes from evidence.research, read once for `research_key`, or else from the database."""
    from evidence import research
    from evidence.models import EvidenceResource

    neighbours = NEIGHBOURS() if NEIGHBOURS else None
    if research_key is None:
        found = EvidenceResource.objects.for_partnership(partnership)
    else:
        themes = (parts or parts_of(partnership)).themes
        found = research.research_for(partnership.pk, [t.slug for t in themes], key=research_key)
    return {
        "related": related(partnership, parts=parts, index=index, neighbours=neighbours),
        "history": public_history(partnership),
        "research": found,
    }


def case_study_page(slug: str) -> dict:
    """The context of the published case study `slug`'s page (`partnership`, its `parts`,
    case_study_extras and `jsonld`), remembered while nothing published changes; Http404 if
    there is none (a miss is not remembered). Shared between requests: callers must not change
    it. Its row is a model instance without relations: everything else is plain data."""
    index, stamp = facet_index.index_and_stamp()
    period = int(time.time() // max(1, getattr(settings, "PAGE_CACHE_SECONDS", 300)))

    def read() -> dict:
        try:
            partnership = Partnership.objects.published().get(slug=slug)
        except Partnership.DoesNotExist:
            raise Http404("No case study found matching the query") from None
        parts = read_parts(partnership.pk, index if index.stamp == stamp else None)
        return {
            "partnership": partnership,
            "parts": parts,
            **case_study_extras(partnership, index, parts, research_key=(stamp, period)),
            # The page's schema.org description, as the JSON text {% jsonld %} writes out
            "jsonld": script_safe_json(case_study_jsonld(partnership, parts)),
            "preview": False,  # includes/partnership_body.html asks (a name not found costs more)
        }

    return _memo.get((stamp, index.stamp, period, slug), read)


def forget() -> None:
    """Empty the memo (the benchmark's first-time figures)."""
    _memo.clear()
