"""Full-text search of published case studies: the one module views use, on PostgreSQL and SQLite.

    search = prepare(request.GET.get("q", ""))     # notices to show, never an exception
    queryset = Partnership.objects.published()...   # filters first
    ranked(queryset, search)                        # the best matches, best first (see below)
    matching(queryset, search)                      # every match, any order you choose
    matching_ids(search, queryset)                  # every match's id, fast: counts and facets
    snippets(page_of_partnerships, search)          # pk -> escaped text with <mark>ed words

What is searched: title, summary, the four long texts (problem, approach, outcomes, learning), the
names of the partner organisations and of the themes. Words are stemmed the English way
("partnerships" finds "partnership", "triaging" finds "triage"); very common words ("the", "of") are
ignored. The syntax (quotes, OR, -word) is read by partnerships/search_syntax.py. The index holds
published case studies only (partnerships/search_schema.py), so pass querysets that start from
Partnership.objects.published().

How `ranked` orders, and what a user sees
  * Relevance is judged on the title, summary, theme and partner names, a title match counting
    most (PostgreSQL ts_rank with weights A/B/C; SQLite bm25 with weights 10/4/2/2). Case studies
    that mention the words only in their long texts come after every case study that has one of
    them in those fields, newest first. Ties: newest first (highest id), so the order is stable
    from page to page. Relevance is worked out only for the case studies with a word searched for
    in those fields, which the database finds by index (PostgreSQL: a GIN index on them; SQLite:
    an FTS5 column filter): for a broad word, a third of the matches rather than all of them.
  * Bounded, so that a word found in most case studies costs the same as a rare one: the ranking
    looks at the CANDIDATE_POOL (10,000) most recently added matches, and lists the best
    RANKED_LIMIT (1,000) of them. With up to 10,000 matches every match is ranked; with more, a
    strong match among older case studies can be missed. `ranked(...).count()` is therefore at most
    1,000: show the total from matching_ids() (or matching().count()), which is always exact, and
    `ranking_notice(total)` when it is larger. Sorting by something else uses matching(), which
    has every match.

Cost: prepare one Search per request. It remembers the ids that matched each queryset, so ranked()
and matching_ids() run the caller's filters once between them. ranked() takes 2 queries (every
match, then the relevance of those with the words in the ranked fields), matching_ids() on the
same queryset then none, snippets() 1, plus the page of rows itself, whatever the number of case
studies. A page of ranked() fetches only its own rows. To count, use len(matching_ids(...)): it
reads only the index, whereas matching(...).count() joins every match to the case-study table.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import F, Func, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerships import search_syntax
from partnerships.models import Partnership
from partnerships.search_syntax import Clause, Phrase, Query, Term

CANDIDATE_POOL = 10_000
RANKED_LIMIT = 1_000
NAMED_POOL = 2_000  # up to this many candidates, the ranking query is given their ids
SNIPPET_WORDS = 30
# PostgreSQL: characters of the long texts given to ts_headline (from before the first word
# searched for, and in all), rather than the whole texts.
PASSAGE_CHARS = (200, 800)

# Marks put around matched words by the database, made into <mark> after the text is escaped.
OPEN, CLOSE = "\x02", "\x03"
MARKED = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")


@dataclass(frozen=True)
class Search:
    """The result of preparing a user's text."""

    text: str  # what the user typed, for showing back in the box, untouched
    notices: list[str]  # problems to show on the page, in plain English (the template escapes)
    is_empty: bool  # nothing searchable (blank, or only punctuation or very common words)
    matches_nothing: bool  # e.g. only excluded words: the page shows the notice and no results
    query: Query = field(default_factory=Query, repr=False, compare=False)
    # Matching ids per queryset, so that ranked() and matching_ids() on the same filtered queryset
    # run its filters once in a request. A Search lives as long as the request that prepared it.
    _matches: dict = field(default_factory=dict, repr=False, compare=False)


def prepare(text: str) -> Search:
    text = text if isinstance(text, str) else ""
    query = search_syntax.parse(text)
    return Search(
        text=text,
        notices=list(query.problems),
        is_empty=query.is_empty,
        matches_nothing=query.matches_nothing,
        query=query,
    )


def matching(queryset: QuerySet, search: Search) -> QuerySet:
    """`queryset` narrowed to the case studies that match: still composable, no order imposed."""
    if search.is_empty:
        return queryset
    if search.matches_nothing:
        return queryset.none()
    backend = _backend(queryset.db)
    return queryset.filter(pk__in=RawSQL(*backend.match_subquery(search.query)))


