"""What a case study's public page shows besides the case study itself: related case studies,
its public history and what the research says. Kept apart from the finder's views so each part
can be wired (the neighbouring force areas) and budgeted on its own."""

from collections.abc import Callable, Iterable, Mapping

from partnerships.history.public import public_history
from partnerships.related import related
from practice.geography import neighbouring_areas

# Force ONS code -> its neighbours' codes, from the force-area boundaries (practice.geography).
NEIGHBOURS: Callable[[], Mapping[str, Iterable[str]]] | None = neighbouring_areas


def case_study_extras(partnership) -> dict:
    """Context for partnerships/partnership_detail.html: `related`, `history`, `research`.
    `partnership` comes from Partnership.objects.published().for_detail()."""
    from evidence.models import EvidenceResource

    return {
        "related": related(partnership, neighbours=NEIGHBOURS() if NEIGHBOURS else None),
        "history": public_history(partnership),
        "research": EvidenceResource.objects.for_partnership(partnership),
    }
