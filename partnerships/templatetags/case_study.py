"""Filters for the repeated parts of a case study's page, written in Python
(partnerships/case_study_html.py): `{{ parts.members|partner_rows }}` and the like,
and `{{ when|long_date }}`."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from partnerships import case_study_html

register = template.Library()


def _register(function) -> None:
    def markup(value) -> SafeString:
        return mark_safe(function(value))

    markup.__doc__ = function.__doc__
    register.filter(function.__name__, markup, is_safe=True)


for _function in (
    case_study_html.replication_rows,
    case_study_html.long_texts,
    case_study_html.force_links,
    case_study_html.theme_tags,
    case_study_html.group_names,
    case_study_html.partner_rows,
    case_study_html.source_items,
    case_study_html.related_items,
    case_study_html.history_items,
    case_study_html.research_items,
):
    _register(_function)


@register.filter(is_safe=True)
def key_facts(partnership, parts=None) -> SafeString:
    """`{{ partnership|key_facts:parts }}`: case_study_html.key_facts."""
    return mark_safe(case_study_html.key_facts(partnership, parts))


@register.filter
def long_date(when) -> str:
    """A date or an aware time as `|date:"j F Y"` gives it (the day in the current time zone);
    nothing for None. Autoescaped by the template, as `|date` is."""
    return case_study_html.day(when)[1] if when else ""
