from django import template

from contact_relay.models import MessageCount

register = template.Library()


@register.filter
def contact_message_count(partnership) -> int:
    """Messages the relay has sent this case study's contact (shown to submitter and editors)."""
    return MessageCount.of(partnership.revision_of_id or partnership.pk)
