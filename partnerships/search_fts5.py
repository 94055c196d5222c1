"""A parsed search query (partnerships/search_syntax.py) as SQLite FTS5 MATCH text. Every word is
written inside a double-quoted string, so nothing typed can reach FTS5's operators."""

from partnerships.search_syntax import Clause, Query, Term


def _fts5_string(clause: Clause) -> str:
    text = clause.word if isinstance(clause, Term) else " ".join(clause.words)
    return '"' + text.replace('"', '""') + '"'


def to_fts5_any(query: Query, columns: tuple[str, ...]) -> str:
    """An FTS5 MATCH expression for case studies that hold any word or phrase searched for in
    the given columns (a column filter), whether or not they match the whole query."""
    options = " OR ".join(map(_fts5_string, query.positive))
    return "{" + " ".join(columns) + "} : (" + options + ")"


def to_fts5(query: Query) -> str:
    """The query as an FTS5 MATCH expression. Every word is inside a double-quoted string, so no
    user text can be read as an FTS5 operator, column filter or NEAR group. Empty if the query
    has nothing to look for (FTS5 has no query that means "everything except")."""
    if not query.required:
        return ""
    groups = []
    for group in query.required:
        options = [_fts5_string(option) for option in group.options]
        groups.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    text = " AND ".join(groups)
    if query.excluded:
        text = f"({text}) NOT (" + " OR ".join(map(_fts5_string, query.excluded)) + ")"
    return text
