"""Editors' decisions on a case study, and the queue's filter."""

from django import forms

from partnerships.models import EVIDENCE_LEVELS, Organisation, Partnership, Region


class PublishForm(forms.Form):
    evidence_rating = forms.TypedChoiceField(
        label="Evidence rating (checked by you)",
        help_text="The strongest evaluation you have checked, on the Maryland Scientific "
        "Methods Scale.",
        choices=[(level, f"{label}: {text}") for level, (label, text) in EVIDENCE_LEVELS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the evidence rating you checked"},
    )
    confirm_organisations = forms.BooleanField(
        required=False,
        error_messages={"required": "Confirm the new organisations, or merge them first"},
    )
    comment = forms.CharField(
        label="Note to the contributor (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, new_organisations: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["confirm_organisations"]
        if new_organisations:
            names = ", ".join(org.name for org in new_organisations)
            field.required = True
            field.label = f"Confirm the new organisations: {names}"
            field.help_text = "They get public pages. Merge any that are already listed first."
        else:
            del self.fields["confirm_organisations"]


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        help_text="The contributor sees this and gets it by email.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the contributor needs to change"},
    )


class RejectForm(forms.Form):
    comment = forms.CharField(
        label="Reason for rejecting",
        help_text="The contributor sees this and gets it by email.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reason for rejecting the case study"},
    )


class ArchiveForm(forms.Form):
    comment = forms.CharField(
        label="Reason for archiving (optional)",
        help_text="The case study leaves the public directory. The contributor is told.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MergeOrganisationForm(forms.Form):
    """Which listed organisation an unconfirmed one really is. The choices are given by the
    view, read once for all the merge forms on a review page."""

    into = forms.TypedChoiceField(
        label="Same organisation as",
        coerce=int,
        error_messages={
            "required": "Choose the organisation to merge it into",
            "invalid_choice": "Choose an organisation from the list",
        },
    )

    def __init__(self, *args, choices: list[tuple], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [("", "Choose the organisation already listed"), *choices]

    def clean_into(self) -> Organisation:
        organisation = Organisation.objects.filter(
            pk=self.cleaned_data["into"], is_confirmed=True
        ).first()
        if organisation is None:
            raise forms.ValidationError("Choose an organisation from the list")
        return organisation


class OrganisationDetailsForm(forms.Form):
    """An editor sets or corrects a new organisation's kind and region before confirming it.
    `regions` is [(pk, name)], read once by the view for every form on the page."""

    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=Organisation.Kind.choices,
        error_messages={
            "required": "Select what kind of organisation it is",
            "invalid_choice": "Select a kind of organisation from the list",
        },
    )
    region = forms.TypedChoiceField(
        label="Region",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )

    def __init__(self, *args, organisation: Organisation, regions: list[tuple], **kwargs):
        initial = {"kind": organisation.kind, "region": organisation.region_id}
        super().__init__(*args, initial=initial, **kwargs)
        self.organisation = organisation
        self.fields["region"].choices = [("", "National (England and Wales)"), *regions]

    def save(self) -> Organisation:
        self.organisation.kind = self.cleaned_data["kind"]
        self.organisation.region_id = self.cleaned_data["region"]
        self.organisation.save(update_fields=["kind", "region"])
        return self.organisation


def region_choices() -> list[tuple[int, str]]:
    return list(Region.objects.values_list("pk", "name"))


def confirmed_organisation_choices() -> list[tuple[int, str]]:
    return list(Organisation.objects.filter(is_confirmed=True).values_list("pk", "name"))


QUEUE_STATUSES = [
    (status.value, status.label) for status in Partnership.Status if status != "draft"
]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=QUEUE_STATUSES,
        required=False,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
