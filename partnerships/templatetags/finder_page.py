"""`{% finder_body finder_url empty_text %}`: the finder (search box, sort, results, the
"Compare selected" form, pagination, download links and the filter panel) of the list, theme,
organisation and police force area pages, written in Python; `{% filter_panel %}` the filter
panel alone (the current-practice page). The markup is partnerships/finder_html.py's, each part
from the tag that writes it elsewhere; tests/partnerships/test_finder_html.py compares it with
the template it replaced.

Search and results come first in the reading order (a phone without JavaScript reaches them
without scrolling past the filters); from desktop width the filter panel is placed on the left by
CSS. The panel is left out when no choice in it could narrow the results. The "Compare selected"
form holds the cards' "Add to comparison" checkboxes (form="compare-form"), so it works without
JavaScript and the choice lives in the address; case studies ticked on other pages are hidden
inputs in it, and "Keep ticked" reloads the page with the ticks in the address (with JavaScript,
static/js/compare-selection.js keeps them up to date as boxes are ticked).

Needs in the context what partnerships.views.public.finder_context gives: finder, results,
page_obj, page_range, notices, compare_ids, compare_query and compare_elsewhere.
"""

from django import template
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from alerts.templatetags.alerts import alert_link
from opendata.templatetags.opendata import finder_links
from partnerships import finder_html
from partnerships.memory import Memo
from partnerships.templatetags.cards import case_study_cards
from partnerships.templatetags.directory import add_ticks, pagination
from partnerships.templatetags.finder import (
    can_narrow,
    facet_fieldsets,
    hidden_inputs,
    selected_filter_groups,
    sort_options,
    truncated,
)
from practice.templatetags.practice import practice_link

register = template.Library()

# What is the same on every page for the life of the process (templates and static files change
# only with a deploy, which restarts it): the theme tags' key, the scripts' tags.
_constant = Memo(8)


def _theme_tag_key() -> str:
    return _constant.get(
        "theme-tag-key", lambda: get_template("includes/theme_tag_key.html").render()
    )


def _script(path: str) -> str:
    return _constant.get(
        path, lambda: f'<script type="module" src="{conditional_escape(static(path))}"></script>'
    )


def forget() -> None:
    """Forget the constant parts (tests that change the static files' storage)."""
    _constant.clear()


@register.simple_tag(takes_context=True)
def finder_title(context) -> SafeString:
    """The finder's page title: the words searched for (cut at 60 characters), how many match,
    and which page of how many after the first."""
    finder, page_obj = context["finder"], context.get("page_obj")
    text = finder.search.text
    words = f"“{conditional_escape(truncated(text, 60))}” – " if text.strip() else ""
    total = finder.total
    page = ""
    if page_obj is not None and page_obj.number > 1:
        page = f" (page {page_obj.number} of {page_obj.paginator.num_pages})"
    return mark_safe(f"{words}{total} case stud{'y' if total == 1 else 'ies'}{page}")


@register.simple_tag(takes_context=True)
def finder_body(context, finder_url, empty_text="") -> SafeString:
    """The whole finder, submitting to `finder_url`; `empty_text` says why nothing is listed when
    nothing is published there and nothing was chosen."""
    with context.push(finder_url=finder_url, empty_text=empty_text):
        return mark_safe("".join(_finder(context, finder_url, empty_text)))


def _finder(context, finder_url, empty_text):
    finder, results = context["finder"], context.get("results")
    compare_ids = context.get("compare_ids")
    show_filter = can_narrow(finder)
    yield '\n\n\n<div class="moj-filter-layout app-finder'
    yield '">\n' if show_filter else ' app-finder--without-filter">\n'
    yield '  <div class="moj-filter-layout__content">\n    '
    params = finder.selection.params()  # for the three forms' hidden fields
    hidden = hidden_inputs(params, "q", "sort", compare=compare_ids)
    yield finder_html.search_form(finder, finder_url, hidden, show_filter)
    yield "\n\n    "
    notices = context.get("notices")
    if notices:
        yield finder_html.notices(notices)
    yield "\n    "
    yield alert_link(context)
    yield "\n\n    "
    hidden = hidden_inputs(params, "sort", compare=compare_ids)
    yield finder_html.results_header(finder, finder_url, hidden, sort_options(finder))
    yield "\n\n    "
    ticks = context.get("compare_query") or ""
    if results:
        yield "\n      "
        yield _theme_tag_key()
        yield '\n      <ul class="app-card-list">\n        '
        yield case_study_cards(results, "3", "compare-form", compare_ids)
        yield "\n      </ul>\n      \n      \n      "
        page_obj = context.get("page_obj")
        yield finder_html.compare_form(
            finder_url,
            hidden_inputs(params),
            page_obj.number if page_obj else 1,
            context.get("compare_elsewhere") or (),
            compare_ids or (),
        )
        yield "\n      \n      "
        yield pagination(context, page_obj, context.get("page_range"))
        yield "\n    "
    else:
        remove_urls = [add_ticks(item.remove_url, ticks) for item in finder.active]
        clear_url = add_ticks(finder_url, ticks)
        yield finder_html.no_results(finder, clear_url, remove_urls, empty_text)
    yield "\n    "
    yield finder_links(context)
    yield "\n    "
    yield practice_link(context, finder)
    yield "\n  </div>\n  "
    if show_filter:
        yield '\n  <div class="moj-filter-layout__filter app-finder__filter" id="filters">'
        yield "\n    \n\n"
        yield filter_panel(context, keep_sort=True)
        yield "\n  </div>\n  "
    yield "\n</div>\n"
    if show_filter:
        yield _script("js/finder-filter.js")
    yield "\n"
    if results:
        yield _script("js/compare-selection.js")
    yield "\n\n"


@register.simple_tag(takes_context=True)
def filter_panel(context, keep_sort=False, keep_order="") -> SafeString:
    """The filter panel of the context's finder (partnerships/finder_html.py): the finder's and
    the current-practice page's. Needs finder and finder_url; keeps q, with keep_sort the sort,
    with keep_order an order other than "name", and compare_ids, as hidden fields; its links
    keep the ticks (compare_query)."""
    finder, finder_url = context["finder"], context.get("finder_url", "")
    parts = {"compare_ids": context.get("compare_ids"), "fieldsets": facet_fieldsets(finder.facets)}
    if finder.active:
        parts["groups"] = selected_filter_groups(context, finder.active)
        parts["clear_url"] = add_ticks(finder_url, context.get("compare_query") or "")
    return mark_safe(
        finder_html.filter_panel(
            finder, finder_url, parts, keep_sort=keep_sort, keep_order=keep_order
        )
    )