def ranked(queryset: QuerySet, search: Search) -> QuerySet:
    """The best matches in `queryset`, best first (module docstring: at most RANKED_LIMIT, ranked
    among the CANDIDATE_POOL most recently added matches). Chooses them now, in two queries, one
    of which lists every match, so that matching_ids() on the same queryset and Search then costs
    nothing; the queryset returned slices cheaply. Apply filters before calling this, not after."""
    if search.is_empty:
        return queryset
    if search.matches_nothing:
        return queryset.none()
    restriction = _restriction(queryset)
    if restriction is _EMPTY:
        return queryset.none()
    backend = _backend(queryset.db)
    matches = _matches_within(search, queryset, restriction)
    if not matches:
        return queryset.none()
    with connections[queryset.db].cursor() as cursor:
        ids = _best(backend, cursor, search.query, matches)
    # The ids go to the database as one parameter, not one parameter per id.
    chosen = queryset.filter(pk__in=RawSQL(*backend.id_list(ids))).order_by(_Position(ids))
    chosen.__class__ = _ranked_class(type(chosen))
    chosen._ranking = _Ranking(ids, _fingerprint(chosen), backend, queryset.query.where.clone())
    return chosen


def matching_ids(search: Search, queryset: QuerySet | None = None) -> list[int]:
    """Ids of every matching published case study (within `queryset`, if given), in no order.
    One query that returns a single value, however many match; none if ranked() has already
    listed them for this queryset."""
    if queryset is None:
        queryset = Partnership.objects.published()
    if search.is_empty:
        return list(queryset.order_by().values_list("pk", flat=True))
    if search.matches_nothing:
        return []
    restriction = _restriction(queryset)
    if restriction is _EMPTY:
        return []
    return list(_matches_within(search, queryset, restriction))


def snippets(partnerships: Iterable, search: Search) -> dict[int, SafeString]:
    """pk -> about SNIPPET_WORDS words to show under each result, HTML-escaped, with the matched
    words in <mark>: the summary when it matches, otherwise the part of the long texts that matches
    best, otherwise the summary as it is. One query for the whole page."""
    items = list(partnerships)
    ids = [item.pk if isinstance(item, Partnership) else int(item) for item in items]
    summaries = {item.pk: item.summary for item in items if isinstance(item, Partnership)}
    if not ids or search.is_empty or search.matches_nothing:
        return {pk: _render(summaries[pk]) for pk in ids if pk in summaries}
    db = items[0]._state.db if isinstance(items[0], Partnership) else None
    db = db or router.db_for_read(Partnership)
    with connections[db].cursor() as cursor:
        found = _backend(db).snippet_texts(cursor, search.query, ids)
    result = {}
    for pk in ids:
        if pk in found:
            summary, passages = found[pk]
            best = max(passages, key=lambda text: text.count(OPEN), default="")
            chosen = summary if OPEN in summary or OPEN not in best else best
            result[pk] = _render(chosen)
        elif pk in summaries:
            result[pk] = _render(summaries[pk])
    return result


def ranking_notice(total: int) -> str | None:
    """What to tell people when more case studies match than `ranked` lists."""
    if total <= RANKED_LIMIT:
        return None
    pool = "" if total <= CANDIDATE_POOL else f" among the {CANDIDATE_POOL:,} most recently added"
    return (
        f"The {RANKED_LIMIT:,} best matches{pool} are listed. Add words or filters to narrow "
        f"your search, or sort by newest to see all {total:,}."
    )


# --------------------------------------------------------------------------------------------------

_EMPTY = object()


def _restriction(queryset: QuerySet):
    """SQL for the ids `queryset` allows, or None when it allows exactly the published case studies
    (the index holds those and no others, so no join is needed), or _EMPTY."""
    if queryset.query.is_empty():
        return _EMPTY
    pk_query = queryset.order_by().values("pk").query
    published = Partnership.objects.published().order_by().values("pk").query
    try:
        sql, params = pk_query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return _EMPTY
    if (sql, params) == published.get_compiler(queryset.db).as_sql():
        return None
    return sql, tuple(params)


def _key(queryset: QuerySet, restriction) -> tuple[str, str]:
    return (queryset.db, repr(restriction))


def _matches_within(search: Search, queryset: QuerySet, restriction) -> list[int]:
    key = _key(queryset, restriction)
    if key not in search._matches:
        with connections[queryset.db].cursor() as cursor:
            search._matches[key] = _backend(queryset.db).ids(cursor, search.query, restriction)
    return search._matches[key]


