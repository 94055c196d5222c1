"""One way to paginate every public list."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest


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
