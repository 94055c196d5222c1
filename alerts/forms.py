"""The alert forms: subscribe (an address and a frequency) and change the frequency."""

from django import forms

from alerts.models import Frequency

TOO_LONG = "This search is too long to save. Remove some filters or words."


class FrequencyField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label="How often do you want e-mails?",
            choices=Frequency.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Select how often you want e-mails"},
            **kwargs,
        )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We will send you an e-mail to check it is yours. Nothing else is sent until "
        "you follow the link in it.",
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
            "max_length": "Enter an e-mail address of 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = FrequencyField()
    page = forms.CharField(widget=forms.HiddenInput, max_length=300)
    params = forms.CharField(
        widget=forms.HiddenInput,
        max_length=8000,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )


class ChangeFrequencyForm(forms.Form):
    frequency = FrequencyField()
