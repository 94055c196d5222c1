"""{% practice_link finder %}: the finder's "See where this practice is" link, to /practice/ with
the same filters (and the page's own scope, on a theme's, organisation's or force area's page);
and `{{ table|coverage_table }}`, a table of /practice/, and the page's short lists (filters
for practice/render.py)."""

from django import template
from django.utils.html import format_html

from practice import render
from practice.tables import practice_url

register = template.Library()

# The pages whose finder is scoped, and the filter their scope is: view name -> facet key.
SCOPED_VIEWS = {
    "themes:detail": "theme",
    "partnerships:organisation": "partner",
    "practice:area": "force",
}


@register.simple_tag(takes_context=True)
def practice_link(context, finder) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    scope = {}
    if match and match.view_name in SCOPED_VIEWS and "slug" in match.kwargs:
        key, value = SCOPED_VIEWS[match.view_name], match.kwargs["slug"]
        if not finder.index.option_mask(key, value):
            return ""  # nothing published there: the practice page would have nothing to show
        scope = {key: value}
    url = practice_url(finder.selection, **scope)
    return format_html(
        '<p class="govuk-body app-practice-link"><a class="govuk-link" href="{}">'
        "See where this practice is</a></p>",
        url,
    )


register.filter("coverage_table", render.table_html)
register.filter("figure_items", render.figure_items)
register.filter("legend_items", render.legend_items)
register.filter("london_links", render.london_links)
register.filter("order_choices", render.order_choices)
