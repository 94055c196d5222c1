"""What people type into the search box, read as a small Google-like language. Django-free.

    street triage            both words, in any form ("partnerships" also finds "partnership")
    "street triage"          the words together, in this order
    police OR constabulary   either word; OR binds tighter than the spaces between words:
                             `police OR constabulary custody` is (police or constabulary), custody
    -alcohol, -"night time"  leave out case studies that mention it

Nothing the user types is an error. Everything outside that language (brackets, `*`, `^`,
`title:`, `NEAR(…)`, unbalanced quotes, symbols, emoji, control characters, very long text) is read
as plain words or ignored, and `parse` says what it did in `problems`, in plain English.
Words are runs of letters and digits; the databases stem them (see partnerships/search.py).
"""

import re
import unicodedata
from dataclasses import dataclass

from partnerships.search_query import AnyOf, Clause, Phrase, Query, Term

MAX_LENGTH = 200
MAX_CLAUSES = 20

# PostgreSQL's English stop words (the Snowball list): PostgreSQL drops them from documents and
# queries, SQLite's FTS5 does not. Dropping them here makes both databases behave alike.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the
    and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now
    """.split()
)

QUOTES = dict.fromkeys(map(ord, "“”„‟″«»＂〝〞"), '"')
APOSTROPHES = dict.fromkeys(map(ord, "‘’‛′＇`"), "'")
HYPHENS = dict.fromkeys(map(ord, "‐‑−﹣－"), "-")  # hyphen, non-breaking hyphen, minus signs
FIELD_PREFIX = re.compile(r"^([^\W\d_]+):(?=\S)")
FIELD_SET = re.compile(r"\{([^{}]*)\}\s*:")  # FTS5's {title summary}: column filter


# --------------------------------------------------------------------------------------------------
# Reading the text


def _normalise(text: str) -> str:
    """Compatibility forms folded (full-width letters, ligatures), typographic quotes and dashes
    made plain, control characters made spaces, invisible formatting characters removed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(QUOTES).translate(APOSTROPHES).translate(HYPHENS)
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":  # zero-width joiners, direction marks, soft hyphens, BOM
            continue
        out.append(" " if category[0] in "CZ" else ch)
    return "".join(out)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def _words(chunk: str) -> list[str]:
    """Runs of letters, digits and combining marks, lower-cased, never starting with a mark."""
    words, current = [], []
    for ch in chunk + " ":
        if _is_word_char(ch) and (current or unicodedata.category(ch)[0] != "M"):
            current.append(ch)
        elif current:
            words.append("".join(current).lower())
            current = []
    return words


@dataclass
class _Item:
    clause: Clause | None  # None: an OR
    negated: bool = False


def quoted(clause: Clause) -> str:
    """A word or phrase as a sentence quotes it: “street triage”."""
    return "“" + (clause.word if isinstance(clause, Term) else " ".join(clause.words)) + "”"


def _listed(words: list[str]) -> str:
    return ", ".join(f"“{word}”" for word in dict.fromkeys(words))


