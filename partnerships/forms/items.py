"""Things a case study has several of: partners, source links, and its evaluation report."""

import itertools

from django import forms
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from partnerships.models import Organisation, Partnership, PartnershipMember, Region, Source
from partnerships.uploads import validate_pdf

NATIONAL = "national"


def region_choices() -> list[tuple[str, str]]:
    return [
        ("", "Choose a region"),
        *Region.objects.values_list("slug", "name"),
        (NATIONAL, "Works across England and Wales (a national body)"),
    ]


class AddPartnerForm(forms.Form):
    """Choose an organisation in the directory, or name a new one (editors confirm it).

    A new name is matched, ignoring case, only against confirmed organisations (that one is
    used, and the page says so with its kind) and the contributor's own unconfirmed ones with
    the same kind and region. Otherwise a new unconfirmed organisation is made with exactly
    what was typed: another contributor's unconfirmed organisation is never reused, because
    its spelling and kind are theirs. Editors merge duplicates when they review.
    """

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
        error_messages={"invalid_choice": "Select a kind of organisation from the list"},
    )
    new_region = forms.ChoiceField(
        label="Region it works in",
        help_text="Where its work is based. Choose the national option for bodies that work "
        "across England and Wales.",
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
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

    def __init__(self, *args, partnership: Partnership, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.user = user
        self.fields["new_region"].choices = region_choices()
        # The organisation the partner will be, once clean() has worked it out (None: a new
        # one is made on save), and whether a typed name turned out to be a listed one.
        self.organisation: Organisation | None = None
        self.matched_listed = False

    def has_entries(self) -> bool:
        """Did the contributor type or choose anything in the "Add a partner" fields?"""
        names = ["organisation", "new_name", "new_kind", "new_region", "role", "description"]
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in names)

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
        elif chosen:
            self.organisation = chosen
        elif name:
            listed = Organisation.objects.filter(name__iexact=name, is_confirmed=True).first()
            if listed:
                self.organisation, self.matched_listed = listed, True
            else:
                self._clean_new(cleaned, name)
        if (
            self.organisation
            and self.partnership.members.filter(organisation=self.organisation).exists()
        ):
            field = "new_name" if name and not chosen else "organisation"
            self.add_error(field, f"{self.organisation.name} is already a partner")
        return cleaned

    def _clean_new(self, cleaned: dict, name: str) -> None:
        kind, region = cleaned.get("new_kind"), cleaned.get("new_region")
        if not kind and "new_kind" not in self.errors:
            self.add_error("new_kind", "Select what kind of organisation it is")
        if not region and "new_region" not in self.errors:
            self.add_error("new_region", "Select the region the organisation works in")
        if kind and region and self.user is not None:
            self.organisation = Organisation.objects.filter(
                name=name,
                kind=kind,
                region__slug=None if region == NATIONAL else region,
                is_confirmed=False,
                added_by=self.user,
            ).first()

    def save(self) -> PartnershipMember:
        organisation = self.organisation or self._new_organisation()
        return PartnershipMember.objects.create(
            partnership=self.partnership,
            organisation=organisation,
            role=self.cleaned_data["role"],
            description=self.cleaned_data["description"],
        )

    def _new_organisation(self) -> Organisation:
        """An unconfirmed organisation with exactly the name, kind and region typed. Two
        people adding the same name at once race for the slug: the loser takes the next."""
        region = self.cleaned_data["new_region"]
        fields = {
            "name": self.cleaned_data["new_name"].strip(),
            "kind": self.cleaned_data["new_kind"],
            "region": None if region == NATIONAL else Region.objects.get(slug=region),
            "is_confirmed": False,
            "added_by": self.user,
        }
        base = slugify(fields["name"])[:180].strip("-") or "organisation"
        for n in itertools.count(1):
            slug = base if n == 1 else f"{base}-{n}"
            if Organisation.objects.filter(slug=slug).exists():
                continue
            try:
                with transaction.atomic():
                    return Organisation.objects.create(slug=slug, **fields)
            except IntegrityError:
                continue  # taken a moment ago by someone else: try the next
        raise AssertionError("unreachable")


class AddSourceForm(forms.ModelForm):
    url = forms.URLField(
        label="Web address",
        max_length=1000,
        assume_scheme="https",
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
        self.initial.pop("kind", None)  # GOV.UK: no radio is pre-selected
        self.fields["kind"].initial = None
        self.fields["kind"].error_messages["required"] = "Select what the link is"

    def has_entries(self) -> bool:
        """Did the contributor type or choose anything in the "Add a link" fields?"""
        names = ["title", "url", "kind"]
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in names)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        # URLField's own check allows ftp:// too; one message for every bad address.
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(self.fields["url"].error_messages["invalid"])
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
