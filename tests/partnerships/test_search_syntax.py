"""Reading what people type into the search box (partnerships/search_syntax.py): no database."""

import pytest

from partnerships.search_fts5 import to_fts5
from partnerships.search_syntax import (
    MAX_CLAUSES,
    MAX_LENGTH,
    AnyOf,
    Phrase,
    Query,
    Term,
    parse,
)


def words(query: Query) -> list[list[str]]:
    """The required groups as lists of option strings, for short assertions."""
    return [[str(option) for option in group.options] for group in query.required]


# --------------------------------------------------------------------------------------------------
# The language


def test_words_are_all_required_and_lower_cased():
    query = parse("Street  Triage")
    assert query.required == (AnyOf((Term("street"),)), AnyOf((Term("triage"),)))
    assert query.excluded == ()
    assert query.problems == ()
    assert not query.is_empty and not query.matches_nothing


def test_quotes_make_a_phrase():
    query = parse('"street triage" custody')
    assert words(query) == [['"street triage"'], ["custody"]]


def test_typographic_quotes_work_like_plain_ones():
    assert words(parse("“street triage”")) == [['"street triage"']]


def test_or_joins_the_words_on_either_side_and_binds_tighter_than_spaces():
    query = parse("police OR constabulary custody")
    assert words(query) == [["police", "constabulary"], ["custody"]]
    assert words(parse("a1 OR b1 OR c1")) == [["a1", "b1", "c1"]]
    assert words(parse('"street triage" or naloxone')) == [['"street triage"', "naloxone"]]


def test_minus_leaves_a_word_or_phrase_out():
    query = parse('police -alcohol -"night time"')
    assert words(query) == [["police"]]
    assert query.excluded == (Term("alcohol"), Phrase(("night", "time")))


def test_not_before_a_word_leaves_it_out_too():
    query = parse("police NOT alcohol")
    assert words(query) == [["police"]]
    assert query.excluded == (Term("alcohol"),)


def test_and_is_what_spaces_mean_already():
    assert words(parse("police AND custody")) == [["police"], ["custody"]]


def test_hyphenated_and_apostrophised_words_are_phrases():
    assert words(parse("street-triage covid-19")) == [['"street triage"'], ['"covid 19"']]
    # "children's" -> children + s; the trailing stop word "s" is trimmed.
    assert words(parse("children's")) == [["children"]]


def test_a_minus_inside_a_word_does_not_exclude():
    query = parse("drink-driving")
    assert query.excluded == ()
    assert words(query) == [['"drink driving"']]


def test_duplicates_count_once():
    assert words(parse("police police")) == [["police"]]
    assert words(parse("x1 OR x1 y1")) == [["x1"], ["y1"]]


def test_stop_words_are_dropped_quietly_when_they_do_not_change_the_meaning():
    query = parse("drugs in prisons")
    assert words(query) == [["drugs"], ["prisons"]]
    assert query.problems == ()


def test_stop_words_at_the_ends_of_a_phrase_are_trimmed_and_kept_inside():
    assert words(parse('"the police"')) == [["police"]]
    assert words(parse('"liaison and diversion"')) == [['"liaison and diversion"']]


def test_only_stop_words_is_an_empty_search_that_says_why():
    query = parse("the of and")
    assert query.is_empty and not query.matches_nothing
    assert query.problems == (
        "“the”, “of”, “and” are too common to search for: add a more specific word.",
    )


def test_a_stop_word_in_an_or_or_left_out_is_reported():
    query = parse("the OR police -a")
    assert words(query) == [["police"]]
    assert query.problems == (
        "Very common words are not searched for, so “the”, “a” were left out.",
    )


def test_str_shows_the_query_as_understood():
    assert str(parse('police OR constabulary "street triage" -alcohol')) == (
        '(police OR constabulary) "street triage" -alcohol'
    )


# --------------------------------------------------------------------------------------------------
# Notices instead of errors


def test_blank_text_is_empty_with_nothing_to_say():
    for text in ("", "   ", None):
        query = parse(text)
        assert query.is_empty and query.problems == ()


def test_only_punctuation_is_empty_and_says_so():
    query = parse("!!! ??? ...")
    assert query.is_empty
    assert query.problems == (
        "There were no words to search for: use letters or numbers, e.g. street triage.",
    )


def test_only_excluded_words_matches_nothing_and_says_so():
    query = parse("-alcohol -drugs")
    assert query.matches_nothing and not query.is_empty
    assert query.problems == (
        "A search of only excluded words matches nothing: add a word to look for.",
    )
    assert to_fts5(query) == ""


def test_a_word_both_wanted_and_excluded_matches_nothing_and_says_so():
    query = parse("police -police")
    assert query.matches_nothing
    assert query.problems == ("“police” is both searched for and left out, so nothing can match.",)


