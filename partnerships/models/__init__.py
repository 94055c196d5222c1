from partnerships.models.organisations import Organisation, Region
from partnerships.models.partnership import (
    EVIDENCE_LEVELS,
    Partnership,
    PartnershipMember,
    Source,
    published_q,
)

__all__ = [
    "EVIDENCE_LEVELS",
    "published_q",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "Region",
    "Source",
]