def _clause(words: list[str]) -> Clause | None:
    if not words:
        return None
    return Term(words[0]) if len(words) == 1 else Phrase(tuple(words))


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.items: list[_Item] = []
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def note(self, key: str, message: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.problems.append(message)

    def read(self) -> list[_Item]:
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch.isspace():
                self.pos += 1
                continue
            negated = False
            while ch == "-" and self.pos + 1 < len(text) and not text[self.pos + 1].isspace():
                negated = True
                self.pos += 1
                ch = text[self.pos]
            if ch == '"':
                self.read_phrase(negated)
            else:
                self.read_chunk(negated)
        return self.items

    def read_phrase(self, negated: bool) -> None:
        end = self.text.find('"', self.pos + 1)
        if end == -1:
            inside = self.text[self.pos + 1 :]
            self.pos = len(self.text)
            if inside.strip():
                self.note(
                    "quote",
                    f"A closing quotation mark was missing, so “{inside.strip()}” was searched "
                    "for as a phrase.",
                )
        else:
            inside = self.text[self.pos + 1 : end]
            self.pos = end + 1
        clause = _clause(_words(inside))
        if clause is not None:
            self.items.append(_Item(clause, negated))

    def read_chunk(self, negated: bool) -> None:
        start = self.pos
        while (
            self.pos < len(self.text)
            and not self.text[self.pos].isspace()
            and self.text[self.pos] != '"'
        ):
            self.pos += 1
        chunk = self.text[start : self.pos]
        if chunk.upper() == "OR" or chunk == "|":
            self.items.append(_Item(None, negated))
            return
        if chunk == "AND" or chunk == "&&":
            return  # every word is required anyway
        if chunk == "NOT":
            self.skip_space()
            if self.pos < len(self.text):
                self.read_negated()
            return
        if chunk.startswith("NEAR(") or (
            chunk == "NEAR" and self.text[self.pos :].lstrip()[:1] == "("
        ):
            self.read_near(start)
            return
        if match := FIELD_PREFIX.match(chunk):
            name = match.group(1)
            self.note(
                f"field:{name.lower()}",
                f"Searching one part of a case study (“{name}:”) is not supported, so the words "
                "after it were searched for everywhere.",
            )
            chunk = chunk[match.end() :]
        self.note_symbols(chunk)
        clause = _clause(_words(chunk))
        if clause is not None:
            self.items.append(_Item(clause, negated))

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def read_negated(self) -> None:
        """NOT word: the same as -word."""
        if self.text[self.pos] == '"':
            self.read_phrase(True)
        else:
            self.read_chunk(True)

    def read_near(self, start: int) -> None:
        """NEAR(a b, 10) is FTS5's own syntax: search for the words, anywhere."""
        end = self.text.find(")", start)
        end = len(self.text) if end == -1 else end + 1
        inside = self.text[start:end]
        self.pos = end
        inside = re.sub(r",\s*\d*\s*\)?\s*$", "", inside.split("(", 1)[1]).rstrip(")")
        self.note(
            "near",
            "NEAR(…) is not supported, so its words were searched for anywhere in a case study.",
        )
        for word in _words(inside.replace('"', " ")):
            self.items.append(_Item(Term(word)))

    def note_symbols(self, chunk: str) -> None:
        if "*" in chunk:
            self.note(
                "star",
                "Wildcards (*) are not needed: whole words are matched, and other forms of a "
                "word (police, policing) are found anyway.",
            )
        if "(" in chunk or ")" in chunk:
            self.note(
                "brackets",
                "Brackets were ignored: put OR between words to find either, e.g. "
                "police OR constabulary.",
            )


def _strip_stop_words(clause: Clause) -> Clause | None:
    """Stop words alone are dropped; at either end of a phrase they are trimmed."""
    if isinstance(clause, Term):
        return None if clause.word in STOP_WORDS else clause
    words = list(clause.words)
    while words and words[0] in STOP_WORDS:
        words.pop(0)
    while words and words[-1] in STOP_WORDS:
        words.pop()
    return _clause(words)


def parse(text: str | None) -> Query:
    """Read a user's search text. Never raises; problems come back as sentences to show."""
    text = text or ""
    typed_something = bool(text.strip())
    problems: list[str] = []
    truncated = len(text) > MAX_LENGTH
    text = _normalise(text[: MAX_LENGTH + 1])
    if truncated or len(text) > MAX_LENGTH:  # normalising can lengthen text (ligatures)
        # Cut before the word the limit falls in, so that no fragment of a word is searched for.
        cut = text[: MAX_LENGTH + 1]
        text = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut[:MAX_LENGTH]
        problems.append(f"Only the first {MAX_LENGTH} characters were searched.")

    for match in FIELD_SET.finditer(text):
        problems.append(
            f"Searching one part of a case study (“{{{match.group(1)}}}:”) is not supported, so "
            "the words after it were searched for everywhere."
        )
    text = FIELD_SET.sub(" ", text)

    reader = _Reader(text)
    items = reader.read()
    problems += reader.problems

    # Group: OR joins the clauses on either side; a dangling OR is ignored.
    groups: list[list[Clause]] = []
    negated: list[Clause] = []
    joining = False
    dangling_or = False
    previous_positive = False
    for item in items:
        if item.clause is None:
            if item.negated or not previous_positive or joining:
                dangling_or = True
            joining = previous_positive and not item.negated
            continue
        if item.negated:
            if joining:
                dangling_or = True
            joining = False
            previous_positive = False
            negated.append(item.clause)
            continue
        if joining and groups:
            groups[-1].append(item.clause)
        else:
            groups.append([item.clause])
        joining = False
        previous_positive = True
    if joining:
        dangling_or = True
    if dangling_or:
        problems.append(
            "OR needs a word or phrase on each side, e.g. police OR constabulary: a lone OR "
            "was ignored."
        )

    # Drop stop words, remembering the ones whose loss changes the meaning (in an OR, left out).
    common: list[str] = []
    common_that_mattered: list[str] = []

    def without_stop_words(clauses: list[Clause], matters: bool) -> list[Clause]:
        kept = []
        for clause in clauses:
            stripped = _strip_stop_words(clause)
            if stripped is None:
                common.append(quoted(clause)[1:-1])
                if matters:
                    common_that_mattered.append(quoted(clause)[1:-1])
            elif stripped not in kept:
                kept.append(stripped)
        return kept

    groups = [kept for group in groups if (kept := without_stop_words(group, len(group) > 1))]
    excluded = without_stop_words(negated, True)

    # The same group twice is one group.
    unique_groups: list[tuple[Clause, ...]] = []
    for group in groups:
        if tuple(group) not in unique_groups:
            unique_groups.append(tuple(group))

    total = sum(len(group) for group in unique_groups) + len(excluded)
    if total > MAX_CLAUSES:
        problems.append(f"Only the first {MAX_CLAUSES} words and phrases were searched.")
        budget = MAX_CLAUSES
        trimmed_groups = []
        for group in unique_groups:
            if budget <= 0:
                break
            trimmed_groups.append(group[:budget])
            budget -= len(group[:budget])
        unique_groups = trimmed_groups
        excluded = excluded[: max(budget, 0)]

    required = tuple(AnyOf(group) for group in unique_groups)
    if common_that_mattered:
        verb = "was" if len(set(common_that_mattered)) == 1 else "were"
        problems.append(
            f"Very common words are not searched for, so {_listed(common_that_mattered)} "
            f"{verb} left out."
        )

    contradictory = False
    if required and excluded:
        both = [
            group.options[0]
            for group in required
            if len(group.options) == 1 and group.options[0] in excluded
        ]
        if both:
            contradictory = True
            problems.append(
                f"{quoted(both[0])} is both searched for and left out, so nothing can match."
            )

    if not required and excluded:
        problems.append("A search of only excluded words matches nothing: add a word to look for.")
    elif not required and not excluded and common and not common_that_mattered:
        verb = "is" if len(set(common)) == 1 else "are"
        problems.append(
            f"{_listed(common)} {verb} too common to search for: add a more specific word."
        )
    elif not required and not excluded and typed_something and not common:
        problems.append(
            "There were no words to search for: use letters or numbers, e.g. street triage."
        )
    return Query(required, tuple(excluded), tuple(problems), contradictory)
