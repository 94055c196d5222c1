"""The contact form, with its spam defences: a honeypot field, a minimum time on the page
(a signed timestamp), and a limit on web addresses in the message."""

import re
import time

from django import forms

from jobs import links

MINIMUM_SECONDS = 3
MAXIMUM_LINKS = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def started_token() -> str:
    return links.make("contact-form", int(time.time()))


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=100,
        error_messages={
            "required": "Enter your name",
            "max_length": "Your name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your e-mail address",
        help_text="They will reply to this address. We send you a copy of your message.",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.CharField(
        label="Your organisation (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "Your organisation must be 150 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    message = forms.CharField(
        label="Your message",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"At most 3,000 characters and {MAXIMUM_LINKS} web addresses.",
        error_messages={
            "required": "Enter your message",
            "max_length": "Your message must be 3,000 characters or fewer",
        },
    )
    # Hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(widget=forms.HiddenInput)

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if len(LINK.findall(message)) > MAXIMUM_LINKS:
            raise forms.ValidationError(
                f"Your message can have at most {MAXIMUM_LINKS} web addresses"
            )
        return message

    def clean_started(self) -> int:
        try:
            started = int(links.read("contact-form", self.cleaned_data["started"], max_age=86400))
        except (links.BadLink, ValueError) as error:
            raise forms.ValidationError(
                "The form has expired. Copy your message, reload the page and send it again"
            ) from error
        if time.time() - started < MINIMUM_SECONDS:
            raise forms.ValidationError("That was very quick. Check your message and send it again")
        return started

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
