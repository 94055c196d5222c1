"""Related case studies: up to five published case studies like this one, each with a reason.

Built from the finder's bitmap index (partnerships.facet_index.get_index(): `masks[facet][value]`,
`ids`, `position`), which holds only published case studies, so nothing unpublished can be
suggested. The score, highest first:

- 4 points for each theme shared;
- 2 for each population group ("who it is for") shared;
- 2 for sharing a police force area, or 2 for working in a neighbouring one (only when the
  page passes `neighbours`, a mapping of a force's ONS code to its neighbours' codes);
- 1 for each kind of partner shared, at most 3;
- 1 for each distinctive word of this case study's title, summary and "what was done" that the
  other's title or summary uses, at most 3.

A case study must share a theme, a population group or an area (or a neighbouring one) to be
considered, and score at least MIN_SCORE to be shown. Ties go to the more recently added (the
higher id). The first five signals come from the index; the words are compared for a shortlist
of the SHORTLIST best, fetched in the page's one query for related case studies.

The approach words: a "distinctive word" (`words_of`) is four letters or more, lower case, and not
one of STOP_WORDS (words nearly every case study here uses: police, health, partnership…). This
case study's words come from its title, summary and "what was done" (`approach`); a candidate's
from its title and summary, which the shortlist query reads anyway (the long texts are not
fetched). Words only re-rank candidates found through the index: the index holds no text, and
words alone ("naloxone") are too weak a sign to suggest a case study by themselves.

The reason says what is shared, most telling first, in one sentence starting "Also": the first
shared theme ("mental health crisis care", with "(and 2 more themes)"), up to two population
groups ("for children and young people"), then the same force area ("in the Cleveland Police
area") or else a neighbouring one ("in a neighbouring area"). Kinds of partner and words add to
the score but are not named: every candidate shares a theme, group or area, which says more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from partnerships import facet_index
from partnerships.case_study_parts import CaseStudyParts, parts_of
from partnerships.models import Organisation, Partnership

THEME, GROUP, AREA, NEIGHBOUR, KIND, WORD = 4, 2, 2, 2, 1, 1
KIND_CAP = WORD_CAP = 3
MIN_SCORE = 3
SHORTLIST = 20
LIMIT = 5

# Words too common in this directory to say two case studies are alike.
STOP_WORDS = frozenset(
    """about after also among and area areas been being between both from have health into
    local more most other over partnership partnerships people police public service services
    such support than that their them there these they this those through under were what when
    where which while with within work worked working year years would""".split()
)
WORD_PATTERN = re.compile(r"[a-z][a-z'-]{3,}")


@dataclass
class Related:
    """A related case study (fetched with .for_listing()), its score and the reason shown."""

    partnership: Partnership
    score: int
    reason: str


def words_of(*texts: str) -> set[str]:
    """The distinctive words of some texts: lower case, four letters or more, not stop words."""
    found: set[str] = set()
    for text in texts:
        found |= _words_of(text or "")
    return found


@lru_cache(maxsize=8192)
def _words_of(text: str) -> frozenset[str]:
    """One text's distinctive words, remembered: the same titles and summaries are compared on
    page after page."""
    words = (w.strip("'-") for w in WORD_PATTERN.findall(text.lower()))
    return frozenset(w for w in words if len(w) >= 4 and w not in STOP_WORDS)


_force_codes: tuple[int, dict[str, str]] | None = None


def force_slugs_by_code(index: facet_index.FacetIndex) -> dict[str, str]:
    """Police force ONS code -> the force's slug (the index's key), read once per index."""
    global _force_codes
    if _force_codes is None or _force_codes[0] != index.stamp:
        rows = Organisation.objects.police_forces().exclude(pfa_code="")
        _force_codes = (index.stamp, dict(rows.values_list("pfa_code", "slug")))
    return _force_codes[1]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def related(
    partnership: Partnership,
    *,
    parts: CaseStudyParts | None = None,
    index: facet_index.FacetIndex | None = None,
    neighbours: Mapping[str, Iterable[str]] | None = None,
    limit: int = LIMIT,
) -> list[Related]:
    """Up to `limit` related published case studies, best first. Its tags and partners are
    `parts` (partnerships.case_study_parts), or else read from `partnership`, best fetched with
    Partnership.objects.for_detail()."""
    index = index or facet_index.get_index()
    masks = index.masks
    parts = parts or parts_of(partnership)
    themes = parts.themes
    groups = parts.population_groups
    forces = parts.police_force_areas
    kinds = {m.organisation.kind for m in parts.members}
    own_forces = {f.slug for f in forces}
    neighbour_slugs: set[str] = set()
    if neighbours and forces:
        slug_of = force_slugs_by_code(index)
        for force in forces:
            for code in neighbours.get(force.pfa_code, ()):
                if code in slug_of and slug_of[code] not in own_forces:
                    neighbour_slugs.add(slug_of[code])

    theme_masks = [(t.name, masks["theme"].get(t.slug, 0)) for t in themes]
    group_masks = [(g.name, masks["population"].get(g.slug, 0)) for g in groups]
    force_masks = [(f.name, masks["force"].get(f.slug, 0)) for f in forces]
    area_mask = 0
    for _, mask in force_masks:
        area_mask |= mask
    near_mask = 0
    for slug in neighbour_slugs:
        near_mask |= masks["force"].get(slug, 0)
    near_mask &= ~area_mask

    eligible = area_mask | near_mask
    for _, mask in theme_masks + group_masks:
        eligible |= mask
    me = index.position.get(partnership.pk)
    if me is not None:
        eligible &= ~(1 << me)
    if not eligible:
        return []

    # Every candidate's score at once, as a bit-sliced counter (bit p of planes[j] is bit j of
    # case study p's score): a few operations on whole bitmaps per signal, however many case
    # studies there are, instead of a loop over each one.
    planes: list[int] = []
    for _, mask in theme_masks:
        _add(planes, mask, THEME)
    for _, mask in group_masks:
        _add(planes, mask, GROUP)
    _add(planes, area_mask, AREA)
    _add(planes, near_mask, NEIGHBOUR)
    # at_least[c]: the candidates sharing at least c+1 kinds of partner (up to KIND_CAP)
    at_least = [0] * KIND_CAP
    for kind in kinds:
        mask = masks["partner_kind"].get(kind, 0) & eligible
        for c in reversed(range(1, KIND_CAP)):
            at_least[c] |= at_least[c - 1] & mask
        at_least[0] |= mask
    for mask in at_least:
        _add(planes, mask, KIND)
    planes = [plane & eligible for plane in planes]

    def score_of(p: int) -> int:
        return sum(1 << j for j, plane in enumerate(planes) if plane >> p & 1)

    best = sorted(_top(planes, eligible, SHORTLIST), key=lambda p: (-score_of(p), -index.ids[p]))
    rows = {
        row.pk: row
        for row in Partnership.objects.published()
        .for_listing()
        .filter(pk__in=[index.ids[p] for p in best])
    }
    own_words = words_of(partnership.title, partnership.summary, partnership.approach)
    found = []
    for p in best:
        row = rows.get(index.ids[p])
        if row is None:  # no longer published since the index was built
            continue
        common = sorted(own_words & words_of(row.title, row.summary))
        total = score_of(p) + WORD * min(len(common), WORD_CAP)
        if total < MIN_SCORE:
            continue
        reason = _reason(
            [name for name, mask in theme_masks if mask >> p & 1],
            [name for name, mask in group_masks if mask >> p & 1],
            next((name for name, mask in force_masks if mask >> p & 1), None),
            bool(near_mask >> p & 1),
        )
        found.append(Related(row, total, reason))
    found.sort(key=lambda r: (-r.score, -r.partnership.pk))
    return found[:limit]


def _add(planes: list[int], mask: int, points: int) -> None:
    """Add `points` to the bit-sliced counter `planes` for every case study in `mask`."""
    j = 0
    while points:
        if points & 1:
            carry, k = mask, j
            while carry:
                while len(planes) <= k:
                    planes.append(0)
                planes[k], carry = planes[k] ^ carry, planes[k] & carry
                k += 1
        points >>= 1
        j += 1


def _top(planes: list[int], candidates: int, k: int) -> list[int]:
    """The positions of the k candidates with the highest scores, ties going to the higher
    position (the more recently added): the bit-sliced index's top-k walk, highest bit first."""
    chosen, tied = 0, candidates
    for plane in reversed(planes):
        with_bit = chosen | (tied & plane)
        n = with_bit.bit_count()
        if n > k:
            tied &= plane
        elif n < k:
            chosen, tied = with_bit, tied & ~plane
        else:
            chosen, tied = with_bit, 0
            break
    found = []
    while chosen:
        p = chosen.bit_length() - 1
        found.append(p)
        chosen ^= 1 << p
    while tied and len(found) < k:
        p = tied.bit_length() - 1
        found.append(p)
        tied ^= 1 << p
    return found


def _lower_first(name: str) -> str:
    """ "Children and young people" -> "children and young people"; "LGBT+ people" stays."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _reason(themes: list[str], groups: list[str], area: str | None, near: bool) -> str:
    """Why it is related, in a short sentence: "Also mental health crisis care, in a
    neighbouring area" (see the module's docstring). Every candidate shares a theme, a group, an
    area or a neighbouring area, so there is always something to say."""
    parts = []
    if themes:
        more = len(themes) - 1
        parts.append(
            _lower_first(themes[0])
            + (f" (and {more} more theme{'s' if more > 1 else ''})" if more else "")
        )
    if groups:
        parts.append("for " + _join([_lower_first(g) for g in groups[:2]]))
    if area:
        parts.append(f"in the {area} area")
    elif near:
        parts.append("in a neighbouring area")
    return "Also " + ", ".join(parts)
