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
