"""The current-practice page, its tables as CSV, and a page for each police force area."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.views.public import finder_context
from practice import page as practice
from practice.areas import area_profile, police_forces
from practice.geography import neighbouring_areas
from practice.geography.shapes import ATTRIBUTION
from practice.geography.svg import locator
from practice.tables import practice_url, to_csv


def practice_page(request: HttpRequest) -> HttpResponse:
    built = practice.build(request.GET)
    return render(
        request,
        "practice/practice.html",
        {
            "practice": built,
            "finder": built.finder,
            "notices": built.notices,
            "attribution": ATTRIBUTION,
            "order_links": [
                (key, label, practice_url(built.finder.selection, order=key))
                for key, label in practice.ORDERS.items()
            ],
        },
    )


def table_csv(request: HttpRequest, table: str) -> HttpResponse:
    if table not in practice.CSV_NAMES:
        raise Http404("No such table.")
    built = practice.build(request.GET)
    response = HttpResponse(to_csv(built.tables[table]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    return response


def area_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A confirmed police force's area. The force comes from police_forces(), remembered for the
    index's change stamp, so the page asks the database only for the stamp and its cards."""
    context = finder_context(request, scope=("force", slug))
    forces = police_forces(context["finder"].index.stamp)
    force = next((f for f in forces if f.slug == slug), None)
    if force is None:
        raise Http404("No such police force area.")
    profile = area_profile(context["finder"].index, force, forces)
    small_map = ""
    if force.code in neighbouring_areas():
        small_map = locator(
            force.code,
            neighbouring_areas()[force.code],
            f"Map of England and Wales with {force.name} and its neighbouring areas picked out",
        )
    return render(
        request,
        "practice/area.html",
        {"profile": profile, "small_map": small_map, "attribution": ATTRIBUTION, **context},
    )
