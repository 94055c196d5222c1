from django import template

from reminders.schedule import may_be_out_of_date

register = template.Library()


@register.filter
def out_of_date(partnership) -> bool:
    """More than 6 months past its review due date: the public page says it may be out of date."""
    return may_be_out_of_date(partnership)