def _best(backend, cursor, query: Query, matches: list[int]) -> list[int]:
    """The RANKED_LIMIT best of the CANDIDATE_POOL newest matches: those whose title, summary,
    theme or partner names hold a word searched for, by relevance; then the rest, newest first.

    Relevance is worked out only for the first kind, which the database finds by their own index
    (for a broad word, a third of the matches rather than all of them). It may name case studies
    that hold a word but do not match the whole search; they are left out here."""
    pool = sorted(matches, reverse=True)[:CANDIDATE_POOL]
    # Named when few, or when spread thinly over the ids (filters): else only the id range is
    # given, and the database would look at every case study in it.
    among = pool if len(pool) <= NAMED_POOL or len(pool) * 2 < pool[0] - pool[-1] else None
    in_pool = set(pool)
    best = [pk for pk in backend.ranked_ids(cursor, query, pool[-1], among) if pk in in_pool]
    del best[RANKED_LIMIT:]
    if len(best) < RANKED_LIMIT:
        chosen = set(best)
        rest = (pk for pk in pool if pk not in chosen)
        best.extend(islice(rest, RANKED_LIMIT - len(best)))
    return best


@dataclass(frozen=True)
class _Ranking:
    ids: list[int]
    fingerprint: tuple | None
    backend: type
    where: object  # the caller's filters, without the ranked ids: a page needs only its own ids


def _fingerprint(queryset: QuerySet) -> tuple | None:
    """What would make a slice of the ranked ids wrong: other filters, another order."""
    query = queryset.query
    try:
        where = query.get_compiler(queryset.db).compile(query.where)
    except EmptyResultSet:
        return None
    return (where[0], tuple(map(repr, where[1])), tuple(map(repr, query.order_by)))


class _RankedQuerySet:
    """Mixed into the caller's queryset class by ranked(): a page is the rows of its slice of the
    ranked ids ([20:40] fetches 20 rows, not 40 or 1,000), and count() is the number of ids. If
    the queryset is filtered or re-ordered after ranked(), it behaves as an ordinary queryset."""

    _ranking: _Ranking | None = None

    def _clone(self):
        clone = super()._clone()
        clone._ranking = self._ranking
        return clone

    def _ranking_applies(self) -> bool:
        ranking = self._ranking
        return (
            ranking is not None
            and ranking.fingerprint is not None
            and self._result_cache is None
            and not self.query.is_sliced
            and _fingerprint(self) == ranking.fingerprint
        )

    def count(self) -> int:
        if self._ranking_applies():
            return len(self._ranking.ids)
        return super().count()

    def __getitem__(self, k):
        if isinstance(k, slice) and k.step in (None, 1) and self._ranking_applies():
            start = 0 if k.start is None else k.start
            stop = len(self._ranking.ids) if k.stop is None else k.stop
            if start >= 0 and stop >= 0:
                window = self._ranking.ids[start:stop]
                page = self._chain()
                page._ranking = None
                if not window:
                    return page.none()
                # The caller's filters and the page's ids, in the page's order: not the list of
                # every ranked id twice over (filter and order), which the database would parse.
                page.query.where = self._ranking.where.clone()
                return page.filter(pk__in=RawSQL(*self._ranking.backend.id_list(window))).order_by(
                    _Position(window)
                )
        return super().__getitem__(k)


_ranked_classes: dict[type, type] = {}


def _ranked_class(queryset_class: type) -> type:
    if issubclass(queryset_class, _RankedQuerySet):
        return queryset_class
    if queryset_class not in _ranked_classes:
        _ranked_classes[queryset_class] = type(
            f"Ranked{queryset_class.__name__}", (_RankedQuerySet, queryset_class), {}
        )
    return _ranked_classes[queryset_class]


