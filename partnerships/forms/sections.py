"""One ModelForm a section of the submission task list.

"Save and continue" binds a form with complete=True: everything the section needs is asked for.
"Save and come back later" binds it with complete=False: whatever is well-formed is saved, so a
half-finished section is kept. Either way a bad value (a year that is not a number, too long a
summary) is shown on the page with what was typed, and nothing is saved.
"""

from django import forms

from partnerships.models import Partnership
from themes.models import PopulationGroup, Theme

YEAR_ERRORS = {
    "invalid": "Enter a year as 4 digits, like 2016",
    "min_value": "Enter a year from 1950 onwards",
    "max_value": "Enter a year before 2100",
}


class SectionForm(forms.ModelForm):
    # field name -> the error shown when it is missing on "Save and continue"
    required_when_complete: dict[str, str] = {}

    def __init__(self, *args, complete: bool = True, answered: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.complete = complete
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0] != ""]
                if not answered and self._is_default(name):
                    # GOV.UK: never pre-select a radio. A value still at the model's default
                    # in a section not yet completed is one nobody chose, so none is shown.
                    self.initial[name] = None
            field.required = complete and name in self.required_when_complete
            if name in self.required_when_complete:
                field.error_messages["required"] = self.required_when_complete[name]

    def _is_default(self, name: str) -> bool:
        try:
            model_field = self.instance._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field
            return True
        return getattr(self.instance, name) == model_field.get_default()


def year_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=1950,
        max_value=2099,
        error_messages=YEAR_ERRORS,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )


