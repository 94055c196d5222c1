"""The police force areas' boundaries: read from the ONS GeoJSON in fixtures/geography/, projected
onto a flat plane and simplified into compact SVG path data, and their neighbours found from the
boundaries they share.

The GeoJSON is Open Government Licence data (see the .md beside it for the attribution that must
be shown with any map drawn from it). Everything here is computed once per process and cached.

Simplification keeps borders shared: each ring is cut at the points where the set of areas that
own a point changes (where a border meets the coast or a third area), and each piece is
simplified once, in one direction, so neighbouring areas are drawn with the very same border and
no gaps or slivers open between them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

GEOJSON_PATH = (
    Path(settings.BASE_DIR) / "fixtures" / "geography" / "police_force_areas_2020_buc.geojson"
)
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2020."
)
# An equirectangular projection true at 52.5° N (the middle of England and Wales): near enough to
# the National Grid at this size, and a line of code.
LATITUDE_OF_TRUE_SCALE = 52.5
MAP_WIDTH = 460  # SVG user units across the main map

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class Area:
    """One police force area as the GeoJSON gives it."""

    code: str  # ONS code, PFA20CD, e.g. E23000036 (Organisation.pfa_code)
    name: str  # ONS short name, PFA20NM
    rings: tuple[tuple[Point, ...], ...]  # longitude/latitude, each ring closed


@cache
def areas() -> dict[str, Area]:
    """Every area in the GeoJSON, keyed by ONS code."""
    data = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    found = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = tuple(
            tuple((float(x), float(y)) for x, y, *_ in ring)
            for polygon in polygons
            for ring in polygon
        )
        code = feature["properties"]["PFA20CD"]
        found[code] = Area(code, feature["properties"]["PFA20NM"], rings)
    return found


def _edge_key(a: Point, b: Point) -> frozenset:
    return frozenset(((round(a[0], 7), round(a[1], 7)), (round(b[0], 7), round(b[1], 7))))


@cache
def neighbouring_areas() -> dict[str, frozenset[str]]:
    """Each police force area's neighbours (ONS code -> ONS codes): the areas it shares at least
    one stretch of boundary with, in the unsimplified GeoJSON. Touching at a single point does not
    count. Symmetric: if A neighbours B, B neighbours A."""
    owners: dict[frozenset, set[str]] = defaultdict(set)
    for area in areas().values():
        for ring in area.rings:
            for a, b in zip(ring, ring[1:], strict=False):
                owners[_edge_key(a, b)].add(area.code)
    neighbours: dict[str, set[str]] = {code: set() for code in areas()}
    for codes in owners.values():
        if len(codes) > 1:
            for code in codes:
                neighbours[code] |= codes - {code}
    return {code: frozenset(found) for code, found in neighbours.items()}


def project(point: Point) -> Point:
    """Longitude/latitude to the map's plane (x to the east, y downwards, degrees of latitude)."""
    lon, lat = point
    return (lon * math.cos(math.radians(LATITUDE_OF_TRUE_SCALE)), -lat)


@dataclass(frozen=True)
class Frame:
    """Where projected points land in SVG user units: x' = (x - left) * scale."""

    left: float
    top: float
    scale: float
    width: float
    height: float

    def place(self, point: Point) -> Point:
        x, y = project(point)
        return ((x - self.left) * self.scale, (y - self.top) * self.scale)


def frame_for(codes: list[str] | None = None, width: float = MAP_WIDTH) -> Frame:
    """A frame fitting these areas (all when None) into `width` units across."""
    points = [
        project(p)
        for code in (codes or list(areas()))
        for ring in areas()[code].rings
        for p in ring
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    scale = width / (max(xs) - min(xs))
    return Frame(min(xs), min(ys), scale, width, (max(ys) - min(ys)) * scale)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the fewest points within `tolerance` of the line, ends kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > farthest:
                farthest, index = d, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _ring_area(ring: list[Point]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


@cache
def _point_owners() -> dict[Point, frozenset[str]]:
    owners: dict[Point, set[str]] = defaultdict(set)
    for area in areas().values():
        for ring in area.rings:
            for p in ring:
                owners[p].add(area.code)
    return {p: frozenset(codes) for p, codes in owners.items()}


def simplified_rings(frame: Frame, tolerance: float, min_area: float) -> dict[str, list[Ring]]:
    """Each area's rings placed in `frame` and simplified to `tolerance` units, shared borders
    simplified once; rings smaller than `min_area` square units (small islands) left out."""
    owners = _point_owners()
    pieces: dict[tuple[Point, ...], list[Point]] = {}

    def simplified_piece(piece: list[Point]) -> list[Point]:
        forward = tuple(piece)
        backward = forward[::-1]
        key = min(forward, backward)
        if key not in pieces:
            pieces[key] = simplify([frame.place(p) for p in key], tolerance)
        result = pieces[key]
        return result if key == forward else result[::-1]

    found: dict[str, list[Ring]] = {}
    for code, area in areas().items():
        rings = []
        for ring in area.rings:
            points = list(ring[:-1]) if ring[0] == ring[-1] else list(ring)
            n = len(points)
            cuts = [
                i
                for i in range(n)
                if len(owners[points[i]]) > 2
                or owners[points[i]] != owners[points[i - 1]]
                or owners[points[i]] != owners[points[(i + 1) % n]]
            ]
            shared = bool(cuts)
            if not cuts:  # an island or a ring inside one area: cut at its far point
                far = max(range(n), key=lambda i: math.dist(points[0], points[i]))
                cuts = [0, far] if far else [0]
            placed: Ring = []
            for k, start in enumerate(cuts):
                stop = cuts[(k + 1) % len(cuts)]
                piece = (
                    points[start : stop + 1]
                    if stop > start
                    else points[start:] + points[: stop + 1]
                )
                placed.extend(simplified_piece(piece)[:-1])
            rounded = _rounded(placed)
            if len(rounded) >= 3:
                rings.append((rounded, shared))
        # Small islands are left out, but never a ring shared with another area (the hole the
        # City of London makes in the Met's) nor an area's largest ring (the City itself).
        largest = max((r for r, _ in rings), key=_ring_area, default=None)
        found[code] = [
            r for r, shared in rings if shared or r is largest or _ring_area(r) >= min_area
        ]
    return found


def _rounded(ring: Ring) -> Ring:
    result: Ring = []
    for x, y in ring:
        point = (round(x), round(y))
        if not result or result[-1] != point:
            result.append(point)
    if len(result) > 1 and result[0] == result[-1]:
        result.pop()
    return result


def path_data(rings: list[Ring]) -> str:
    """SVG path data for rings of whole-number points: an absolute move, then relative lines."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        commands = [f"M{x0:.0f} {y0:.0f}l"]
        px, py = x0, y0
        steps = []
        for x, y in rest:
            steps.append(f"{x - px:.0f}" + ("" if y - py < 0 else " ") + f"{y - py:.0f}")
            px, py = x, y
        line = steps[0] if steps else "0 0"
        for step in steps[1:]:
            line += step if step.startswith("-") else " " + step
        commands.append(line + "z")
        parts.append("".join(commands))
    return "".join(parts)
