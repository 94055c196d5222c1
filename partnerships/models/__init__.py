from partnerships.models.imports import SpreadsheetUpload
from partnerships.models.moderation import (
    CommentRequired,
    IncompleteCaseStudy,
    InvalidEvidenceRating,
    ModerationEvent,
    TransitionError,
    TransitionNotAllowed,
)
from partnerships.models.organisations import Organisation, Region
from partnerships.models.partnership import (
    EVIDENCE_LEVELS,
    Partnership,
    PartnershipMember,
    Source,
)
from partnerships.models.querysets import published_q, published_sql

__all__ = [
    "CommentRequired",
    "IncompleteCaseStudy",
    "InvalidEvidenceRating",
    "ModerationEvent",
    "TransitionError",
    "TransitionNotAllowed",
    "EVIDENCE_LEVELS",
    "published_q",
    "published_sql",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "Region",
    "Source",
    "SpreadsheetUpload",
]
