"""`{{ organisations|organisation_rows }}`: the rows of one table on the organisations index,
written in Python. The index lists every confirmed organisation, hundreds of rows, and the
template engine was most of the page's time over that many; the table around the rows stays in
templates/partnerships/organisation_list.html. Everything from the data is escaped here.
"""

from html import escape  # the standard library's: no lazy-string check per call

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

NATIONAL = "England and Wales"  # what the Region column says of an organisation with none


@register.filter
def organisation_rows(organisations) -> SafeString:
    """<tr>s for partnerships.views.organisations.OrganisationRow: a link to the organisation,
    its region and its number of published case studies."""
    regions = {}  # name -> escaped: a dozen regions, hundreds of rows
    for org in organisations:
        if org.region not in regions:
            regions[org.region] = escape(org.region or NATIONAL)
    return mark_safe(
        "".join(
            [
                '<tr class="govuk-table__row"><td class="govuk-table__cell">'
                f'<a class="govuk-link" href="{escape(org.url)}">{escape(org.name)}</a></td>'
                f'<td class="govuk-table__cell">{regions[org.region]}</td>'
                '<td class="govuk-table__cell govuk-table__cell--numeric">'
                f"{org.published_count:d}</td></tr>\n"
                for org in organisations
            ]
        )
    )
