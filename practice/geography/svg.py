"""Inline SVG maps of the police force areas, drawn on the server from practice.geography.shapes.

`choropleth()` is the /practice/ map: every area a link with an accessible name, shaded by a class
the stylesheet colours (assets/scss/_practice.scss), with an enlarged inset for London's two
forces. `locator()` is the small map on an area's page: the area and its neighbours picked out,
an image with a text alternative, no links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape  # the standard library's: no lazy-string check per call

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from practice.geography import shapes

LONDON = ("E23000001", "E23000034")  # Metropolitan Police, City of London
INSET_WIDTH = 120  # the London inset, in the main map's units
NONE_PATTERN_ID = "app-map-none"
PATH_DATA = re.compile(r"[-0-9Mlz ]*")


@dataclass(frozen=True, slots=True)
class MapArea:
    """What the map shows of one area: `shade` is a CSS modifier (c0 "none submitted", c1–c4,
    or "unselected"); `url` is where the area links to ("" for no link)."""

    code: str
    label: str  # the accessible name, e.g. "Durham: 4 case studies"
    shade: str
    url: str = ""


@cache
def _main_paths() -> tuple[shapes.Frame, dict[str, str]]:
    frame = shapes.frame_for()
    rings = shapes.simplified_rings(frame, tolerance=0.5, min_area=2)
    return frame, _checked({code: shapes.path_data(r) for code, r in rings.items()})


@cache
def _inset_paths() -> tuple[shapes.Frame, dict[str, str]]:
    frame = shapes.frame_for(list(LONDON), width=INSET_WIDTH)
    rings = shapes.simplified_rings(frame, tolerance=0.5, min_area=1)
    return frame, _checked({code: shapes.path_data(rings[code]) for code in LONDON})


@cache
def _small_paths() -> tuple[shapes.Frame, dict[str, str]]:
    frame = shapes.frame_for(width=200)
    rings = shapes.simplified_rings(frame, tolerance=0.8, min_area=1)
    return frame, _checked({code: shapes.path_data(r) for code, r in rings.items()})


def _area(area: MapArea, path: str) -> str:
    """One area's markup. `path` is path data this module made (digits, spaces and the letters
    M, l and z: nothing to escape); the rest is escaped. Plain strings joined once are much
    quicker than format_html for a map of 45 shapes."""
    label = escape(area.label)
    shape = (
        f'<path class="app-map__area app-map__area--{escape(area.shade)}" d="{path}">'
        f"<title>{label}</title></path>"
    )
    if not area.url:
        return shape
    return f'<a class="app-map__link" href="{escape(area.url)}" aria-label="{label}">{shape}</a>'


def _checked(paths: dict[str, str]) -> dict[str, str]:
    for path in paths.values():
        if not PATH_DATA.fullmatch(path):
            raise ValueError("Path data with characters that would need escaping.")
    return paths


def choropleth(areas: list[MapArea], title: str) -> SafeString:
    """The map of England and Wales with each of `areas` drawn, linked and shaded."""
    frame, paths = _main_paths()
    inset_frame, inset_paths = _inset_paths()
    width, height = frame.width, round(frame.height)
    by_code = {area.code: area for area in areas}
    parts = [
        format_html(
            '<svg class="app-map" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg" '
            'aria-labelledby="app-map-title"><title id="app-map-title">{}</title>',
            width,
            height,
            title,
        ),
        mark_safe(
            f'<defs><pattern id="{NONE_PATTERN_ID}" width="6" height="6" '
            'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            '<rect class="app-map__hatch-ground" width="6" height="6"/>'
            '<line class="app-map__hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>'
        ),
    ]
    parts += [_area(by_code[code], path) for code, path in paths.items() if code in by_code]
    # London's inset, in the North Sea corner at the top right.
    x, y = width - INSET_WIDTH - 4, 4
    inset_height = round(inset_frame.height)
    parts.append(
        format_html(
            '<g class="app-map__inset" transform="translate({} {})">'
            '<rect class="app-map__inset-frame" x="-4" y="-4" width="{}" height="{}"/>'
            '<text class="app-map__inset-label" x="0" y="10">London, enlarged</text>'
            '<g transform="translate(0 16)">',
            x,
            y,
            INSET_WIDTH + 8,
            inset_height + 8 + 16,
        )
    )
    parts += [_area(by_code[code], inset_paths[code]) for code in LONDON if code in by_code]
    parts.append(mark_safe("</g></g></svg>"))
    return mark_safe("".join(parts))


def locator(code: str, neighbours: frozenset[str], label: str) -> SafeString:
    """A small map of England and Wales with area `code` filled and its neighbours shaded."""
    frame, paths = _small_paths()
    parts = [
        format_html(
            '<svg class="app-map app-map--small" viewBox="0 0 {} {}" '
            'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}">',
            frame.width,
            round(frame.height),
            label,
        )
    ]
    last = ""
    for other, path in paths.items():
        role = "this" if other == code else "neighbour" if other in neighbours else "other"
        shape = f'<path class="app-map__area app-map__area--{role}" d="{path}"/>'
        if other == code:
            last = shape  # drawn last, so its outline is on top
        else:
            parts.append(shape)
    parts.append(mark_safe(last + "</svg>"))
    return mark_safe("".join(parts))


def svg_size() -> int:
    """Bytes of the main map's path data, as drawn (for the 60 KB budget test)."""
    _, paths = _main_paths()
    _, inset = _inset_paths()
    return sum(len(p) for p in paths.values()) + sum(len(p) for p in inset.values())
