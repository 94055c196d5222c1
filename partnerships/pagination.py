"""One way to paginate every public list, and its GOV.UK pagination links (`links`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape  # the standard library's: no lazy-string check per call

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.safestring import SafeString, mark_safe


@dataclass
class Paged:
    page_obj: Page
    page_range: list
    notices: list[str] = field(default_factory=list)

    def context(self) -> dict:
        return {"page_obj": self.page_obj, "page_range": self.page_range, "notices": self.notices}


def paginate(
    request: HttpRequest, queryset, per_page: int | None = None, count: int | None = None
) -> Paged:
    """Page through `queryset` by the `page` GET parameter.

    A page that is not a whole number shows page 1 and says so; a page past the end is a 404.
    Give `count` when it is already known, to save the COUNT query.
    """
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    if count is not None:
        paginator.count = count
    pages = [p.strip() for p in request.GET.getlist("page") if p.strip()]
    raw = pages[0] if pages else ""
    notices = []
    number = 1
    if raw:
        if raw.isascii() and raw.isdigit():
            number = int(raw)
        else:
            notices.append(f"“{raw[:40]}” is not a page number, so you are seeing page 1.")
    if number < 1 or (number > 1 and number > paginator.num_pages):
        raise Http404("There is no such page.")
    page_obj = paginator.page(number)
    page_range = list(paginator.get_elided_page_range(number, on_each_side=1, on_ends=1))
    return Paged(page_obj, page_range, notices)


# GOV.UK's arrows, as its pagination component draws them.
_PREV = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 '
    '6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>'
)
_NEXT = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 '
    '4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>'
)
_LINK = '<a class="govuk-link govuk-pagination__link" href="'


def links(
    page_obj: Page | str | None, page_range: list, url_of: Callable[[int], str]
) -> SafeString:
    """GOV.UK pagination for `page_obj`: previous and next links, and a link per number of
    `page_range` (Paginator.get_elided_page_range) with its ellipses; nothing when there is only
    one page (or no page: a template's missing variable). `url_of(number)` gives a page's
    address; it is escaped here.

    Written in Python: it is on every page of results, and over its dozens of nodes the template
    engine cost more than the rest of the results list."""
    if not hasattr(page_obj, "has_other_pages") or not page_obj.has_other_pages():
        return mark_safe("")
    parts = ['<nav class="govuk-pagination" aria-label="Pagination">']
    if page_obj.has_previous():
        parts.append(
            f'<div class="govuk-pagination__prev">{_LINK}'
            f'{escape(url_of(page_obj.previous_page_number()))}" rel="prev">{_PREV}'
            '<span class="govuk-pagination__link-title">Previous'
            '<span class="govuk-visually-hidden"> page</span></span></a></div>'
        )
    parts.append('<ul class="govuk-pagination__list">')
    for number in page_range:
        if not isinstance(number, int):  # Paginator.ELLIPSIS
            parts.append(
                '<li class="govuk-pagination__item govuk-pagination__item--ellipsis">&ctdot;</li>'
            )
        elif number == page_obj.number:
            parts.append(
                '<li class="govuk-pagination__item govuk-pagination__item--current">'
                f'{_LINK}{escape(url_of(number))}" aria-label="Page {number:d}" '
                f'aria-current="page">{number:d}</a></li>'
            )
        else:
            parts.append(
                f'<li class="govuk-pagination__item">{_LINK}{escape(url_of(number))}" '
                f'aria-label="Page {number:d}">{number:d}</a></li>'
            )
    parts.append("</ul>")
    if page_obj.has_next():
        parts.append(
            f'<div class="govuk-pagination__next">{_LINK}'
            f'{escape(url_of(page_obj.next_page_number()))}" rel="next">'
            '<span class="govuk-pagination__link-title">Next'
            f'<span class="govuk-visually-hidden"> page</span></span>{_NEXT}</a></div>'
        )
    parts.append("</nav>")
    return mark_safe("".join(parts))
