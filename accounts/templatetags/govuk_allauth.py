"""Filters that let allauth's own page templates come out as GOV.UK pages."""

from django import template
from django.forms import BoundField
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


# allauth's headings, titles and buttons that GOV.UK words differently (whole texts).
GOVUK_TITLES = {
    "signup": "Create an account",
    "sign up": "Create an account",
    "sign up closed": "You cannot create an account at the moment",
    "sign in": "Sign in",
    "sign out": "Sign out",
    "verify your email address": "Check your email",
    "password reset": "Reset your password",
    "change password": "Change your password",
}
# allauth's sentences, reworded where they appear in its paragraphs.
GOVUK_SENTENCES = {
    "Follow the link provided to finalize the signup process.": "Follow the link in it to "
    "finish creating your account.",
    "finalize the signup process": "finish creating your account",
    "Please confirm that": "Confirm that",
}


@register.filter(is_safe=True)
def sentence_case(text: str) -> str:
    """'Confirm Email Address' -> 'Confirm email address' (GOV.UK headings, titles, buttons),
    and allauth's own wording ("Signup") in GOV.UK's ("Create an account").

    Only plain words are changed: text with markup in it is returned as it was.
    """
    text = " ".join(str(text).split())
    if not text or strip_tags(text) != text:
        return text
    if text.lower() in GOVUK_TITLES:
        return GOVUK_TITLES[text.lower()]
    return text[0].upper() + text[1:].lower()


@register.filter(is_safe=True)
def govuk_wording(text: str) -> str:
    """allauth's sentences in GOV.UK wording (the text is already escaped by allauth)."""
    text = str(text)
    for theirs, ours in GOVUK_SENTENCES.items():
        text = text.replace(theirs, ours)
    return mark_safe(text)


@register.filter
def govuk_field_group(field: BoundField) -> SafeString:
    """A field through Django's (GOV.UK) form templates, without any placeholder."""
    field.field.widget.attrs.pop("placeholder", None)
    return mark_safe(field.as_field_group())
