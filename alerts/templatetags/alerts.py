"""{% alert_link %}: the "Get e-mails" link on every finder
(templates/partnerships/includes/finder.html)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from alerts.views import subscribe_url

register = template.Library()


@register.simple_tag(takes_context=True)
def alert_link(context) -> SafeString:
    finder, page = context.get("finder"), context.get("finder_url") or context["request"].path
    params = [(k, v) for k, v in finder.selection.params() if k != "sort"] if finder else []
    url = subscribe_url(page.split("?")[0], params)
    # Written here rather than by a template: it is on every finder page.
    return mark_safe(
        f'<p class="govuk-body app-alert-link"><a class="govuk-link" href="{escape(url)}">Get '
        "e-mails when new case studies like these are published</a></p>"
    )
