"""Times and dates in GOV.UK style, for the submission and moderation pages.

GOV.UK writes "7:59pm", "5pm", "midday" and "midnight", and "1 December 2026 at 7:59pm"; Django's
"a" format gives "p.m.". {% load govuk_time %}, then {{ value|govuk_datetime }} or
{{ value|govuk_time }}; {{ value|datetime_attribute }} is a valid <time datetime> value (no
microseconds).
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def govuk_time(value: datetime | None) -> str:
    if not value:
        return ""
    value = _local(value)
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    value = _local(value)
    return f"{date_format(value, 'j F Y')} at {govuk_time(value)}"


@register.filter
def datetime_attribute(value: datetime | None) -> str:
    if not value:
        return ""
    return date_format(_local(value), r"Y-m-d\TH:i:sO")
