"""What someone searching the directory gets (partnerships/search.py), on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships import search
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db


def published():
    return Partnership.objects.published()


def case(title: str, **fields) -> Partnership:
    """A published case study whose summary does not mention anything searched for here."""
    return factories.partnership(title=title, **{"summary": "A case study.", **fields})


def titles(ids) -> list[str]:
    title_of = dict(Partnership.objects.values_list("pk", "title"))
    return [title_of[pk] for pk in ids]


def candidates(prepared, queryset=None) -> list[int]:
    """The matches among `queryset`: what the finder hands rank() after its filters."""
    matches = set(search.matching_ids(prepared))
    if queryset is None:
        return list(matches)
    return [pk for pk in queryset.values_list("pk", flat=True) if pk in matches]


def find(text: str, queryset=None) -> set[str]:
    return set(titles(candidates(search.prepare(text), queryset)))


def best(text: str, queryset=None) -> list[str]:
    prepared = search.prepare(text)
    return titles(search.rank(prepared, candidates(prepared, queryset)))


# --------------------------------------------------------------------------------------------------
# Finding


def test_words_are_found_in_any_form():
    case("Partnership working in Kent")
    case("Mental health triage car")
    case("Dog wardens")
    assert find("partnerships") == {"Partnership working in Kent"}
    assert find("triaging") == {"Mental health triage car"}
    assert find("TRIAGE") == {"Mental health triage car"}


def test_every_word_must_match():
    case("Street triage", summary="Police and nurses together.")
    case("Street lighting")
    assert find("street nurses") == {"Street triage"}


def test_a_phrase_needs_its_words_together_and_in_order():
    case("Street triage in Leicester")
    case("Triage on the street")
    case("Street patrols", summary="No triage here.")
    assert find('"street triage"') == {"Street triage in Leicester"}
    assert find("street triage") == {
        "Street triage in Leicester",
        "Triage on the street",
        "Street patrols",
    }


def test_a_three_word_phrase_needs_all_three_in_order():
    case("Mental health crisis team")
    case("Crisis line", summary="Mental health services. A health crisis.")
    assert find('"mental health crisis"') == {"Mental health crisis team"}


def test_or_finds_either():
    case("Naloxone carriage")
    case("Heroin-assisted treatment")
    case("Speed cameras")
    assert find("naloxone OR heroin") == {"Naloxone carriage", "Heroin-assisted treatment"}


def test_or_with_another_word_needs_that_word_too():
    case("Naloxone in custody")
    case("Heroin treatment in custody")
    case("Naloxone carriage")
    assert find("naloxone OR heroin custody") == {
        "Naloxone in custody",
        "Heroin treatment in custody",
    }


def test_minus_leaves_out_case_studies_that_mention_a_word_or_phrase():
    case("Police and alcohol", summary="Night-time economy.")
    case("Police and drugs")
    case("Police at night", summary="The night time economy.")
    assert find("police -alcohol") == {"Police and drugs", "Police at night"}
    assert find('police -"night time"') == {"Police and drugs"}
    assert find("police NOT drugs -alcohol") == {"Police at night"}


def test_partner_and_theme_names_are_found():
    p = case("Outreach")
    factories.member(p, factories.organisation(name="Leicestershire Partnership NHS Trust"))
    p.themes.add(factories.theme(name="Domestic abuse"))
    case("Other work")
    assert find("leicestershire") == {"Outreach"}
    assert find('"domestic abuse"') == {"Outreach"}


def test_unpublished_case_studies_are_never_found():
    for status in Partnership.Status.values:
        factories.partnership(status=status, title=f"Kestrel {status}")
    prepared = search.prepare("kestrel")
    assert find("kestrel") == {"Kestrel published"}
    assert best("kestrel") == ["Kestrel published"]
    assert titles(search.matching_ids(prepared)) == ["Kestrel published"]


def test_stop_words_do_not_stop_a_search():
    case("Drugs in prisons")
    assert find("the drugs in the prisons") == {"Drugs in prisons"}


def test_accents_and_case_do_not_matter_for_plain_words():
    case("Café outreach")
    assert "Café outreach" in find("CAFÉ")


# --------------------------------------------------------------------------------------------------
# Ranking


def test_a_title_match_outranks_a_summary_match_which_outranks_a_text_match():
    case("Body", problem="Naloxone, naloxone and naloxone again.")
    case("Summary", summary="Officers carry naloxone.")
    case("Naloxone carriage")
    case("Theme", summary="Nothing.").themes.add(factories.theme(name="Naloxone"))
    assert best("naloxone") == ["Naloxone carriage", "Summary", "Theme", "Body"]


def test_ties_go_newest_first_so_pages_are_stable():
    made = [case(f"Case {n}", approach="Naloxone.") for n in range(5)]
    assert best("naloxone") == [p.title for p in reversed(made)]


def test_a_word_in_the_title_outranks_newer_case_studies_with_every_word_only_in_the_text():
    older = case("Naloxone carriage", approach="Fewer overdose deaths.")
    case("Newer", approach="Naloxone and overdose.")
    case("Newest", outcomes="Overdose and naloxone.")
    assert best("naloxone overdose") == [older.title, "Newest", "Newer"]


@pytest.mark.parametrize("named", [True, False], ids=["candidates named", "candidates by range"])
def test_ranking_leaves_out_case_studies_that_have_a_word_but_do_not_match(monkeypatch, named):
    """Relevance is worked out for the case studies with a word searched for in the ranked fields,
    found by id range or among named candidates (search._best); either way, only matches count."""
    monkeypatch.setattr(search, "NAMED_POOL", 10_000 if named else 0)
    theme = factories.theme()
    in_theme = case("Naloxone scheme", learning="Overdose.")
    in_theme.themes.add(theme)
    case("Naloxone kit").themes.add(theme)  # a word in the title, but no overdose anywhere
    elsewhere = case("Naloxone project", learning="Overdose.")
    newest = case("Newest", learning="Naloxone; overdose.")
    newest.themes.add(theme)
    assert best("naloxone overdose") == [elsewhere.title, in_theme.title, newest.title]
    assert best("naloxone overdose", published().filter(themes=theme)) == [
        in_theme.title,
        newest.title,
    ]


def test_ranking_by_id_range_looks_past_better_case_studies_that_are_not_candidates(monkeypatch):
    """The database returns only the best few (search._best); when most of those are not
    candidates, the ranking is not cut short."""
    monkeypatch.setattr(search, "RANKED_LIMIT", 2)
    theme = factories.theme()
    older, old, title = (
        case("Older scheme", summary="Naloxone, naloxone and naloxone."),
        case("Old scheme", summary="Naloxone."),  # the worst match: listed third
        case("Naloxone scheme"),
    )
    for candidate in (older, old, title):
        candidate.themes.add(theme)
    for n in range(5):  # newer, better ranked, and not in the theme
        case(f"Naloxone kit {n}", summary="Naloxone, naloxone and naloxone.")
    in_theme = published().filter(themes=theme)
    monkeypatch.setattr(search, "NAMED_POOL", 0)
    by_range = best("naloxone", in_theme)
    monkeypatch.setattr(search, "NAMED_POOL", 10_000)
    assert by_range == best("naloxone", in_theme)
    assert sorted(by_range) == [title.title, older.title]


def test_rank_ranks_only_the_candidates_it_is_given_in_one_query(django_assert_num_queries):
    theme = factories.theme()
    inside = case("Naloxone inside")
    inside.themes.add(theme)
    outside = case("Naloxone outside")
    prepared = search.prepare("naloxone")
    with django_assert_num_queries(1):
        assert search.rank(prepared, [inside.pk]) == [inside.pk]
    assert search.rank(prepared, []) == []
    assert sorted(search.rank(prepared, [inside.pk, outside.pk])) == [inside.pk, outside.pk]


def test_ranking_is_bounded_and_says_so(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATE_POOL", 3)
    monkeypatch.setattr(search, "RANKED_LIMIT", 2)
    oldest = case("Naloxone carriage")  # the best match, but oldest
    for n in range(4):
        case(f"Case {n}", approach="Naloxone.")
    prepared = search.prepare("naloxone")
    # The 3 most recently added matches are ranked; the best 2 of them are listed.
    assert best("naloxone") == ["Case 3", "Case 2"]
    assert oldest.pk in search.matching_ids(prepared)
    assert len(search.matching_ids(prepared)) == 5
    assert search.ranking_notice(5) == (
        "The 2 best matches among the 3 most recently added are listed. Add words or filters to "
        "narrow your search, or sort by newest to see all 5."
    )
    assert search.ranking_notice(2) is None


# --------------------------------------------------------------------------------------------------
# Composing with other code


def test_an_empty_search_changes_nothing_and_a_hopeless_one_finds_nothing():
    older, newer = case("Naloxone"), case("Other")
    blank = search.prepare("   ")
    assert blank.is_empty and not blank.notices
    assert sorted(search.matching_ids(blank)) == sorted(published().values_list("pk", flat=True))
    assert search.rank(blank, [older.pk, newer.pk]) == [newer.pk, older.pk]
    assert search.snippets(blank, [older.pk]) == {}
    hopeless = search.prepare("-naloxone")
    assert hopeless.matches_nothing
    assert search.rank(hopeless, [older.pk]) == []
    assert search.matching_ids(hopeless) == []


def test_search_keeps_what_the_user_typed():
    assert search.prepare('  "street triage" -x ').text == '  "street triage" -x '


def test_a_page_of_results_runs_a_fixed_number_of_queries_however_many_match():
    def grow(n):
        for _ in range(n):
            p = factories.full_partnership(title="Naloxone scheme")
            p.themes.add(factories.theme(name=f"Naloxone theme {p.pk}"))

    counts = []
    for size in (1, 12):
        grow(size)
        prepared = search.prepare("naloxone OR heroin -alcohol")  # one per request
        with CaptureQueriesContext(connection) as queries:
            matches = search.matching_ids(prepared)
            page = search.rank(prepared, matches)[:10]
            search.snippets(prepared, page)
        counts.append(len(queries))
        assert len(matches) == Partnership.objects.count()
    # Listing the matches, ranking them, the snippets.
    assert counts[0] == counts[1] == 3


# --------------------------------------------------------------------------------------------------
# Snippets


def test_snippets_mark_the_matched_words_in_the_summary():
    p = case("Triage", summary="Nurses and officers triaging together.")
    assert search.snippets(search.prepare("triage nurses"), [p.pk]) == {
        p.pk: "<mark>Nurses</mark> and officers <mark>triaging</mark> together."
    }


def test_snippets_come_from_the_long_text_that_matches_when_the_summary_does_not():
    p = case(
        "Outreach",
        summary="A summary.",
        problem="Nothing here.",
        outcomes="Overdoses fell after officers began carrying naloxone in 2019.",
    )
    snippet = search.snippets(search.prepare("naloxone"), [p.pk])[p.pk]
    assert "officers began carrying <mark>naloxone</mark>" in snippet
    assert "summary" not in snippet


def test_snippets_find_a_word_deep_in_long_texts_full_of_hyphens_and_punctuation():
    filler = " ".join(f"co-located, well-being -- {n}% (multi-agency) work." for n in range(80))
    p = case(
        "Outreach",
        summary="A summary.",
        problem=filler,
        approach=filler,
        learning="In the end, officers carried naloxone everywhere. " + filler,
    )
    snippet = search.snippets(search.prepare("naloxone"), [p.pk])[p.pk]
    assert "<mark>naloxone</mark> everywhere" in snippet


def test_snippets_find_another_form_of_the_word_searched_for():
    filler = " ".join(f"Work stream {n} went on." for n in range(60))
    p = case("Outreach", summary="A summary.", approach=filler + " Officers were triaging calls.")
    snippet = search.snippets(search.prepare("triage"), [p.pk])[p.pk]
    assert "Officers were <mark>triaging</mark> calls" in snippet


def test_snippets_fall_back_to_the_summary_for_a_title_only_match():
    p = case("Naloxone", summary="A summary & more.")
    assert search.snippets(search.prepare("naloxone"), [p.pk]) == {p.pk: "A summary &amp; more."}


def test_snippets_are_escaped_so_markup_shows_as_text():
    p = case(
        "<script>alert(1)</script> naloxone",
        summary='<script>alert("x")</script> <b>naloxone</b> & \x02 \x03 heroin',
    )
    snippet = search.snippets(search.prepare("naloxone"), [p.pk])[p.pk]
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>naloxone</mark>" in snippet
    assert "\x02" not in snippet and "\x03" not in snippet
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1


def test_snippets_accept_ids_and_skip_what_is_not_indexed():
    p = case("Naloxone", summary="Naloxone for all.")
    draft = case("Naloxone", status=Partnership.Status.DRAFT)
    result = search.snippets(search.prepare("naloxone"), [p.pk, draft.pk])
    assert result == {p.pk: "<mark>Naloxone</mark> for all."}


# --------------------------------------------------------------------------------------------------
# Hostile input: notices, never an exception


HOSTILE = [
    "x" * 5000,
    "naloxone " * 600,
    'NEAR(naloxone heroin, 2) "unbalanced',
    "title:naloxone {summary problem}: heroin",
    "nalox* ^heroin :",
    "-naloxone -heroin",
    "OR OR OR",
    "AND NOT OR NEAR",
    '"" "" ""',
    '"',
    "\x00\x01\x02\x03\x1b[31m",
    "🚓💊🏥",
    "e\u0301\u0301\u0301cole \u0301",
    "مرحبا naloxone שלום",
    "\u202enaloxone\u202c",
    "\ud800\udfff",
    "'; DROP TABLE partnerships_partnership; --",
    "%s %% %(name)s {0} $1 ? :name",
    "<script>alert(1)</script>",
    "naloxone) OR (heroin",
    "\\ \\\\ ' '' \"\\\"",
    "the OR a -of",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_gives_notices_never_an_error(text):
    p = case("Naloxone and heroin", summary="Naloxone saves lives.")
    prepared = search.prepare(text)
    assert isinstance(prepared.notices, list)
    matches = search.matching_ids(prepared)
    search.rank(prepared, matches)
    for snippet in search.snippets(prepared, [p.pk]).values():
        assert "<script" not in snippet


def test_hostile_input_that_changes_the_meaning_always_says_so():
    for text in HOSTILE:
        prepared = search.prepare(text)
        meaningful = text.strip() and not text.strip().startswith("%") and "DROP" not in text
        if meaningful and (prepared.is_empty or prepared.matches_nothing):
            assert prepared.notices, f"no notice for {text!r}"


def test_a_long_query_searches_its_first_200_characters():
    case("Naloxone")
    prepared = search.prepare("naloxone " + "z" * 5000)
    assert prepared.notices == ["Only the first 200 characters were searched."]
    assert find("naloxone " + "z" * 5000) == {"Naloxone"}


def test_only_excluded_words_shows_a_notice_and_no_results():
    case("Naloxone")
    prepared = search.prepare("-heroin")
    assert prepared.matches_nothing
    assert prepared.notices == [
        "A search of only excluded words matches nothing: add a word to look for."
    ]


def test_published_at_is_not_what_ranks():
    """Newest first among ties means most recently added (highest id), whatever the dates."""
    late = case("Naloxone A", published_at=timezone.now())
    early = case("Naloxone B", published_at=timezone.now() - timezone.timedelta(days=900))
    prepared = search.prepare("naloxone")
    assert search.rank(prepared, search.matching_ids(prepared)) == [early.pk, late.pk]
