"""What is linked to a chunk of published case studies: themes, population groups, police force
areas, partners and sources, read in one query (`lists`) however many kinds are wanted.

`lists(ids, names)` returns {kind: {id: [JSON item, …]}} with each case study's items in the order
its own page shows them. The kinds are branches of one UNION ALL (a round trip, not five: on
PostgreSQL each costs more than the rows), each putting its values into the same typed columns
(COLUMNS) and its sort keys into the same three. Only public columns are read: nothing here can
reach a contact, a draft or an unconfirmed organisation's page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connections, router
from django.urls import reverse

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from partnerships.models.members import ROLE_ORDER

KIND_LABELS = dict(Organisation.Kind.choices)
ROLE_LABELS = dict(PartnershipMember.Role.choices)
SOURCE_LABELS = dict(Source.Kind.choices)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@cache
def _address_pattern(url_name: str) -> tuple[str, str]:
    before, _, after = reverse(url_name, args=["slug-goes-here"]).partition("slug-goes-here")
    return before, after


def address_of(url_name: str, slug: str) -> str:
    """The absolute address of the page `url_name` (which takes one slug) for `slug`. Worked out
    once per URL name: reverse() costs more than the rest of an exported row."""
    before, after = _address_pattern(url_name)
    return f"{settings.SITE_URL}{before}{slug}{after}"


# Every branch's columns, in this order: what kind of item, which case study, an integer, a
# boolean, eight texts (unused ones NULL, cast: PostgreSQL types each column of a UNION from its
# branches), and three sort keys (integer, integer, text).
SORT_KEYS = ("s1", "s2", "s3")
COLUMNS = ("kind", "partnership", "number", "flag", *(f"text{i}" for i in range(1, 9)), *SORT_KEYS)
_NULL = {"number": "CAST(NULL AS INTEGER)", "flag": "CAST(NULL AS BOOLEAN)"}
_ORDER_BY = ", ".join(str(COLUMNS.index(name) + 1) for name in ("kind", *SORT_KEYS))


def _role_rank() -> str:
    """PartnershipMember's ROLE_ORDER (lead partners first) as SQL."""
    cases = []
    for when in ROLE_ORDER.cases:
        (field, role), rank = when.condition.children[0], when.result.value
        if field != "role" or not role.isidentifier() or not isinstance(rank, int):
            raise ValueError(f"Cannot write {when!r} into SQL.")
        cases.append(f"WHEN '{role}' THEN {rank}")
    return f"CASE l.role {' '.join(cases)} ELSE {int(ROLE_ORDER.default.value)} END"


@dataclass(frozen=True)
class Kind:
    """One kind of linked item: the FROM clause (its link table as `l`, holding partnership_id),
    the columns it fills (name -> SQL) and how a row's values become its JSON item."""

    tables: str
    values: dict[str, str]
    item: Callable[..., dict]  # called with the values of `values` in its order, sort keys left out

    def select(self, number: int, placeholders: str) -> str:
        cells = [str(number), "l.partnership_id"]
        for name in COLUMNS[2:]:
            cells.append(self.values.get(name, _NULL.get(name, "CAST(NULL AS TEXT)")))
        where = f"l.partnership_id IN ({placeholders})"
        return f"SELECT {', '.join(cells)} FROM {self.tables} WHERE {where}"


def _named(slug, name) -> dict:
    return {"slug": slug, "name": name}


def _force_area(slug, name, code, region_slug, region_name, region_code) -> dict:
    region = (
        {"slug": region_slug, "name": region_name, "ons_code": region_code} if region_slug else None
    )
    return {"slug": slug, "name": name, "ons_code": code, "region": region}


