"""A search query as partnerships/search_syntax.py reads it from the search box: words, phrases,
groups of either joined by OR, and words or phrases to leave out. Django-free; the search engine
(partnerships/search.py, search_fts5.py) turns it into each database's query."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One word."""

    word: str

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class Phrase:
    """Two or more words, together and in order."""

    words: tuple[str, ...]

    def __str__(self) -> str:
        return '"' + " ".join(self.words) + '"'


type Clause = Term | Phrase


@dataclass(frozen=True)
class AnyOf:
    """Matches when any one of its options does (one option: an ordinary word or phrase)."""

    options: tuple[Clause, ...]

    def __str__(self) -> str:
        return " OR ".join(map(str, self.options))


@dataclass(frozen=True)
class Query:
    """Every group in `required` must match and no clause in `excluded` may."""

    required: tuple[AnyOf, ...] = ()
    excluded: tuple[Clause, ...] = ()
    problems: tuple[str, ...] = ()
    contradictory: bool = field(default=False)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for and nothing to leave out."""
        return not self.required and not self.excluded

    @property
    def matches_nothing(self) -> bool:
        """Only words to leave out, or a word both wanted and left out."""
        return (not self.required and bool(self.excluded)) or self.contradictory

    @property
    def positive(self) -> tuple[Clause, ...]:
        """Every word and phrase searched for (not left out), once each."""
        return tuple(dict.fromkeys(option for group in self.required for option in group.options))

    @property
    def positive_words(self) -> tuple[str, ...]:
        """The words of `positive`, phrases taken apart, once each."""
        words = (
            word
            for clause in self.positive
            for word in ((clause.word,) if isinstance(clause, Term) else clause.words)
        )
        return tuple(dict.fromkeys(words))

    def __str__(self) -> str:
        parts = [f"({group})" if len(group.options) > 1 else str(group) for group in self.required]
        parts += [f"-{clause}" for clause in self.excluded]
        return " ".join(parts)
