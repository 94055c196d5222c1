"""Full-text search of published case studies: ids in, ids out, on PostgreSQL and SQLite.

    search = prepare(request.GET.get("q", ""))   # notices to show, never an exception
    matching_ids(search)                          # every match's id, in id order
    matching_bits(search)                         # the same as a bitmap over the ids
    rank(search, candidate_ids)                   # the best of those matches, best first
    snippets(search, page_ids)                    # pk -> escaped text with <mark>ed words

The finder (partnerships/finder.py) intersects the matches with its filters in its bitmap index
and hands rank() the matches that remain, so this module knows nothing of querysets or filters.

What is searched: title, summary, the four long texts (problem, approach, outcomes, learning), the
names of the partner organisations and of the themes. Words are stemmed the English way
("partnerships" finds "partnership", "triaging" finds "triage"); very common words ("the", "of") are
ignored. The syntax (quotes, OR, -word) is read by partnerships/search_syntax.py. The index holds
published case studies only (partnerships/search_schema.py).

How `rank` orders, and what a user sees
  * Relevance is judged on the title, summary, theme and partner names, a title match counting
    most (PostgreSQL ts_rank with weights A/B/C; SQLite bm25 with weights 10/4/2/2). Case studies
    that mention the words only in their long texts come after every case study that has one of
    them in those fields, newest first. Ties: newest first (highest id), so the order is stable
    from page to page. Relevance is worked out only for the case studies with a word searched for
    in those fields, which the database finds by index (PostgreSQL: a GIN index on them; SQLite:
    an FTS5 column filter).
  * Bounded, so that a word found in most case studies costs the same as a rare one: the ranking
    looks at the CANDIDATE_POOL (10,000) most recently added candidates, and lists the best
    RANKED_LIMIT (1,000) of them. Show the total from matching_ids(), which is always exact, and
    `ranking_notice(total)` when it is larger.

Cost: matching_ids() is one query returning a single packed value however many match
(partnerships/id_bits.py); rank() one; snippets() one for the whole page.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from django.db import connections, router
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerships import id_bits, search_fts5, search_syntax
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


def prepare(text: str) -> Search:
    text = text if isinstance(text, str) else ""
    query = _parsed(text)
    return Search(
        text=text,
        notices=list(query.problems),
        is_empty=query.is_empty,
        matches_nothing=query.matches_nothing,
        query=query,
    )


@lru_cache(maxsize=1024)
def _parsed(text: str) -> Query:
    """search_syntax.parse, remembered: a Query is frozen and depends on the text alone, and
    the same words are searched for page after page."""
    return search_syntax.parse(text)


def _alias() -> str:
    return router.db_for_read(Partnership)


def matching_ids(search: Search) -> list[int]:
    """Ids of every matching published case study, smallest first (every published one when the
    search is empty). One query that returns a single value, however many match."""
    return id_bits.ids(matching_bits(search))


def matching_bits(search: Search) -> int:
    """matching_ids() as a bitmap over the ids (bit k set: case study k matches), which is how
    the database hands them over: the finder turns it into its own bitmap without a Python step
    per match."""
    if search.matches_nothing:
        return 0
    if search.is_empty:
        return id_bits.from_ids(Partnership.objects.published().values_list("pk", flat=True))
    alias = _alias()
    with connections[alias].cursor() as cursor:
        return _backend(alias).bits(cursor, search.query)


def rank(search: Search, candidate_ids: Iterable[int]) -> list[int]:
    """The best of `candidate_ids` (matches of `search`, e.g. those the finder's filters leave),
    best first: at most RANKED_LIMIT, ranked among the CANDIDATE_POOL most recently added (module
    docstring). With an empty search, the newest first."""
    candidates = sorted(set(candidate_ids), reverse=True)
    if not candidates or search.matches_nothing:
        return []
    if search.is_empty:
        return candidates[:RANKED_LIMIT]
    alias = _alias()
    with connections[alias].cursor() as cursor:
        return _best(_backend(alias), cursor, search.query, candidates)


def snippets(search: Search, page_ids: Iterable[int]) -> dict[int, SafeString]:
    """pk -> about SNIPPET_WORDS words to show under each result, HTML-escaped, with the matched
    words in <mark>: the summary when it matches, otherwise the part of the long texts that matches
    best, otherwise the summary as it is. Ids the search does not match are left out (their card
    shows the summary). One query for the whole page."""
    ids = [int(pk) for pk in page_ids]
    if not ids or search.is_empty or search.matches_nothing:
        return {}
    alias = _alias()
    with connections[alias].cursor() as cursor:
        found = _backend(alias).snippet_texts(cursor, search.query, ids)
    result = {}
    for pk in ids:
        if pk in found:
            summary, passages = found[pk]
            best = max(passages, key=lambda text: text.count(OPEN), default="")
            chosen = summary if OPEN in summary or OPEN not in best else best
            result[pk] = _render(chosen)
    return result


def ranking_notice(total: int) -> str | None:
    """What to tell people when more case studies match than `rank` lists."""
    if total <= RANKED_LIMIT:
        return None
    pool = "" if total <= CANDIDATE_POOL else f" among the {CANDIDATE_POOL:,} most recently added"
    return (
        f"The {RANKED_LIMIT:,} best matches{pool} are listed. Add words or filters to narrow "
        f"your search, or sort by newest to see all {total:,}."
    )


# --------------------------------------------------------------------------------------------------


def _best(backend, cursor, query: Query, matches: list[int]) -> list[int]:
    """The RANKED_LIMIT best of the CANDIDATE_POOL newest matches (given newest first): those
    whose title, summary, theme or partner names hold a word searched for, by relevance; then the
    rest, newest first.

    Relevance is worked out only for the first kind, which the database finds by their own index
    (for a broad word, a third of the matches rather than all of them). It may name case studies
    that hold a word but do not match the whole search, or are not candidates; they are left out
    here.

    The database sorts and returns only the best (top-k): RANKED_LIMIT when it is given the
    candidates, twice that when only their id range, and all of them only when fewer than
    RANKED_LIMIT of those were candidates (e.g. two words, of which the titles hold one)."""
    pool = matches[:CANDIDATE_POOL]
    # Named when few, or when spread thinly over the ids (filters): else only the id range is
    # given, and the database would look at every case study in it.
    among = pool if len(pool) <= NAMED_POOL or len(pool) * 2 < pool[0] - pool[-1] else None
    in_pool = set(pool)
    limit = RANKED_LIMIT if among is not None else 2 * RANKED_LIMIT
    ranked = backend.ranked_ids(cursor, query, pool[-1], among, limit)
    best = [pk for pk in ranked if pk in in_pool]
    if len(ranked) == limit and len(best) < RANKED_LIMIT:  # better candidates may come after
        best = [pk for pk in backend.ranked_ids(cursor, query, pool[-1], among) if pk in in_pool]
    del best[RANKED_LIMIT:]
    if len(best) < RANKED_LIMIT:
        chosen = set(best)
        rest = (pk for pk in pool if pk not in chosen)
        best.extend(islice(rest, RANKED_LIMIT - len(best)))
    return best


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
    """FTS5: every word goes to MATCH inside double quotes (search_fts5.to_fts5)."""

    # Title, summary, themes, partners; the long texts do not count towards relevance.
    RANKED_COLUMNS = ("title", "summary", "themes", "partners")
    BM25 = "bm25(partnerships_search, 10.0, 4.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0)"
    BODY_COLUMNS = (4, 5, 6, 7)

    @classmethod
    def bits(cls, cursor, query: Query) -> int:
        """The matches as a bitmap over the ids, from (word number, word) pairs: SQLite groups
        them for less than it costs Python to read every id."""
        cursor.execute(
            """SELECT group_concat(printf('%%016x%%016x', word, bits), '') FROM (
                   SELECT rowid >> 5 AS word, sum(1 << (rowid & 31)) AS bits
                   FROM partnerships_search WHERE partnerships_search MATCH %s
                   GROUP BY word)""",
            [search_fts5.to_fts5(query)],
        )
        return id_bits.from_words(bytes.fromhex(cursor.fetchone()[0] or ""))

    @classmethod
    def ranked_ids(
        cls, cursor, query: Query, floor: int, among: list[int] | None, limit: int | None = None
    ) -> list[int]:
        """Ids from `floor` up (and in `among`, if given) whose ranked columns hold a word or
        phrase searched for, best first by bm25, ties newest first; the first `limit` of them."""
        sql = "partnerships_search MATCH %s AND rowid >= %s"
        params: list = [search_fts5.to_fts5_any(query, cls.RANKED_COLUMNS), floor]
        if among is not None:
            # The unary + keeps SQLite from handing the IN list to FTS5, which would run the
            # full-text query once per id.
            sql += " AND +rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(among))
        cursor.execute(
            f"""SELECT rowid FROM (
                    SELECT rowid, {cls.BM25} AS score FROM partnerships_search WHERE {sql}
                ) ORDER BY score, rowid DESC LIMIT %s""",
            [*params, -1 if limit is None else limit],
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
            [*marks, *marks * len(cls.BODY_COLUMNS), search_fts5.to_fts5(query), *ids],
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

    @classmethod
    def bits(cls, cursor, query: Query) -> int:
        """The matches as a bitmap over the ids: their array, sent in binary, with the highest
        id indexed (from the primary key's index, so Python need not look for it)."""
        q, params = cls.tsquery(query, for_index=True)
        cursor.execute(
            f"""SELECT array_send(partnerships_search_ids({q})),
                    (SELECT max(partnership_id) FROM partnerships_search)""",
            params,
        )
        packed, highest = cursor.fetchone()
        return id_bits.from_array_send(bytes(packed), highest)

    @classmethod
    def ranked_ids(
        cls, cursor, query: Query, floor: int, among: list[int] | None, limit: int | None = None
    ) -> list[int]:
        """Ids from `floor` up (and in `among`, if given) whose head (title, summary, theme and
        partner names) holds a word searched for, best first by ts_rank on the head, ties newest
        first; the first `limit` of them. The GIN index on head finds them (migration 0008)."""
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
                ORDER BY score DESC, partnership_id DESC LIMIT %s""",
            [*rank_params, *params, limit],
        )
        return [pk for (pk,) in cursor.fetchall()]

    @classmethod
    def snippet_texts(cls, cursor, query: Query, ids: list[int]) -> dict:
        """The summary, highlighted; and, when the summary has no word marked and does not match,
        a highlighted passage of the long texts (snippets() shows a summary with a word marked
        whatever the passage). Parsing is most of what ts_headline costs, so where a word searched
        for appears as typed, it is given only the PASSAGE_CHARS around its first appearance; where
        none does (another form of the word, say "triaging" for "triage"), the whole texts."""
        rank_q, params = cls.tsquery(query, for_index=False)
        marks = f'StartSel="{OPEN}", StopSel="{CLOSE}"'
        # Words are letters, digits and marks only (search_syntax), never regex syntax.
        typed = "\\m(" + "|".join(query.positive_words)
        before, length = PASSAGE_CHARS
        cursor.execute(
            f"""SELECT p.id, summary.text,
                    CASE WHEN strpos(summary.text, %s) > 0 THEN NULL
                    WHEN to_tsvector('english'::regconfig, p.summary) @@ q THEN NULL
                    ELSE ts_headline('english'::regconfig, translate(
                        CASE WHEN found.at > 0
                        THEN substr(body.text, greatest(found.at - %s, 1), %s)
                        ELSE body.text END, %s, ''
                    ), q, %s) END
                FROM partnerships_partnership p
                JOIN partnerships_search s ON s.partnership_id = p.id,
                (SELECT {rank_q} AS q) query,
                LATERAL (  -- OFFSET 0: worked out once, not where each reference is
                    SELECT ts_headline('english'::regconfig, translate(p.summary, %s, ''), q, %s)
                        AS text
                    OFFSET 0
                ) summary,
                LATERAL (
                    SELECT concat_ws(' ', p.problem, p.approach, p.outcomes, p.learning) AS text
                ) body,
                LATERAL (SELECT regexp_instr(body.text, %s, 1, 1, 0, 'i') AS at) found
                WHERE s.partnership_id = ANY(%s)""",
            [
                OPEN,
                before,
                length,
                OPEN + CLOSE,
                # The best cover of the query, not fragment mode: half the cost.
                f"{marks}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS - 5}",
                *params,
                OPEN + CLOSE,
                f"{marks}, HighlightAll=true",
                typed + ")\\M",
                ids,
            ],
        )
        return {
            pk: (summary, [f"… {passage} …"] if passage else [])
            for pk, summary, passage in cursor.fetchall()
        }
