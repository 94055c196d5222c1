"""The finder's facet options, rendered in Python: a facet can have thousands of options (partner
organisations), too many for the template engine or format_html to render quickly. Every value
and label goes through html.escape (quotes included) before the markup is marked safe.
"""

from functools import lru_cache
from html import escape as html_escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Option labels and values repeat on every request: escape each once.
escape = lru_cache(maxsize=16384)(html_escape)


def _count_text(count: int) -> str:
    return f"{count} case stud{'y' if count == 1 else 'ies'}"


@register.simple_tag
def facet_choice_items(facet, id_prefix: str) -> SafeString:
    """GOV.UK checkbox (several) or radio (one) items for a facet's options, with counts."""
    kind = "checkboxes" if facet.multiple else "radios"
    input_type = "checkbox" if facet.multiple else "radio"
    name, prefix = escape(facet.key), escape(id_prefix)
    return mark_safe(
        "\n".join(
            f'<div class="govuk-{kind}__item">'
            f'<input class="govuk-{kind}__input" id="{prefix}-{number}" name="{name}" '
            f'type="{input_type}" value="{escape(option.value)}"'
            f"{' checked' if option.selected else ''}"
            f"{'' if option.available else ' disabled'}>"
            f'<label class="govuk-label govuk-{kind}__label" for="{prefix}-{number}">'
            # The count is shown as "(14)" and read as "(14 case studies)", once.
            f'{escape(option.label)} <span class="app-facet-count" aria-hidden="true">'
            f'({option.count})</span><span class="govuk-visually-hidden"> '
            f"({_count_text(option.count)})</span>"
            "</label></div>"
            for number, option in enumerate(facet.shown, start=1)
        )
    )


@register.simple_tag
def facet_any_radio(facet, id_prefix: str) -> SafeString:
    prefix, name = escape(id_prefix), escape(facet.key)
    checked = "" if facet.selected else " checked"
    return mark_safe(
        f'<div class="govuk-radios__item"><input class="govuk-radios__input" id="{prefix}-any" '
        f'name="{name}" type="radio" value=""{checked}><label class="govuk-label '
        f'govuk-radios__label" for="{prefix}-any">Any</label></div>'
    )


@register.filter
def can_narrow(finder) -> bool:
    """Whether the filter panel is worth showing: something is chosen (so it can be removed), or
    some option would give fewer case studies than now but not none. A theme or organisation page
    with a handful of case studies otherwise showed thousands of "(0)" options."""
    if finder.active:
        return True
    return any(facet.narrows for facet in finder.facets) or any(
        0 < option.count < finder.total and not option.selected
        for facet in finder.facets
        if facet.widget != "hidden"
        for option in facet.options
    )