def _partner(pk, confirmed, slug, name, kind, external_id, pfa_code, region_code, role, what):
    url = address_of("partnerships:organisation", slug) if confirmed else None
    organisation = {
        "id": pk,
        "slug": slug,
        "name": name,
        "kind": {"code": kind, "label": str(KIND_LABELS.get(kind, kind))},
        "external_id": external_id,
        "ons_code": pfa_code,
        "region_ons_code": region_code or "",
        "url": url,
    }
    return {
        "organisation": organisation,
        "role": {"code": role, "label": str(ROLE_LABELS.get(role, role))},
        "description": what,
    }


def _source(title, url, kind) -> dict:
    return {
        "title": title,
        "url": url,
        "kind": {"code": kind, "label": str(SOURCE_LABELS.get(kind, kind))},
    }


KINDS: dict[str, Kind] = {
    # the orders of Theme's and PopulationGroup's Meta, as on a case study's page
    "themes": Kind(
        "partnerships_partnership_themes l JOIN themes_theme t ON t.id = l.theme_id",
        {
            "text1": "t.slug",
            "text2": "t.name",
            "s1": "CASE WHEN t.is_priority THEN 0 ELSE 1 END",
            "s2": "t.position",
            "s3": "t.name",
        },
        _named,
    ),
    "population_groups": Kind(
        "partnerships_partnership_population_groups l "
        "JOIN themes_populationgroup g ON g.id = l.populationgroup_id",
        {"text1": "g.slug", "text2": "g.name", "s1": "0", "s2": "g.position", "s3": "g.name"},
        _named,
    ),
    "police_force_areas": Kind(
        "partnerships_partnership_police_force_areas l "
        "JOIN partnerships_organisation o ON o.id = l.organisation_id "
        "LEFT JOIN partnerships_region r ON r.id = o.region_id",
        {
            "text1": "o.slug",
            "text2": "o.name",
            "text3": "o.pfa_code",
            "text4": "r.slug",
            "text5": "r.name",
            "text6": "r.ons_code",
            "s1": "0",
            "s2": "0",
            "s3": "o.name",
        },
        _force_area,
    ),
    # lead partners first (PartnershipMember's Meta order)
    "partners": Kind(
        "partnerships_partnershipmember l "
        "JOIN partnerships_organisation o ON o.id = l.organisation_id "
        "LEFT JOIN partnerships_region r ON r.id = o.region_id",
        {
            "number": "o.id",
            "flag": "o.is_confirmed",
            "text1": "o.slug",
            "text2": "o.name",
            "text3": "o.kind",
            "text4": "o.external_id",
            "text5": "o.pfa_code",
            "text6": "r.ons_code",
            "text7": "l.role",
            "text8": "l.description",
            "s1": _role_rank(),
            "s2": "l.id",
        },
        _partner,
    ),
    "sources": Kind(
        "partnerships_source l",
        {"text1": "l.title", "text2": "l.url", "text3": "l.kind", "s1": "l.position", "s2": "l.id"},
        _source,
    ),
}


def lists(ids: list[int], names: list[str] | tuple[str, ...] = tuple(KINDS)) -> dict:
    """{kind name: {case study id: [JSON item, …]}} for these case studies, in one query."""
    found: dict[str, dict[int, list[dict]]] = {name: defaultdict(list) for name in names}
    if not ids or not names:
        return found
    placeholders = ", ".join(["%s"] * len(ids))
    sql = " UNION ALL ".join(KINDS[name].select(n, placeholders) for n, name in enumerate(names))
    sql += f" ORDER BY {_ORDER_BY}"  # the kind, then its sort keys
    positions = [
        [COLUMNS.index(column) for column in KINDS[name].values if column not in SORT_KEYS]
        for name in names
    ]
    items = [KINDS[name].item for name in names]
    with connections[router.db_for_read(Partnership)].cursor() as cursor:
        cursor.execute(sql, ids * len(names))
        for row in cursor.fetchall():
            n = row[0]
            found[names[n]][row[1]].append(items[n](*(row[i] for i in positions[n])))
    return found


def themes(ids: list[int]) -> dict[int, list[dict]]:
    return lists(ids, ("themes",))["themes"]
