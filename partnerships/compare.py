"""Comparing 2 or 3 published case studies side by side (/compare/?ids=…).

The selection lives in the address: `ids` may be repeated (ids=4&ids=9, as the finder's
checkboxes send it) or comma-separated (ids=4,9). Anything that is not a case study number, a
case study that is not published (unknown, draft, archived: they look the same), and too few or
too many are each explained on the page; nothing here raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import quote

from partnerships.models import Partnership

MIN_CHOSEN, MAX_CHOSEN = 2, 3
MAX_TOKENS = 50  # more than this in the address is not read at all
MAX_DIGITS = 12  # keeps every number inside the databases' integer range
MAX_CARRIED = 20  # ticked case studies the finder carries from page to page


@dataclass
class Comparison:
    chosen: list[Partnership] = field(default_factory=list)  # published, in the order given
    problems: list[str] = field(default_factory=list)
    too_many: bool = False
    asked: bool = False  # anything was given at all

    @property
    def ready(self) -> bool:
        return MIN_CHOSEN <= len(self.chosen) <= MAX_CHOSEN


def parse_ids(values: list[str]) -> tuple[list[int], list[str]]:
    """The distinct case study numbers in `values`, in order, and the tokens that are not one."""
    tokens = [t.strip() for value in values for t in value.split(",")]
    tokens = [t for t in tokens if t][:MAX_TOKENS]
    ids: list[int] = []
    bad: list[str] = []
    for token in tokens:
        if token.isascii() and token.isdigit() and len(token) <= MAX_DIGITS and int(token) > 0:
            if int(token) not in ids:
                ids.append(int(token))
        elif token not in bad:
            bad.append(token)
    return ids, bad


def compare(values: list[str]) -> Comparison:
    """The comparison the address asks for, with a plain-English problem for each thing wrong."""
    ids, bad = parse_ids(values)
    result = Comparison(asked=bool(ids or bad))
    for token in bad:
        shown = token if len(token) <= 40 else token[:40] + "…"
        result.problems.append(f"“{shown}” is not a case study number, so it was left out.")
    found = {}
    if ids:
        found = {p.pk: p for p in Partnership.objects.published().for_detail().filter(pk__in=ids)}
    for pk in ids:
        if pk not in found:
            result.problems.append(
                f"There is no published case study number {pk}: it may have been archived. "
                "It was left out."
            )
    result.chosen = [found[pk] for pk in ids if pk in found]
    if len(result.chosen) > MAX_CHOSEN:
        result.too_many = True
        result.problems.append(
            f"You can compare up to {MAX_CHOSEN} case studies at a time. You chose "
            f"{len(result.chosen)}: untick some and compare again."
        )
    elif len(result.chosen) == 1:
        result.problems.append(
            "Choose at least one more case study to compare it with: tick “Add to "
            "comparison” on 2 or 3 case studies in the list."
        )
    for partnership in result.chosen:
        partnership.partners_by_kind = partners_by_kind(partnership)
    return result


@dataclass(frozen=True)
class Ticked:
    """The case studies ticked for comparison while moving through a finder.

    Without JavaScript or cookies the selection lives in the finder's address: `compare=4,9`
    (or repeated, as the checkboxes send it). The finder ticks those cards, carries the ids in
    its page links and forms (hidden inputs), and "Compare selected" sends them all, including
    those ticked on other pages. Only published case studies (in the finder's index) are
    carried; nothing here runs a query.
    """

    ids: tuple[int, ...] = ()
    notices: tuple[str, ...] = ()

    @property
    def query(self) -> str:
        """The selection as a query-string pair ("compare=4,9"), or "" when nothing is ticked."""
        return "compare=" + ",".join(map(str, self.ids)) if self.ids else ""

    def not_on(self, page_ids) -> list[int]:
        """Ticked ids whose cards are not on this page (the compare form's hidden inputs)."""
        shown = set(page_ids)
        return [pk for pk in self.ids if pk not in shown]


def ticked(values: list[str], published_ids) -> Ticked:
    """The ticked case studies the address carries, keeping only those in `published_ids` (the
    finder index's positions, a mapping of every published id)."""
    ids, bad = parse_ids(values)
    notices = [
        f"“{token[:40]}” is not a case study number, so it was taken out of your comparison."
        for token in bad
    ]
    kept = [pk for pk in ids if pk in published_ids]
    notices += [
        f"There is no published case study number {pk}, so it was taken out of your comparison."
        for pk in ids
        if pk not in published_ids
    ]
    if len(kept) > MAX_CARRIED:
        notices.append(f"At most {MAX_CARRIED} case studies can be ticked; the rest were left out.")
    return Ticked(tuple(kept[:MAX_CARRIED]), tuple(notices))


def comparison_address(values: list[str]) -> str:
    """/compare/'s own address for what the finder's form sent (`compare=` ids and the finder's
    parameters): `?ids=4,9`, bad tokens kept so that the page can explain them."""
    ids, bad = parse_ids(values)
    return "?ids=" + ",".join([str(pk) for pk in ids] + [quote(t, safe="") for t in bad])


def partners_by_kind(partnership) -> list[tuple[str, list]]:
    """The case study's partners grouped by kind of organisation: [(kind label, members)]."""
    members = sorted(
        partnership.members.all(), key=lambda m: (m.organisation.get_kind_display(), m.pk)
    )
    return [
        (kind, list(group))
        for kind, group in groupby(members, key=lambda m: m.organisation.get_kind_display())
    ]
