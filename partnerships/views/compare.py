"""/compare/: 2 or 3 published case studies side by side, chosen in the address."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.compare import MAX_CHOSEN, MIN_CHOSEN, compare


def compare_case_studies(request: HttpRequest) -> HttpResponse:
    comparison = compare(request.GET.getlist("ids"))
    return render(
        request,
        "partnerships/compare.html",
        {"comparison": comparison, "min_chosen": MIN_CHOSEN, "max_chosen": MAX_CHOSEN},
    )
