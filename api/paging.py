"""Page numbers and next/previous links for the API's lists."""

from __future__ import annotations

from django.http import HttpRequest

from opendata.related import absolute

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def pages_for(total: int, size: int) -> int:
    return max(1, -(-total // size))


def link(request: HttpRequest, page: int | None) -> str | None:
    if page is None:
        return None
    params = request.GET.copy()
    params["page"] = str(page)
    return absolute(request.path + "?" + params.urlencode())


def page_body(request: HttpRequest, total: int, page: int, size: int) -> dict:
    pages = pages_for(total, size)
    return {
        "total": total,
        "page": page,
        "pages": pages,
        "next": link(request, page + 1 if page < pages else None),
        "previous": link(request, page - 1 if page > 1 else None),
    }
