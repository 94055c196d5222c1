"""The GOV.UK pagination links, written in Python (partnerships.pagination.links), are the markup
the template gave, escaped, on every kind of page: first, middle (with ellipses), last, single."""

import re
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory

# templates/includes/pagination.html before its markup moved to Python, as it was.
TEMPLATE = (Path(__file__).parent / "pagination_template_before.html").read_text()


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def render(source: str, number: int, count: int, query: str, compare_query=None) -> str:
    request = RequestFactory().get("/partnerships/?" + query)
    paginator = Paginator(range(count), 10)
    page_obj = paginator.page(number)
    context = {
        "request": request,
        "page_obj": page_obj,
        "page_range": list(paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)),
    }
    if compare_query is not None:
        context["compare_query"] = compare_query
    return engines["django"].from_string(source).render(context)


NEW = '{% include "includes/pagination.html" with page_obj=page_obj page_range=page_range %}'


@pytest.mark.parametrize(
    ("number", "count"), [(1, 5), (1, 25), (2, 25), (3, 25), (1, 200), (10, 200), (20, 200)]
)
@pytest.mark.parametrize(
    ("query", "compare_query"),
    [
        ("", None),
        ("q=%22a%22+%3Cb%3E&theme=x&theme=y&empty=&page=4", None),
        ("q=knife&compare=3&compare=9", "compare=3,9"),
        ("q=knife", ""),
    ],
)
def test_the_links_are_what_the_template_gave(number, count, query, compare_query):
    expected = render(TEMPLATE, number, count, query, compare_query)
    written = render(NEW, number, count, query, compare_query)
    assert normalised(written) == normalised(expected)
    if count > 10:
        assert "govuk-pagination" in written
    else:
        assert written.strip() == ""


def test_parameters_are_escaped():
    written = render(NEW, 1, 25, "q=%22%3E%3Cscript%3E&a=1")
    assert "<script>" not in written
    assert 'href="?q=%22%3E%3Cscript%3E&amp;a=1&amp;page=2"' in written


def test_a_page_without_a_page_obj_shows_no_links():
    assert engines["django"].from_string(NEW).render({}).strip() == ""
