"""Filters that let allauth's own page templates come out as GOV.UK pages."""

from django import template
from django.forms import BoundField
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter(is_safe=True)
def sentence_case(text: str) -> str:
    """'Confirm Email Address' -> 'Confirm email address' (GOV.UK headings, titles, buttons).

    Only plain words are changed: text with markup in it is returned as it was.
    """
    text = " ".join(str(text).split())
    if not text or strip_tags(text) != text:
        return text
    return text[0].upper() + text[1:].lower()


@register.filter
def govuk_field_group(field: BoundField) -> SafeString:
    """A field through Django's (GOV.UK) form templates, without any placeholder."""
    field.field.widget.attrs.pop("placeholder", None)
    return mark_safe(field.as_field_group())
