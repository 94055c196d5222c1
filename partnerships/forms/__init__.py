"""Forms for contributors (the submission sections) and editors (moderation)."""

from partnerships.forms.items import AddPartnerForm, AddSourceForm, ReportForm
from partnerships.forms.moderation import (
    ArchiveForm,
    MergeOrganisationForm,
    OrganisationDetailsForm,
    PublishForm,
    QueueFilterForm,
    RejectForm,
    RequestChangesForm,
)
from partnerships.forms.sections import SECTION_FORMS, SectionForm

__all__ = [
    "SECTION_FORMS",
    "AddPartnerForm",
    "AddSourceForm",
    "ArchiveForm",
    "MergeOrganisationForm",
    "OrganisationDetailsForm",
    "PublishForm",
    "QueueFilterForm",
    "RejectForm",
    "ReportForm",
    "RequestChangesForm",
    "SectionForm",
]
