"""/compare/: 2 or 3 published case studies side by side, chosen in the address."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partnerships.compare import MAX_CHOSEN, MIN_CHOSEN, compare, comparison_address


def compare_case_studies(request: HttpRequest) -> HttpResponse:
    if "compare" in request.GET:  # the finder's form: its selection, and its own parameters
        values = request.GET.getlist("ids") + request.GET.getlist("compare")
        return redirect(request.path + comparison_address(values))
    comparison = compare(request.GET.getlist("ids"))
    return render(
        request,
        "partnerships/compare.html",
        {"comparison": comparison, "min_chosen": MIN_CHOSEN, "max_chosen": MAX_CHOSEN},
    )
