"""A bar chart drawn on the server as inline SVG: the start-years chart of /practice/.

The chart is a picture of the table beneath it (which is its text alternative), so the SVG is an
image with a short description, its bars not links.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from practice.tables import Table

WIDTH, HEIGHT, AXIS = 640, 220, 30  # user units; AXIS is the space under the bars for labels


def bar_chart(table: Table, label: str) -> SafeString:
    """Bars for the table's rows with a count (the first column), one a year from the first year
    to the last (a year the table leaves out, having none, is an empty slot, so that the axis is
    time), labelled every few years."""
    counts = {int(row.label): row.cells[0].count or 0 for row in table.rows if row.label.isdigit()}
    if not counts:
        return mark_safe("")
    rows = [(str(year), counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
    top = max(count for _, count in rows) or 1
    slot = WIDTH / len(rows)
    every = max(1, round(len(rows) / 10))
    plot = HEIGHT - AXIS
    bars = format_html_join(
        "",
        '<rect class="app-chart__bar" x="{}" y="{}" width="{}" height="{}"/>',
        (
            _numbers(
                i * slot + slot * 0.1, plot - plot * count / top, slot * 0.8, plot * count / top
            )
            for i, (_, count) in enumerate(rows)
        ),
    )
    labels = format_html_join(
        "",
        '<text class="app-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (*_numbers(i * slot + slot / 2), HEIGHT - 8, year)
            for i, (year, _) in enumerate(rows)
            if i % every == 0
        ),
    )
    return format_html(
        '<svg class="app-chart" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg" '
        'role="img" aria-label="{}"><line class="app-chart__axis" x1="0" y1="{}" x2="{}" y2="{}"/>'
        '{}{}<text class="app-chart__label" x="0" y="12">{}</text></svg>',
        WIDTH,
        HEIGHT,
        label,
        plot,
        WIDTH,
        plot,
        bars,
        labels,
        f"Most in a year: {top:,}",
    )


def _numbers(*values: float) -> tuple[str, ...]:
    return tuple(f"{value:.1f}" for value in values)
