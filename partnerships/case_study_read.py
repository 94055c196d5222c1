"""A published case study with what its page lists, in two queries: its row, then its themes,
population groups, police force areas, partners and sources in one UNION ALL (a round trip, not
five: on PostgreSQL each costs more than its rows), as opendata/related.py reads them for a chunk.

`published_for_page(slug)` gives a Partnership whose `themes`, `population_groups`,
`police_force_areas`, `members` (each with its `organisation`) and `sources` are already loaded,
as `Partnership.objects.published().for_detail()` would give them, in the same orders (each
model's Meta ordering), so templates and partnerships.related read them with `.all()` and no
query. Only the columns the page uses are read: the rest of those rows are deferred fields, so
reading another one would cost a query (tests/partnerships/test_query_budgets.py would say so).
"""

from __future__ import annotations

from django.db import connections, router

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from themes.models import PopulationGroup, Theme

_ROLE_RANK = (
    "CASE l.role WHEN 'lead' THEN 0 WHEN 'partner' THEN 1 WHEN 'funder' THEN 2 "
    "WHEN 'evaluator' THEN 3 ELSE 4 END"
)  # PartnershipMember's ROLE_ORDER (tests/partnerships/test_case_study_read.py checks it)
_NULL_TEXT = "CAST(NULL AS TEXT)"

# Each branch: (relation, FROM clause with the link table as `l`, its columns, its sort keys). Every
# branch's row is the kind's number, an id, an integer, a boolean and seven texts (those it does not
# give are NULL, cast: PostgreSQL types a UNION's columns from its branches), then three sort keys
# (integer, integer, text): the orders of each model's Meta.
_BRANCHES = [
    (
        "themes",
        "partnerships_partnership_themes l JOIN themes_theme t ON t.id = l.theme_id",
        "t.id, t.position, t.is_priority, t.slug, t.name",
        "CASE WHEN t.is_priority THEN 0 ELSE 1 END, t.position, t.name",
    ),
    (
        "population_groups",
        "partnerships_partnership_population_groups l "
        "JOIN themes_populationgroup g ON g.id = l.populationgroup_id",
        "g.id, g.position, CAST(NULL AS BOOLEAN), g.slug, g.name",
        "0, g.position, g.name",
    ),
    (
        "police_force_areas",
        "partnerships_partnership_police_force_areas l "
        "JOIN partnerships_organisation o ON o.id = l.organisation_id",
        "o.id, o.id, o.is_confirmed, o.slug, o.name, o.pfa_code, o.kind, o.external_id",
        "0, 0, o.name",
    ),
    (
        "members",
        "partnerships_partnershipmember l "
        "JOIN partnerships_organisation o ON o.id = l.organisation_id",
        "l.id, o.id, o.is_confirmed, o.slug, o.name, o.pfa_code, o.kind, o.external_id, "
        "l.role, l.description",
        f"{_ROLE_RANK}, l.id, {_NULL_TEXT}",
    ),
    (
        "sources",
        "partnerships_source l",
        "l.id, l.position, CAST(NULL AS BOOLEAN), l.title, l.url, l.kind",
        f"l.position, l.id, {_NULL_TEXT}",
    ),
]
_TEXTS = 7


def _select(number: int, tables: str, columns: str, sort: str) -> str:
    given = columns.count(",") + 1
    texts = ", ".join([_NULL_TEXT] * (3 + _TEXTS - given))
    filled = f"{columns}, {texts}" if texts else columns
    return f"SELECT {number}, {filled}, {sort} FROM {tables} WHERE l.partnership_id = %s"


_SQL = (
    " UNION ALL ".join(_select(n, *branch[1:]) for n, branch in enumerate(_BRANCHES))
    + " ORDER BY 1, 12, 13, 14"
)
_NAMES = [branch[0] for branch in _BRANCHES]


def _instance(model, db: str, **values):
    """A model instance as the ORM loads one with only these fields (the others deferred)."""
    fields = [f for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, [f.attname for f in fields], [values[f.attname] for f in fields])


def _organisation(db: str, row) -> Organisation:
    return _instance(
        Organisation,
        db,
        id=row[2],
        is_confirmed=bool(row[3]),
        slug=row[4],
        name=row[5],
        pfa_code=row[6],
        kind=row[7],
        external_id=row[8],
    )


def _item(db: str, kind: int, row, partnership: Partnership):
    if kind == 0:
        return _instance(
            Theme,
            db,
            id=row[1],
            position=row[2],
            is_priority=bool(row[3]),
            slug=row[4],
            name=row[5],
        )
    if kind == 1:
        return _instance(PopulationGroup, db, id=row[1], position=row[2], slug=row[4], name=row[5])
    if kind == 2:
        return _organisation(db, row)
    if kind == 3:
        member = _instance(
            PartnershipMember,
            db,
            id=row[1],
            partnership_id=partnership.pk,
            organisation_id=row[2],
            role=row[9],
            description=row[10],
        )
        member.organisation = _organisation(db, row)
        member.partnership = partnership
        return member
    source = _instance(
        Source,
        db,
        id=row[1],
        partnership_id=partnership.pk,
        position=row[2],
        title=row[4],
        url=row[5],
        kind=row[6],
    )
    source.partnership = partnership
    return source


def _loaded(instance, name: str, objects: list) -> None:
    """What prefetch_related leaves: the relation's queryset, already evaluated."""
    manager = getattr(instance, name)
    queryset = manager.get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    # many-to-many managers name their cache; a reverse foreign key's is its field's
    cache_name = getattr(manager, "prefetch_cache_name", None)
    instance._prefetched_objects_cache[cache_name or manager.field.remote_field.cache_name] = (
        queryset
    )


def published_for_page(slug: str) -> Partnership | None:
    """The published case study `slug` with its lists loaded (module docstring), or None."""
    partnership = next(iter(Partnership.objects.published().filter(slug=slug).order_by()[:1]), None)
    if partnership is None:
        return None
    db = router.db_for_read(Partnership)
    found: dict[str, list] = {name: [] for name in _NAMES}
    with connections[db].cursor() as cursor:
        cursor.execute(_SQL, [partnership.pk] * len(_BRANCHES))
        for row in cursor.fetchall():
            found[_NAMES[row[0]]].append(_item(db, row[0], row, partnership))
    if not hasattr(partnership, "_prefetched_objects_cache"):
        partnership._prefetched_objects_cache = {}
    for name, objects in found.items():
        _loaded(partnership, name, objects)
    return partnership
