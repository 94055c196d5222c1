"""{% alert_link %}: the "Get e-mails" link on every finder
(templates/partnerships/includes/finder.html)."""

from django import template

from alerts.views import subscribe_url

register = template.Library()


@register.inclusion_tag("alerts/includes/alert_link.html", takes_context=True)
def alert_link(context) -> dict:
    finder, page = context.get("finder"), context.get("finder_url") or context["request"].path
    params = [(k, v) for k, v in finder.selection.params() if k != "sort"] if finder else []
    return {"url": subscribe_url(page.split("?")[0], params)}
