"""The finder's forms and filter panel, written in Python: the search form, the results header
with its sort, the "Compare selected" form and the filter panel (MOJ filter) repeat on every
finder, theme, organisation and police force area page, and rendering them node by node through
the template engine was a large share of those pages' time.

Each function gives exactly the markup its template gave; every value goes through
`conditional_escape` (`finder_url` may be a SafeString from `{% address %}`).
templatetags/finder_page.py puts them together; tests/partnerships/test_finder_html.py checks the
markup against the templates they replaced (kept there as they were).
"""

from __future__ import annotations

from django.utils.html import conditional_escape as esc

from partnerships import addresses
from partnerships.ascii_html import ascii_html

# The fixed texts are written in ASCII (partnerships/ascii_html.py), as the cards and the panel are.
SEARCH_HINT = ascii_html(
    "Use “quotes” for a phrase, OR for either word, and a minus sign to leave a word out, "
    "like -alcohol"
)


COMPARE_HINT = ascii_html(
    "Tick “Add to comparison” on 2 or 3 case studies to see them side by side. Ticks stay as you "
    "move between pages or change the filters."
)


def _plural(count: int) -> str:
    """`case stud{{ count|pluralize:"y,ies" }}`."""
    return "y" if count == 1 else "ies"


def search_form(finder, finder_url, hidden: str, show_filter: bool) -> str:
    """The search box (with the rest of the selection as `hidden` fields) and, when the filter
    panel is shown, the action bar before it and the link to the panel after it."""
    action_bar = (
        '<div class="moj-action-bar app-finder__action-bar"><div class="moj-action-bar__filter">'
        "</div></div>"
        if show_filter
        else ""
    )
    to_filters = (
        '<p class="govuk-body app-finder__to-filters"><a class="govuk-link" href="#filters">'
        "Filter the case studies</a></p>"
        if show_filter
        else ""
    )
    return (
        f"{action_bar}\n"
        f'    <form method="get" action="{esc(finder_url)}" role="search" class="app-search">\n'
        f"      {hidden}\n"
        '      <div class="govuk-form-group">\n'
        '        <label class="govuk-label govuk-label--s" for="search-q">Search case studies'
        "</label>\n"
        f'        <div class="govuk-hint" id="search-q-hint">{SEARCH_HINT}</div>\n'
        '        <div class="app-search__row">\n'
        '          <input class="govuk-input app-search__input" id="search-q" name="q" '
        f'type="search" value="{esc(finder.search.text)}" aria-describedby="search-q-hint">\n'
        '          <button class="govuk-button app-search__button" data-module="govuk-button">'
        "Search</button>\n"
        "        </div>\n"
        "      </div>\n"
        "    </form>\n"
        f"    {to_filters}"
    )


def results_header(finder, finder_url, hidden: str, options: str) -> str:
    """How many case studies match, and the sort form (`hidden` fields, the select's `options`)."""
    total = finder.total
    return (
        '<div class="app-results-header">\n'
        f'      <h2 class="govuk-heading-m" id="result-count">{total} case stud{_plural(total)}'
        "</h2>\n"
        f'      <form method="get" action="{esc(finder_url)}" class="app-sort">\n'
        f"        {hidden}\n"
        '        <div class="govuk-form-group">\n'
        '          <label class="govuk-label" for="sort">Sort by</label>\n'
        f'          <select class="govuk-select" id="sort" name="sort">{options}</select>\n'
        '          <button class="govuk-button govuk-button--secondary app-sort__button" '
        'data-module="govuk-button">Sort</button>\n'
        "        </div>\n"
        "      </form>\n"
        "    </div>"
    )


def compare_form(finder_url, hidden: str, page_number: int, elsewhere, ticked) -> str:
    """The "Compare selected" form: the cards' "Add to comparison" checkboxes belong to it
    (form="compare-form"); case studies ticked on other pages (`elsewhere`) are hidden inputs."""
    page = (
        f'<input type="hidden" name="page" value="{esc(page_number)}">' if page_number > 1 else ""
    )
    others = "".join(
        f'<input type="hidden" name="compare" value="{esc(pk)}" data-compare-elsewhere>'
        for pk in elsewhere
    )
    elsewhere_text = (
        f" {len(elsewhere)} ticked on other pages or under other filters." if elsewhere else ""
    )
    return (
        '<form id="compare-form" class="app-compare-form" method="get" '
        f'action="{esc(addresses.address("partnerships:compare"))}">\n'
        f"        {hidden}\n"
        f"        {page}\n"
        f"        {others}\n"
        '        <p class="govuk-body-s govuk-!-margin-bottom-2" id="compare-form-hint">'
        f"{COMPARE_HINT}{elsewhere_text}</p>\n"
        '        <div class="govuk-button-group">\n'
        '          <button class="govuk-button govuk-button--secondary" data-module="govuk-button" '
        'aria-describedby="compare-form-hint">Compare selected (<span data-compare-count>'
        f"{len(ticked)}</span>)</button>\n"
        '          <button class="govuk-button govuk-button--secondary app-compare-form__keep" '
        f'data-module="govuk-button" formaction="{esc(finder_url)}">Keep ticked<span '
        'class="govuk-visually-hidden"> case studies</span> on this page</button>\n'
        "        </div>\n"
        "      </form>"
    )