class AboutForm(SectionForm):
    required_when_complete = {
        "title": "Enter the name of the partnership",
        "summary": "Enter a summary",
        "work_state": "Select the state of the work",
        "scale": "Select the scale of the work",
    }
    start_year = year_field("Year the work started (optional)")
    end_year = year_field(
        "Year the work ended (optional)", "Leave empty if the work is still going on."
    )

    class Meta:
        model = Partnership
        fields = ["title", "summary", "start_year", "end_year", "work_state", "scale"]
        labels = {"title": "Name of the partnership", "work_state": "State of the work"}
        help_texts = {
            "title": "For example, Cleveland street triage",
            "summary": "At most 300 characters: what the partnership does and for whom. "
            "It is shown in lists and search results.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "class": "govuk-js-character-count"}),
            "work_state": forms.RadioSelect,
            "scale": forms.RadioSelect,
        }
        error_messages = {
            "title": {"max_length": "The name must be 200 characters or fewer"},
            "summary": {"max_length": "The summary must be 300 characters or fewer"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The character count says how many are left; the browser must not cut the text off.
        self.fields["summary"].widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year",
                "The year the work ended must be the same as or after the year it started",
            )
        return cleaned

    def clean_work_state(self):
        return self.cleaned_data["work_state"] or self.instance.work_state

    def clean_scale(self):
        return self.cleaned_data["scale"] or self.instance.scale


class TagsForm(SectionForm):
    required_when_complete = {"themes": "Select at least one theme"}

    class Meta:
        model = Partnership
        fields = ["themes", "population_groups", "police_force_areas"]
        labels = {
            "themes": "Themes",
            "population_groups": "Who the work is for (optional)",
            "police_force_areas": "Police force areas the work covers (optional)",
        }
        help_texts = {
            "themes": "Select all that apply.",
            "population_groups": "Select all that apply.",
            "police_force_areas": "Select all that apply. Leave empty for national work.",
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "population_groups": forms.CheckboxSelectMultiple,
            "police_force_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        forces = Partnership.police_force_areas.field.related_model.objects.police_forces().filter(
            is_confirmed=True
        )
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["population_groups"].queryset = PopulationGroup.objects.all()
        self.fields["police_force_areas"].queryset = forces
        # Grouped, so the page fits a screen or two: priority themes first, then the others;
        # police forces by region (the page folds them away until one is chosen).
        themes = list(Theme.objects.all())
        self.fields["themes"].choices = [
            ("Priority themes", [(t.pk, t.name) for t in themes if t.is_priority]),
            ("Other themes", [(t.pk, t.name) for t in themes if not t.is_priority]),
        ]
        by_region: dict[str, list] = {}
        for force in forces.select_related("region").order_by("region__position", "name"):
            region = force.region.name if force.region else "National"
            by_region.setdefault(region, []).append((force.pk, force.name))
        self.fields["police_force_areas"].choices = list(by_region.items())
        for name in ["population_groups", "police_force_areas"]:
            self.fields[name].widget.attrs["class"] = "govuk-checkboxes--small"


class WorkForm(SectionForm):
    required_when_complete = {
        "problem": "Describe the problem the partnership addressed",
        "approach": "Describe what was done",
        "outcomes": "Describe the outcomes",
    }

    class Meta:
        model = Partnership
        fields = ["problem", "approach", "outcomes", "learning"]
        labels = {
            "problem": "The problem it addressed",
            "approach": "What was done",
            "outcomes": "Outcomes",
            "learning": "Learning for others (optional)",
        }
        help_texts = {
            "problem": "Who was affected, and why the police and health services worked on it "
            "together.",
            "approach": "Who did what, how often, and with what resources.",
            "outcomes": "What changed, with figures where you have them. Say if it is too early "
            "to tell.",
            "learning": "What someone setting up something similar should know.",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class EvaluationForm(SectionForm):
    required_when_complete = {"evaluation_type": "Select how the work was evaluated"}

    class Meta:
        model = Partnership
        fields = ["evaluation_type", "evaluation_finding"]
        labels = {
            "evaluation_type": "How was the work evaluated?",
            "evaluation_finding": "What did the evaluation find?",
        }
        help_texts = {
            "evaluation_type": "Choose the strongest evaluation there has been. Editors check "
            "it and give an evidence rating.",
            "evaluation_finding": "Leave this if the work has not been evaluated.",
        }
        widgets = {"evaluation_type": forms.RadioSelect, "evaluation_finding": forms.RadioSelect}

    def clean_evaluation_type(self):
        return self.cleaned_data["evaluation_type"] or self.instance.evaluation_type

    def clean(self):
        cleaned = super().clean()
        evaluated = cleaned.get("evaluation_type") not in (None, "not_evaluated")
        if self.complete and evaluated and not cleaned.get("evaluation_finding"):
            self.add_error("evaluation_finding", "Select what the evaluation found")
        if cleaned.get("evaluation_type") == "not_evaluated":
            cleaned["evaluation_finding"] = ""
        return cleaned


class ContactForm(SectionForm):
    required_when_complete = {
        "contact_consent": "Select whether we may publish the contact details",
        "no_personal_data": "Confirm that the case study holds no personal data about the "
        "people your services work with",
        "conflict_of_interest": "Select whether you have a conflict of interest",
    }
    contact_consent = forms.TypedChoiceField(
        label="May we publish these contact details on the case study?",
        choices=[(True, "Yes, publish them"), (False, "No, only editors may see them")],
        coerce=lambda value: value in (True, "True"),
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = Partnership
        fields = [
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_consent",
            "no_personal_data",
            "conflict_of_interest",
            "conflict_details",
        ]
        labels = {
            "contact_name": "Contact name (optional)",
            "contact_role": "Their role (optional)",
            "contact_email": "Their email address (optional)",
            "no_personal_data": "The case study holds no personal data about the people our "
            "services work with",
            "conflict_of_interest": "Do you, or does your organisation, have a conflict of "
            "interest in this case study?",
            "conflict_details": "Describe the conflict of interest",
        }
        help_texts = {
            "contact_name": "Someone other public health staff can ask about the work.",
            "no_personal_data": "No names, photographs or details that could identify someone "
            "who used a service.",
            "conflict_of_interest": "For example, you sell a product the partnership used.",
            "conflict_details": "Editors may publish a note about it.",
        }
        widgets = {
            "conflict_of_interest": forms.RadioSelect,
            "conflict_details": forms.Textarea(attrs={"rows": 3}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        error_messages = {
            "contact_email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            }
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_consent") is None:
            cleaned["contact_consent"] = False
        if self.complete and cleaned.get("contact_consent"):
            # A field that already has an error (a mistyped address) gets no second one.
            if not cleaned.get("contact_name") and "contact_name" not in self.errors:
                self.add_error(
                    "contact_name",
                    "Enter the contact's name, or choose not to publish contact details",
                )
            if not cleaned.get("contact_email") and "contact_email" not in self.errors:
                self.add_error(
                    "contact_email",
                    "Enter the contact's email address, or choose not to publish contact details",
                )
        if (
            cleaned.get("conflict_of_interest") == "declared"
            and not cleaned.get("conflict_details", "").strip()
        ):
            if self.complete:
                self.add_error("conflict_details", "Describe the conflict of interest")
        if cleaned.get("conflict_of_interest") == "none":
            # Typed under "Yes", then "No" chosen: the hidden answer is not kept (GOV.UK).
            cleaned["conflict_details"] = ""
        return cleaned


SECTION_FORMS: dict[str, type[SectionForm]] = {
    "about": AboutForm,
    "tags": TagsForm,
    "work": WorkForm,
    "evaluation": EvaluationForm,
    "contact": ContactForm,
}


def _add_replication() -> None:
    # In its own module (partnerships/forms/replication.py), registered here.
    from partnerships.forms.replication import ReplicationForm

    SECTION_FORMS["replication"] = ReplicationForm


_add_replication()
