"""Things a case study has several of: partners, source links, and its evaluation report."""

from django import forms
from django.core.validators import URLValidator
from django.utils.text import slugify

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from partnerships.uploads import validate_pdf


class AddPartnerForm(forms.Form):
    """Choose an organisation in the directory, or name a new one (editors confirm it)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_confirmed=True),
        required=False,
        empty_label="Choose an organisation",
        label="Choose an organisation in the directory",
    )
    new_name = forms.CharField(
        label="Name",
        max_length=200,
        required=False,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    new_kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Choose a kind"), *Organisation.Kind.choices],
        required=False,
    )
    role = forms.ChoiceField(
        label="Their role in the partnership",
        choices=PartnershipMember.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation's role"},
        help_text="Every case study needs at least one lead.",
    )
    description = forms.CharField(
        label="What they did (optional)",
        max_length=300,
        required=False,
        help_text="A few words, for example: Provides the mental health nurses.",
        error_messages={"max_length": "This must be 300 characters or fewer"},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean(self):
        cleaned = super().clean()
        chosen, name = cleaned.get("organisation"), cleaned.get("new_name", "").strip()
        if chosen and name:
            self.add_error(
                "new_name",
                "Either choose an organisation from the list or enter a new one, not both",
            )
        elif not chosen and not name and "new_name" not in self.errors:
            self.add_error("organisation", "Choose an organisation, or enter the name of a new one")
        elif name:
            if not cleaned.get("new_kind"):
                self.add_error("new_kind", "Select what kind of organisation it is")
            existing = Organisation.objects.filter(name__iexact=name, is_confirmed=True).first()
            if existing:
                self.add_error(
                    "new_name",
                    f"{existing.name} is already in the directory: choose it from the list",
                )
        if chosen and self.partnership.members.filter(organisation=chosen).exists():
            self.add_error("organisation", f"{chosen.name} is already a partner")
        return cleaned

    def save(self) -> PartnershipMember:
        organisation = self.cleaned_data["organisation"]
        if organisation is None:
            organisation = self._new_organisation()
        member, _ = PartnershipMember.objects.update_or_create(
            partnership=self.partnership,
            organisation=organisation,
            defaults={
                "role": self.cleaned_data["role"],
                "description": self.cleaned_data["description"],
            },
        )
        return member

    def _new_organisation(self) -> Organisation:
        """An unconfirmed organisation; one of the same name someone else added is reused."""
        name, kind = self.cleaned_data["new_name"].strip(), self.cleaned_data["new_kind"]
        existing = Organisation.objects.filter(name__iexact=name, is_confirmed=False).first()
        if existing:
            return existing
        base = slugify(name)[:180].strip("-") or "organisation"
        slug, n = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return Organisation.objects.create(name=name, slug=slug, kind=kind, is_confirmed=False)


class AddSourceForm(forms.ModelForm):
    url = forms.URLField(
        label="Web address",
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="For example, https://www.example.org/evaluation-report",
        error_messages={
            "required": "Enter the web address",
            "invalid": "Enter a web address in the correct format, like "
            "https://www.example.org/report",
            "max_length": "The web address must be 1000 characters or fewer",
        },
    )

    class Meta:
        model = Source
        fields = ["title", "url", "kind"]
        labels = {"title": "Title of the page or document", "kind": "What it is"}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "title": {
                "required": "Enter the title of the page or document",
                "max_length": "The title must be 300 characters or fewer",
            },
        }

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if self.partnership.sources.filter(url=url).exists():
            raise forms.ValidationError("You have already added this web address")
        return url

    def save(self, commit: bool = True) -> Source:
        self.instance.partnership = self.partnership
        self.instance.position = self.partnership.sources.count()
        return super().save(commit=commit)


class ReportForm(forms.Form):
    report = forms.FileField(
        label="Upload an evaluation report (optional)",
        help_text="A PDF of at most 10 MB. It is published with the case study.",
        validators=[validate_pdf],
        error_messages={"required": "Select a PDF file", "empty": "The selected file is empty"},
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
