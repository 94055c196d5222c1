"""What a finder URL asks for: a Django form, built from the facet registry, that reads and checks
the GET parameters, and the `Selection` it gives.

Options within a facet are OR'ed; facets are AND'ed with each other. Every parameter the page
cannot use (an unknown option, a year that is not a year, a repeated single value) is dropped with
a notice saying so: the page never fails and never silently changes what was asked. The fields
therefore never reject the whole parameter; each keeps what it can use and reports the rest as
the field's `error_messages`, which become the page's notices.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from partnerships.facets import YEAR_MAX, YEAR_MIN, Facet
from partnerships.memory import Memo

SORTS = {
    "relevance": "Relevance",
    "newest": "Newest published",
    "started": "Most recently started",
    "title": "Title A to Z",
}
YEAR_PARAMS = {"start_from": "Started from", "start_to": "Started up to"}
MAX_VALUE_SHOWN = 40


def shown(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= MAX_VALUE_SHOWN else value[:MAX_VALUE_SHOWN] + "…"


@dataclass
class Selection:
    values: dict[str, list[str]]  # facet key -> selected options, in the order given
    start_from: int | None = None
    start_to: int | None = None
    q: str = ""
    sort: str = ""
    notices: list[str] = field(default_factory=list)

    def params(self, drop: tuple[str, str] | None = None, **replace) -> list[tuple[str, str]]:
        """This selection as GET parameters, optionally without one (key, value). Never an
        empty one: every link the finder makes carries only what was chosen."""
        pairs = [
            (key, value)
            for key, values in self.values.items()
            for value in values
            if (key, value) != drop
        ]
        for key in YEAR_PARAMS:
            year = getattr(self, key)
            if year is not None and (key, str(year)) != drop:
                pairs.append((key, str(year)))
        if self.q.strip() and drop != ("q", self.q):
            pairs.append(("q", self.q))
        if self.sort:
            pairs.append(("sort", self.sort))
        pairs = [(k, v) for k, v in pairs if k not in replace]
        pairs += [(k, v) for k, v in replace.items() if v]
        return pairs

    def url_without(self, key: str, value: str) -> str:
        query = urlencode(self.params(drop=(key, value)))
        return f"?{query}" if query else "?"

    @property
    def has_filters(self) -> bool:
        return any(self.values.values()) or self.start_from is not None or self.start_to is not None


class _Given(forms.MultipleHiddenInput):
    """Every value given for a parameter, as a list (a parameter may be repeated)."""


class _LenientField(forms.Field):
    """A field that keeps what it can use and lists the rest as messages (`problems`), rather
    than rejecting the whole parameter."""

    widget = _Given

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(label=label, required=False, **kwargs)

    def to_python(self, value) -> list[str]:
        return [v.strip() for v in (value or []) if isinstance(v, str) and v.strip()]

    def message(self, code: str, **params) -> str:
        return self.error_messages[code] % {"label": self.label.lower(), **params}


class FacetField(_LenientField):
    default_error_messages = {
        "invalid_choice": "“%(value)s” is not one of the options for %(label)s, so it was left "
        "out.",
        "only_one": "Only one %(label)s can be chosen: “%(first)s” was used and the others were "
        "left out.",
    }

    def __init__(self, facet: Facet) -> None:
        super().__init__(facet.label)
        self.facet = facet
        self.labels = {option.value: option.label for option in facet.options}

    def clean(self, value) -> tuple[list[str], list[str]]:
        chosen: list[str] = []
        problems = []
        for given in self.to_python(value):
            if given not in self.labels:
                problems.append(self.message("invalid_choice", value=shown(given)))
            elif given not in chosen:
                chosen.append(given)
        if not self.facet.multiple and len(chosen) > 1:
            problems.append(self.message("only_one", first=self.labels[chosen[0]]))
            chosen = chosen[:1]
        return chosen, problems


class YearField(_LenientField):
    default_error_messages = {
        "repeated": "%(label_as_given)s was given more than once: “%(value)s” was used.",
        "invalid": "%(label_as_given)s must be a year such as 2016, not “%(value)s”, so it was "
        "left out.",
    }

    def clean(self, value) -> tuple[int | None, list[str]]:
        given = self.to_python(value)
        if not given:
            return None, []
        raw, problems = given[0], []
        if len(set(given)) > 1:
            problems.append(self.message("repeated", label_as_given=self.label, value=shown(raw)))
        if raw.isascii() and raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX:
            return int(raw), problems
        problems.append(self.message("invalid", label_as_given=self.label, value=shown(raw)))
        return None, problems


class SearchTextField(_LenientField):
    default_error_messages = {
        "repeated": "More than one search was given: only the first was used."
    }

    def clean(self, value) -> tuple[str, list[str]]:
        given = [v for v in (value or []) if isinstance(v, str)]
        problems = []
        if len({q for q in given if q.strip()}) > 1:
            problems.append(self.error_messages["repeated"])
        return (given[0] if given else ""), problems


class SortField(_LenientField):
    default_error_messages = {
        "invalid": "“%(value)s” is not a way to sort, so the default was used."
    }

    def clean(self, value) -> tuple[str, list[str]]:
        given = [v for v in (value or []) if isinstance(v, str) and v]
        if not given:
            return "", []
        if given[0] in SORTS:
            return given[0], []
        return "", [self.message("invalid", value=shown(given[0]))]


class FinderForm(forms.Form):
    """The finder's GET parameters: one field per facet (from the registry), the start years, the
    search text and the sort. Always valid: `selection()` gives what can be used, with a notice
    for everything that was left out."""

    wrong_way_round = (
        "The years were the wrong way round (%(start)s to %(end)s), so neither was used."
    )

    def __init__(self, data: QueryDict, facets: dict[str, Facet]) -> None:
        super().__init__(data)
        self.facet_keys = list(facets)
        for key, facet in facets.items():
            self.fields[key] = _facet_field(facet)
        self.fields.update(_OTHER_FIELDS)

    def clean(self) -> dict:
        data = super().clean()
        start_from, start_to = data["start_from"][0], data["start_to"][0]
        if start_from is not None and start_to is not None and start_from > start_to:
            data["years_wrong_way_round"] = self.wrong_way_round % {
                "start": start_from,
                "end": start_to,
            }
        return data

    def selection(self) -> Selection:
        self.is_valid()  # never invalid: the fields keep what they can use
        data = self.cleaned_data
        notices: list[str] = []
        values = {}
        for key in self.facet_keys:
            values[key], problems = data[key]
            notices += problems
        years = {}
        for key in YEAR_PARAMS:
            years[key], problems = data[key]
            notices += problems
        if "years_wrong_way_round" in data:
            notices.append(data["years_wrong_way_round"])
            years = dict.fromkeys(YEAR_PARAMS)
        q, problems = data["q"]
        notices += problems
        sort, problems = data["sort"]
        notices += problems
        return Selection(values, q=q, sort=sort, notices=notices, **years)


# The fields are built once and shared by every FinderForm: cleaning a value changes nothing in
# a field (no per-form state), and building them (a facet's labels, the error messages) was a
# large share of reading a finder URL. A facet's field lasts as long as its Facet, i.e. the index.
_OTHER_FIELDS: dict[str, forms.Field] = {
    **{key: YearField(label) for key, label in YEAR_PARAMS.items()},
    "q": SearchTextField("Search"),
    "sort": SortField("Sort by"),
}
_FACET_FIELDS: dict[int, tuple[Facet, FacetField]] = {}  # id(facet) -> (facet, its field)


def _facet_field(facet: Facet) -> FacetField:
    kept = _FACET_FIELDS.get(id(facet))
    if kept is None or kept[0] is not facet:
        if len(_FACET_FIELDS) > 256:  # fields of indexes since replaced
            _FACET_FIELDS.clear()
        kept = _FACET_FIELDS[id(facet)] = (facet, FacetField(facet))
    return kept[1]


# What a finder URL asks, remembered per set of facets (i.e. per index) and parameters: people
# page through, sort and share the same addresses, and reading them through the form was a
# large share of a finder page. Each caller gets its own copy (find() adds notices to it).
_selections = Memo(512)


def read_selection(params: QueryDict, facets: dict[str, Facet]) -> Selection:
    """What these GET parameters ask of these facets (FinderForm)."""
    facet_ids = tuple((key, id(facet)) for key, facet in facets.items())
    # only the parameters the form reads: a page number or ticked case studies change nothing
    read = (*facets, *_OTHER_FIELDS)
    key = (facet_ids, tuple((name, tuple(params.getlist(name))) for name in read if name in params))
    kept_facets, selection = _selections.get(
        key,
        # weak references: what is remembered never keeps an old index's facets alive
        lambda: (tuple(map(weakref.ref, facets.values())), FinderForm(params, facets).selection()),
    )
    if any(kept() is not facet for kept, facet in zip(kept_facets, facets.values(), strict=True)):
        # the facets of an index since freed, whose ids were reused
        selection = FinderForm(params, facets).selection()
    return replace(
        selection,
        values={key: list(values) for key, values in selection.values.items()},
        notices=list(selection.notices),
    )


def facet_label(facet: Facet, value: str) -> str:
    return next((o.label for o in facet.options if o.value == value), value)
