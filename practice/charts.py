"""A bar chart drawn on the server as inline SVG: the start-years chart of /practice/.

The chart is a picture of the table beneath it (which is its text alternative), so the SVG is an
image with a short description, its bars not links.
"""

from __future__ import annotations

from html import escape  # the standard library's: no lazy-string check per call

from django.utils.safestring import SafeString, mark_safe

from practice.tables import Table

WIDTH, HEIGHT, AXIS = 640, 220, 30  # user units; AXIS is the space under the bars for labels


def bar_chart(table: Table, label: str) -> SafeString:
    """Bars for the table's rows with a count (the first column), one a year from the first year
    to the last (a year the table leaves out, having none, is an empty slot, so that the axis is
    time), labelled every few years. Written with plain strings (numbers, and escaped text), as
    the map is: format_html per bar cost more than the rest of the chart."""
    counts = {int(row.label): row.cells[0].count or 0 for row in table.rows if row.label.isdigit()}
    if not counts:
        return mark_safe("")
    rows = [(str(year), counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
    top = max(count for _, count in rows) or 1
    slot = WIDTH / len(rows)
    every = max(1, round(len(rows) / 10))
    plot = HEIGHT - AXIS
    width = f"{slot * 0.8:.1f}"
    bars = "".join(
        f'<rect class="app-chart__bar" x="{i * slot + slot * 0.1:.1f}" '
        f'y="{plot - plot * count / top:.1f}" width="{width}" height="{plot * count / top:.1f}"/>'
        for i, (_, count) in enumerate(rows)
    )
    labels = "".join(
        f'<text class="app-chart__label" x="{i * slot + slot / 2:.1f}" y="{HEIGHT - 8}" '
        f'text-anchor="middle">{escape(year)}</text>'
        for i, (year, _) in enumerate(rows)
        if i % every == 0
    )
    return mark_safe(
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-label="{escape(label)}"><line class="app-chart__axis" x1="0" '
        f'y1="{plot}" x2="{WIDTH}" y2="{plot}"/>{bars}{labels}'
        f'<text class="app-chart__label" x="0" y="12">Most in a year: {top:,}</text></svg>'
    )
