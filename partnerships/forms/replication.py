"""The optional submission section "Cost, staffing and what it takes to replicate": the facts a
commissioner needs before copying the work. Every answer may be left empty."""

from django import forms

from partnerships.forms.sections import SectionForm
from partnerships.models import Partnership
from partnerships.models.choices import PREVENTION_LEVEL_HINTS, PreventionLevel


def prevention_choices() -> list[tuple[str, str]]:
    """Each level with its plain-English hint, as the radios show it."""
    return [
        (
            level.value,
            f"{level.label}: {PREVENTION_LEVEL_HINTS[level][:1].lower()}"
            f"{PREVENTION_LEVEL_HINTS[level][1:]}",
        )
        for level in PreventionLevel
    ]


class ReplicationForm(SectionForm):
    required_when_complete: dict[str, str] = {}

    class Meta:
        model = Partnership
        fields = [
            "funding",
            "cost_band",
            "staffing",
            "prevention_level",
            "referral_route",
            "replication_needs",
        ]
        labels = {
            "funding": "Who funds the work (optional)",
            "cost_band": "Roughly what does the work cost a year? (optional)",
            "staffing": "Staffing (optional)",
            "prevention_level": "Level of prevention (optional)",
            "referral_route": "How are people referred or found? (optional)",
            "replication_needs": "What would someone need to replicate it? (optional)",
        }
        help_texts = {
            "funding": "Who pays for it, and the amount if that is public. For example, "
            "Police and crime commissioner, £120,000 a year for 3 years",
            "cost_band": "Include staff, premises and any commissioned services.",
            "staffing": "Roles and numbers in plain words. For example, 2 mental health "
            "nurses and 1 police sergeant, 7 days a week",
            "prevention_level": "Choose the one that fits best.",
            "referral_route": "For example, police officers call the team from the street, or "
            "A&E staff refer patients",
            "replication_needs": "The agreements, data sharing, training, money or people it "
            "depends on.",
        }
        widgets = {
            "funding": forms.Textarea(attrs={"rows": 3}),
            "cost_band": forms.RadioSelect,
            "staffing": forms.Textarea(attrs={"rows": 3}),
            "prevention_level": forms.RadioSelect,
            "referral_route": forms.Textarea(attrs={"rows": 3}),
            "replication_needs": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "cost_band": {"invalid_choice": "Select a cost band from the list"},
            "prevention_level": {"invalid_choice": "Select a level of prevention from the list"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prevention_level"].choices = prevention_choices()