def filter_panel(finder, finder_url, parts: dict, *, keep_sort=False, keep_order="") -> str:
    """The filter panel (MOJ filter) of a page showing the finder's facets: "Selected filters"
    (`parts["groups"]`, each a link that removes it, and "Clear filters", `parts["clear_url"]`),
    the facets' `parts["fieldsets"]` and the start years. Keeps q, with keep_sort the sort, with
    keep_order an order other than "name", and `parts["compare_ids"]` (the case studies ticked
    for comparison), as hidden fields."""
    selection = finder.selection
    selected = ""
    if finder.active:
        selected = (
            "\n"
            '      <div class="moj-filter__selected">\n'
            '        <div class="moj-filter__selected-heading">\n'
            '          <div class="moj-filter__heading-title"><h2 class="govuk-heading-m">'
            "Selected filters</h2></div>\n"
            '          <div class="moj-filter__heading-action">\n'
            '            <p class="govuk-body"><a class="govuk-link govuk-link--no-visited-state" '
            f'href="{esc(parts["clear_url"])}">Clear filters<span '
            'class="govuk-visually-hidden"> and search</span></a></p>\n'
            "          </div>\n"
            "        </div>\n"
            f"        {parts['groups']}\n"
            "      </div>\n"
            "    "
        )
    q = f'<input type="hidden" name="q" value="{esc(selection.q)}">' if selection.q else ""
    sort = (
        f'<input type="hidden" name="sort" value="{esc(selection.sort)}">'
        if keep_sort and selection.sort
        else ""
    )
    order = (
        f'<input type="hidden" name="order" value="{esc(keep_order)}">'
        if keep_order and keep_order != "name"
        else ""
    )
    ticked = "".join(
        f'<input type="hidden" name="compare" value="{esc(pk)}">'
        for pk in parts["compare_ids"] or ()
    )
    start_from = "" if selection.start_from is None else esc(selection.start_from)
    start_to = "" if selection.start_to is None else esc(selection.start_to)
    return (
        '<div class="moj-filter" data-module="moj-filter">\n'
        '  <div class="moj-filter__header">\n'
        '    <div class="moj-filter__header-title"><h2 class="govuk-heading-m">Filter</h2></div>\n'
        '    <div class="moj-filter__header-action"></div>\n'
        "  </div>\n"
        '  <div class="moj-filter__content">\n'
        "    \n"
        f"    \n    {selected}\n    \n"
        '    <div class="moj-filter__options">\n'
        f'      <form method="get" action="{esc(finder_url)}" novalidate>\n'
        f"        {q}\n"
        f"        {sort}\n"
        f"        {order}\n"
        f"        {ticked}\n"
        '        <button class="govuk-button" data-module="govuk-button">Apply filters</button>\n'
        f"        {parts['fieldsets']}\n"
        "        \n"
        "        \n"
        '        <div class="govuk-form-group app-year-filter">\n'
        '          <fieldset class="govuk-fieldset" aria-describedby="filter-years-hint">\n'
        '            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Year the '
        "work started</legend>\n"
        '            <div class="govuk-hint" id="filter-years-hint">For example, 2015</div>\n'
        '            <div class="app-year-range">\n'
        '              <div class="govuk-form-group">\n'
        '                <label class="govuk-label" for="filter-start-from">From</label>\n'
        '                <input class="govuk-input govuk-input--width-4" id="filter-start-from" '
        f'name="start_from" type="text" inputmode="numeric" value="{start_from}">\n'
        "              </div>\n"
        '              <div class="govuk-form-group">\n'
        '                <label class="govuk-label" for="filter-start-to">To</label>\n'
        '                <input class="govuk-input govuk-input--width-4" id="filter-start-to" '
        f'name="start_to" type="text" inputmode="numeric" value="{start_to}">\n'
        "              </div>\n"
        "            </div>\n"
        "          </fieldset>\n"
        "        </div>\n"
        "        \n"
        '        <button class="govuk-button" data-module="govuk-button">Apply filters</button>\n'
        "      </form>\n"
        "    </div>\n"
        "  </div>\n"
        "</div>\n"
    )


def no_results(finder, clear_url, remove_urls, empty_text) -> str:
    """What shows when nothing matches: with choices made, a link removing each (`remove_urls`,
    one per finder.active) with what it would give, and one clearing them all (`clear_url`);
    without, `empty_text`."""
    if not finder.active:
        text = esc(empty_text) if empty_text else "No case studies have been published yet."
        return (
            "\n"
            '      <h3 class="govuk-heading-s">No case studies match.</h3>\n'
            "      \n"
            f'        <p class="govuk-body">{text}</p>\n'
            "      \n"
            "    "
        )
    items = "".join(
        "\n"
        f'            <li><a class="govuk-link" href="{esc(url)}">Remove '
        f"{esc(item.facet_label.lower())}: {esc(item.label)}</a> – {item.count_without} "
        f"case stud{_plural(item.count_without)}</li>\n"
        "          "
        for item, url in zip(finder.active, remove_urls, strict=True)
    )
    return (
        "\n"
        '      <h3 class="govuk-heading-s">No case studies match all of this.</h3>\n'
        "      \n"
        '        <p class="govuk-body">Remove one of your choices to see more:</p>\n'
        '        <ul class="govuk-list govuk-list--bullet" id="suggestions">\n'
        f"          {items}\n"
        "        </ul>\n"
        f'        <p class="govuk-body">Or <a class="govuk-link" href="{esc(clear_url)}">clear all '
        "filters and search</a>.</p>\n"
        "      \n"
        "    "
    )


def notices(texts) -> str:
    """templates/includes/notices.html: each notice in an inset text."""
    return (
        "".join(
            f'\n  <div class="govuk-inset-text" role="status">{esc(text)}</div>\n' for text in texts
        )
        + "\n"
    )
