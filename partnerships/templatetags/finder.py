"""The finder's repeated markup, rendered in Python: a facet can have thousands of options
(partner organisations), too many for the template engine or format_html to render quickly, and
the hidden fields, the sort's options and the selected filters repeat on every finder page. Every
value and label goes through html.escape (quotes included) before the markup is marked safe;
tests/partnerships/test_finder_markup.py compares each with the template markup it replaced.
"""

from functools import lru_cache
from html import escape as html_escape
from itertools import groupby

from django import template
from django.template.defaultfilters import truncatechars
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from partnerships.ascii_html import ascii_html
from partnerships.memory import Memo
from partnerships.templatetags.directory import add_ticks

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


# A facet's fieldset (templates/partnerships/includes/facet.html) depends only on its
# CountedFacet (a frozen dataclass: equal facets give equal markup), so it is rendered once per
# distinct counted facet and kept, written in ASCII (partnerships/ascii_html.py). The template
# reads nothing but `facet` and constants.
_facets = Memo(1024)


@register.simple_tag
def facet_fieldsets(facets) -> SafeString:
    """Every facet's part of the filter panel, in order (facet.html for each)."""
    facet_template = get_template("partnerships/includes/facet.html")
    found = _facets.get_many(
        list(facets),
        lambda missing: {
            facet: ascii_html(facet_template.render({"facet": facet})) for facet in missing
        },
    )
    return mark_safe("".join(found[facet] for facet in facets))


def forget() -> None:
    """Empty the remembered facets (tests that change a facet's template or settings)."""
    _facets.clear()


def _hidden(pairs) -> str:
    return "".join(
        f'<input type="hidden" name="{escape(str(key))}" value="{html_escape(str(value))}">'
        for key, value in pairs
    )


@register.simple_tag
def hidden_fields(selection, *left_out: str, compare=()) -> SafeString:
    """Hidden fields carrying the selection's parameters (but those named in `left_out`), then
    the case studies ticked for comparison (`compare`), for a form that changes the rest."""
    return hidden_inputs(selection.params(), *left_out, compare=compare)


def hidden_inputs(params, *left_out: str, compare=()) -> SafeString:
    """hidden_fields for a selection's `params()`, read once for several forms."""
    pairs = [(key, value) for key, value in params if key not in left_out]
    return mark_safe(_hidden(pairs) + _hidden(("compare", pk) for pk in compare or ()))


@register.simple_tag
def sort_options(finder) -> SafeString:
    """The sort select's options, the finder's sort selected."""
    return mark_safe(
        "".join(
            f'<option value="{escape(key)}"{" selected" if key == finder.sort else ""}>'
            f"{escape(label)}</option>"
            for key, label in finder.sorts
        )
    )


@register.simple_tag(takes_context=True)
def selected_filter_groups(context, active) -> SafeString:
    """The selected filters under their facets' headings (consecutive choices of one facet
    together, as `{% regroup %}` grouped them), each a link that removes it and keeps the ticks.
    Written in ASCII, as the facets' fieldsets are (an option's name may not be)."""
    ticks = context.get("compare_query") or ""
    parts = []
    for label, items in groupby(active, key=lambda item: item.facet_label):
        parts.append(
            f'<h3 class="govuk-heading-s govuk-!-margin-bottom-0">{html_escape(label)}</h3>'
            '<ul class="moj-filter-tags">'
        )
        parts += (
            '<li><a class="moj-filter__tag" '
            f'href="{html_escape(add_ticks(item.remove_url, ticks))}">'
            '<span class="govuk-visually-hidden">Remove this filter: </span>'
            f"{html_escape(item.label)}</a></li>"
            for item in items
        )
        parts.append("</ul>")
    return mark_safe(ascii_html("".join(parts)))


@register.filter(is_safe=True)
def truncated(text, length) -> str:
    """`truncatechars` (the same output) without its translation look-up when nothing needs
    cutting: the finder's title shows the search's words, usually short."""
    text = str(text)
    if text.isascii() and len(text) <= int(length):
        return text
    return truncatechars(text, length)
