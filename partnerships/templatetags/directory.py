"""Small display helpers for the directory's templates."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current URL's query string for page `number`, without empty parameters (a link the
    site makes carries only what was chosen)."""
    params = context["request"].GET.copy()
    for key in list(params):
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    params["page"] = str(number)
    return "?" + params.urlencode()