class _Position(Func):
    """Where each row's id is in a list of ids: as cheap per row as ordering by a list can be."""

    output_field = IntegerField()

    def __init__(self, ids: list[int]) -> None:
        super().__init__(F("pk"))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):  # SQLite: the offset in ",12,7,30,"
        pk, params = compiler.compile(self.get_source_expressions()[0])
        return f"instr(%s, ',' || {pk} || ',')", [f",{','.join(map(str, self.ids))},", *params]

    def as_postgresql(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        return f"array_position(%s::bigint[], {pk})", [self.ids, *params]


def _render(text: str) -> SafeString:
    html = escape(" ".join(text.split()))
    html = MARKED.sub(r"<mark>\1</mark>", html)
    return mark_safe(html.replace(OPEN, "").replace(CLOSE, ""))


def _backend(alias: str):
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return _PostgreSQL
    if vendor == "sqlite":
        return _SQLite
    raise NotImplementedError(f"Search is written for PostgreSQL and SQLite, not {vendor}.")


class _SQLite:
    """FTS5: every word goes to MATCH inside double quotes (search_syntax.to_fts5)."""

    # Title, summary, themes, partners; the long texts do not count towards relevance.
    RANKED_COLUMNS = ("title", "summary", "themes", "partners")
    BM25 = "bm25(partnerships_search, 10.0, 4.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0)"
    BODY_COLUMNS = (4, 5, 6, 7)

    @staticmethod
    def _where(query: Query, restriction) -> tuple[str, list]:
        sql = "partnerships_search MATCH %s"
        params = [search_syntax.to_fts5(query)]
        if restriction is not None:
            # The unary + keeps SQLite from handing the IN list to FTS5, which would run the
            # full-text query once per allowed id.
            sql += f" AND +rowid IN ({restriction[0]})"
            params += restriction[1]
        return sql, params

    @staticmethod
    def id_list(ids: list[int]) -> tuple[str, list]:
        return "SELECT value FROM json_each(%s)", (json.dumps(ids),)

    @classmethod
    def match_subquery(cls, query: Query) -> tuple[str, list]:
        where, params = cls._where(query, None)
        return f"SELECT rowid FROM partnerships_search WHERE {where}", params

    @classmethod
    def ids(cls, cursor, query: Query, restriction) -> list[int]:
        where, params = cls._where(query, restriction)
        cursor.execute(
            f"SELECT json_group_array(rowid) FROM partnerships_search WHERE {where}", params
        )
        return json.loads(cursor.fetchone()[0])

    @classmethod
    def ranked_ids(cls, cursor, query: Query, floor: int, among: list[int] | None) -> list[int]:
        """Ids from `floor` up (and in `among`, if given) whose ranked columns hold a word or
        phrase searched for, best first by bm25, ties newest first."""
        sql = "partnerships_search MATCH %s AND rowid >= %s"
        params: list = [search_syntax.to_fts5_any(query, cls.RANKED_COLUMNS), floor]
        if among is not None:
            sql += " AND +rowid IN (SELECT value FROM json_each(%s))"  # + as in _where()
            params.append(json.dumps(among))
        cursor.execute(
            f"""SELECT rowid FROM (
                    SELECT rowid, {cls.BM25} AS score FROM partnerships_search WHERE {sql}
                ) ORDER BY score, rowid DESC""",
            params,
        )
        return [pk for (pk,) in cursor.fetchall()]

    @classmethod
    def snippet_texts(cls, cursor, query: Query, ids: list[int]) -> dict:
        marks = [OPEN, CLOSE]
        columns = ", ".join(
            f"snippet(partnerships_search, {column}, %s, %s, '…', {SNIPPET_WORDS})"
            for column in cls.BODY_COLUMNS
        )
        cursor.execute(
            f"""SELECT rowid, highlight(partnerships_search, 1, %s, %s), {columns}
                FROM partnerships_search
                WHERE partnerships_search MATCH %s
                  AND rowid IN ({", ".join(["%s"] * len(ids))})""",
            [*marks, *marks * len(cls.BODY_COLUMNS), search_syntax.to_fts5(query), *ids],
        )
        return {row[0]: (row[1], list(row[2:])) for row in cursor.fetchall()}


class _PostgreSQL:
    """tsvector/tsquery: each word and phrase is a parameter to a tsquery function."""

    @staticmethod
    def _clause(clause: Clause, for_index: bool) -> tuple[str, list]:
        if isinstance(clause, Term):
            return "plainto_tsquery('english'::regconfig, %s)", [clause.word]
        assert isinstance(clause, Phrase)
        function = (
            "partnerships_search_phrase(%s)"
            if for_index
            else "phraseto_tsquery('english'::regconfig, %s)"
        )
        return function, [" ".join(clause.words)]

    @classmethod
    def tsquery(cls, query: Query, for_index: bool) -> tuple[str, list]:
        """The query as a tsquery expression. for_index: phrases as word pairs, which the GIN
        index answers without reading the vectors; otherwise positional, for ranking and
        highlighting."""
        params: list = []

        def either(clauses) -> str:
            parts = []
            for clause in clauses:
                sql, clause_params = cls._clause(clause, for_index)
                parts.append(sql)
                params.extend(clause_params)
            return "(" + " || ".join(parts) + ")"

        sql = " && ".join(either(group.options) for group in query.required)
        if query.excluded:
            sql = f"({sql}) && !!{either(query.excluded)}"
        return sql, params

    @staticmethod
    def _allowed(restriction) -> tuple[str, list]:
        if restriction is None:
            return "NULL::bigint[]", []
        return f"ARRAY({restriction[0]})", list(restriction[1])

    @staticmethod
    def id_list(ids: list[int]) -> tuple[str, list]:
        return "SELECT unnest(%s::bigint[])", (ids,)

    @classmethod
    def match_subquery(cls, query: Query) -> tuple[str, list]:
        q, params = cls.tsquery(query, for_index=True)
        return f"SELECT unnest(partnerships_search_ids({q}))", params

    @classmethod
    def ids(cls, cursor, query: Query, restriction) -> list[int]:
        q, params = cls.tsquery(query, for_index=True)
        allowed, allowed_params = cls._allowed(restriction)
        cursor.execute(
            f"SELECT partnerships_search_ids({q}, {allowed})", [*params, *allowed_params]
        )
        return cursor.fetchone()[0]

    @classmethod
    def ranked_ids(cls, cursor, query: Query, floor: int, among: list[int] | None) -> list[int]:
        """Ids from `floor` up (and in `among`, if given) whose head (title, summary, theme and
        partner names) holds a word searched for, best first by ts_rank on the
        head, ties newest first. The GIN index on head finds them (migration 0008)."""
        words = query.positive_words
        any_word = " || ".join(["plainto_tsquery('english'::regconfig, %s)"] * len(words))
        rank_q, rank_params = cls.tsquery(query, for_index=False)
        sql = f"head @@ ({any_word}) AND partnership_id >= %s"
        params: list = [*words, floor]
        if among is not None:
            sql += " AND partnership_id = ANY(%s::bigint[])"
            params.append(among)
        cursor.execute(
            f"""SELECT partnership_id FROM (
                    SELECT partnership_id, ts_rank(head, {rank_q}) AS score
                    FROM partnerships_search_rank WHERE {sql}
                ) scored
                ORDER BY score DESC, partnership_id DESC""",
            [*rank_params, *params],
        )
        return [pk for (pk,) in cursor.fetchall()]

    @classmethod
    def snippet_texts(cls, cursor, query: Query, ids: list[int]) -> dict:
        """The summary, highlighted; and, when the summary does not match, a highlighted passage
        of the long texts. Parsing is most of what ts_headline costs, so where a word searched for
        appears as typed, it is given only the PASSAGE_CHARS around its first appearance; where
        none does (another form of the word, say "triaging" for "triage"), the whole texts."""
        rank_q, params = cls.tsquery(query, for_index=False)
        marks = f'StartSel="{OPEN}", StopSel="{CLOSE}"'
        # Words are letters, digits and marks only (search_syntax), never regex syntax.
        typed = "\\m(" + "|".join(query.positive_words)
        before, length = PASSAGE_CHARS
        cursor.execute(
            f"""SELECT p.id,
                    ts_headline('english'::regconfig, translate(p.summary, %s, ''), q, %s),
                    CASE WHEN NOT to_tsvector('english'::regconfig, p.summary) @@ q
                    THEN ts_headline('english'::regconfig, translate(
                        CASE WHEN found.at > 0
                        THEN substr(body.text, greatest(found.at - %s, 1), %s)
                        ELSE body.text END, %s, ''
                    ), q, %s) END
                FROM partnerships_partnership p
                JOIN partnerships_search s ON s.partnership_id = p.id,
                (SELECT {rank_q} AS q) query,
                LATERAL (
                    SELECT concat_ws(' ', p.problem, p.approach, p.outcomes, p.learning) AS text
                ) body,
                LATERAL (SELECT regexp_instr(body.text, %s, 1, 1, 0, 'i') AS at) found
                WHERE s.partnership_id = ANY(%s)""",
            [
                OPEN + CLOSE,
                f"{marks}, HighlightAll=true",
                before,
                length,
                OPEN + CLOSE,
                # The best cover of the query, not fragment mode: half the cost.
                f"{marks}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS - 5}",
                *params,
                typed + ")\\M",
                ids,
            ],
        )
        return {
            pk: (summary, [f"… {passage} …"] if passage else [])
            for pk, summary, passage in cursor.fetchall()
        }
