"""Small display helpers for the directory's templates."""

from datetime import UTC, datetime
from urllib.parse import quote_plus

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerships import addresses
from partnerships.pagination import links

register = template.Library()


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text with blank lines between paragraphs, as escaped GOV.UK body paragraphs."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return mark_safe(
        "".join(
            f'<p class="govuk-body">{escape(block).replace(chr(10), "<br>")}</p>'
            for block in blocks
            if block
        )
    )


STATUS_COLOURS = {
    "draft": "grey",
    "submitted": "blue",
    "changes_requested": "orange",
    "published": "green",
    "rejected": "red",
    "archived": "grey",
    "Not started": "blue",
    "In progress": "light-blue",
    "Completed": "",
    "Cannot start yet": "grey",
}


@register.filter
def tag_colour(status: str) -> str:
    """The GOV.UK tag modifier for a case study's status or a task's status."""
    colour = STATUS_COLOURS.get(str(status), "grey")
    return f"govuk-tag--{colour}" if colour else ""


@register.simple_tag
def address(viewname: str, *args) -> str:
    """`{% url %}` remembered (partnerships/addresses.py): `{% address "themes:list" %}`,
    `{% address "partnerships:list" as finder_url %}`. Escaped as `{% url %}` is."""
    return addresses.address(viewname, *args)


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current URL's query string for page `number`, without empty parameters (a link the
    site makes carries only what was chosen)."""
    return _page_urls(context)(number)


@register.simple_tag(takes_context=True)
def pagination(context, page_obj, page_range) -> SafeString:
    """GOV.UK pagination links for `page_obj` (partnerships.pagination.links), each page's
    address from `page_url`."""
    return links(page_obj, page_range, _page_urls(context))


def _page_urls(context):
    """A function from a page number to its address: the request's other parameters are read
    once, when the first link is made, for all the page's links."""
    params = others = None

    def url_of(number) -> str:
        nonlocal params, others
        if params is None:
            params = _other_params(context)
            if "page" not in params:  # the page comes last: the others are encoded once
                others = params.urlencode(safe="," if context.get("compare_query") else "")
        if others is not None:
            page = "page=" + quote_plus(str(number))
            return f"?{others}&{page}" if others else f"?{page}"
        params["page"] = str(number)
        return "?" + params.urlencode(safe="," if context.get("compare_query") else "")

    return url_of


def _other_params(context):
    params = context["request"].GET.copy()
    for key in list(params):
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    if "compare_query" in context:  # a finder: carry the ticked case studies, as read
        params.pop("compare", None)
        if context["compare_query"]:
            params["compare"] = context["compare_query"].removeprefix("compare=")
    return params


@register.simple_tag(takes_context=True)
def with_ticks(context, url: str) -> str:
    """A finder link that also carries the case studies ticked for comparison (the context's
    `compare_query`, "compare=4,9", set by finder_context; pages without it get `url`)."""
    return add_ticks(url, context.get("compare_query") or "")


def add_ticks(url: str, ticks: str) -> str:
    """`url` with the query `ticks` ("compare=4,9") added, if any."""
    if not ticks:
        return url
    separator = "" if url.endswith(("?", "&")) else ("&" if "?" in url else "?")
    return f"{url}{separator}{ticks}"


@register.filter
def html_datetime(value) -> str:
    """A valid HTML `<time datetime>` value: UTC to the second ("2026-12-01T19:59:04Z").

    Django's `date:"c"` keeps microseconds, which the HTML checker rejects.
    """
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC)
            return value.strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat()


@register.filter
def govuk_time(value) -> str:
    """A time in GOV.UK style, in the site's time zone: "7:59pm", "10am", "12pm" (midday)."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def govuk_datetime(value) -> str:
    """A date and time in GOV.UK style: "1 December 2026 at 7:59pm" (the site's time zone)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.day} {local:%B %Y} at {govuk_time(local)}"
