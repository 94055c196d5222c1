"""The editors' rating rule, for the About page."""

from django import template

from partnerships import evidence_rules

register = template.Library()


@register.simple_tag
def rating_rule() -> list[tuple[str, str]]:
    return evidence_rules.rating_rule()