def test_an_unbalanced_quote_makes_a_phrase_to_the_end_and_says_so():
    query = parse('custody "street triage')
    assert words(query) == [["custody"], ['"street triage"']]
    assert query.problems == (
        "A closing quotation mark was missing, so “street triage” was searched for as a phrase.",
    )


def test_a_dangling_or_is_ignored_with_a_notice():
    for text in ("OR police", "police OR", "police OR OR custody", "police OR -alcohol"):
        query = parse(text)
        assert "police" in str(query)
        assert any(problem.startswith("OR needs a word") for problem in query.problems), text


def test_long_text_is_cut_to_the_first_200_characters_with_a_notice():
    query = parse("naloxone " * 1000)  # 9,000 characters
    assert query.problems[0] == f"Only the first {MAX_LENGTH} characters were searched."
    assert words(query) == [["naloxone"]]


def test_many_words_are_cut_to_the_first_twenty_with_a_notice():
    query = parse(" ".join(f"word{n}" for n in range(40)))
    assert sum(len(group.options) for group in query.required) == MAX_CLAUSES
    assert f"Only the first {MAX_CLAUSES} words and phrases were searched." in query.problems


# --------------------------------------------------------------------------------------------------
# Hostile input: FTS5 syntax, odd Unicode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEAR(police custody, 5)", [["police"], ["custody"]]),
        ("NEAR (police custody)", [["police"], ["custody"]]),
        ("title:police", [["police"]]),
        ("{title summary}: police", [["police"]]),
        ("polic*", [["polic"]]),
        ("^police", [["police"]]),
        ("police + custody", [["police"], ["custody"]]),
        ("(police OR constabulary) custody", [["police", "constabulary"], ["custody"]]),
        ('"police" AND "custody"', [["police"], ["custody"]]),
        ("police\x00custody", [["police"], ["custody"]]),
    ],
)
def test_fts5_and_other_operators_become_plain_words(text, expected):
    query = parse(text)
    assert words(query) == expected
    fts = to_fts5(query)
    # Every word reaches FTS5 inside double quotes, joined only by our own operators.
    assert "NEAR" not in fts and ":" not in fts and "*" not in fts and "^" not in fts


def test_near_column_filter_and_wildcard_each_explain_themselves():
    assert parse("NEAR(a1 b1)").problems == (
        "NEAR(…) is not supported, so its words were searched for anywhere in a case study.",
    )
    assert parse("title:police").problems == (
        "Searching one part of a case study (“title:”) is not supported, so the words after "
        "it were searched for everywhere.",
    )
    assert parse("polic*").problems[0].startswith("Wildcards (*) are not needed")
    assert parse("(police OR constabulary) custody").problems[0].startswith("Brackets were ignored")


def test_quotes_inside_words_cannot_break_out_of_an_fts5_string():
    query = parse('police"custody')
    assert to_fts5(query) == '"police" AND "custody"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ｐｏｌｉｃｅ", [["police"]]),  # full-width letters
        ("ﬁrearms", [["firearms"]]),  # ligature
        ("e\u0301cole", [["école"]]),  # combining accent
        ("\u0301police", [["police"]]),  # a lone combining mark
        ("po\u200blice", [["police"]]),  # zero-width space (a format character)
        ("\u202epolice\u202c", [["police"]]),  # right-to-left override
        ("مرحبا بالعالم", [["مرحبا"], ["بالعالم"]]),  # right-to-left text
        ("שלום", [["שלום"]]),
        ("police 🚓 custody", [["police"], ["custody"]]),
        ("👮‍♀️", []),
        ("\ufeffpolice", [["police"]]),  # byte order mark
        ("police\ud800custody", [["police"], ["custody"]]),  # lone surrogate
    ],
)
def test_odd_unicode_is_read_as_words_or_ignored(text, expected):
    query = parse(text)
    assert words(query) == expected


def test_emoji_only_says_there_were_no_words():
    query = parse("🚓🚑")
    assert query.is_empty
    assert query.problems == (
        "There were no words to search for: use letters or numbers, e.g. street triage.",
    )


def test_five_thousand_characters_of_anything_parse_quickly_and_safely():
    hostile = ('NEAR( "*^:-' + 'é\u0301\x00🚓 OR -"(' * 30) * 100
    query = parse(hostile[:5000])
    assert query.problems[0] == f"Only the first {MAX_LENGTH} characters were searched."
    to_fts5(query)


# --------------------------------------------------------------------------------------------------
# FTS5 text


def test_fts5_text_groups_alternatives_and_excludes_at_the_end():
    query = parse('police OR constabulary "street triage" -alcohol -"night time"')
    assert to_fts5(query) == (
        '(("police" OR "constabulary") AND "street triage") NOT ("alcohol" OR "night time")'
    )
