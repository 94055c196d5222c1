"""Related case studies: scored from the finder's index, never unpublished, with a reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships import facets
from partnerships.models import Partnership
from partnerships.related import MIN_SCORE, related, words_of
from partnerships.views import case_study_extras as case_study_memo
from tests import factories

pytestmark = pytest.mark.django_db


def detail(p):
    return Partnership.objects.published().for_detail().get(pk=p.pk)


@pytest.fixture
def crisis():
    return factories.theme(name="Mental health crisis care", slug="crisis")


def test_shared_themes_rank_first_and_the_reason_names_the_theme(crisis):
    other = factories.theme()
    me = factories.partnership(title="Street triage in Cleveland")
    me.themes.add(crisis, other)
    both = factories.partnership(title="Triage car")
    both.themes.add(crisis, other)
    one = factories.partnership(title="Control room nurses")
    one.themes.add(crisis)
    factories.partnership(title="Unrelated")
    found = related(detail(me))
    assert [r.partnership for r in found] == [both, one]
    assert found[1].reason == "Also mental health crisis care"
    assert found[0].score > found[1].score


def test_never_suggests_itself_or_an_unpublished_or_archived_case_study(crisis):
    me = factories.partnership()
    me.themes.add(crisis)
    for status in ["draft", "submitted", "archived", "rejected"]:
        hidden = factories.partnership(status=status, published_at=None)
        hidden.themes.add(crisis)
    assert related(detail(me)) == []


def test_a_case_study_archived_after_the_index_was_built_is_left_out(crisis):
    me, gone = factories.partnership(), factories.partnership()
    me.themes.add(crisis)
    gone.themes.add(crisis)
    index = facets.get_index()
    Partnership.objects.filter(pk=gone.pk).update(status="archived")
    assert related(detail(me), index=index) == []


def test_neighbouring_force_area_counts_when_a_mapping_is_passed(crisis):
    here = factories.police_force(name="Cleveland Police", pfa_code="E23000013")
    next_door = factories.police_force(name="Durham Constabulary", pfa_code="E23000008")
    me = factories.partnership()
    me.themes.add(crisis)
    me.police_force_areas.add(here)
    near = factories.partnership()
    near.themes.add(crisis)
    near.police_force_areas.add(next_door)
    far = factories.partnership()
    far.themes.add(crisis)
    without = related(detail(me))
    assert {r.partnership for r in without} == {near, far}
    assert all(r.score == without[0].score for r in without)
    found = related(detail(me), neighbours={"E23000013": ["E23000008"]})
    assert [r.partnership for r in found] == [near, far]
    assert found[0].reason == "Also mental health crisis care, in a neighbouring area"


def test_same_force_area_and_population_group_are_named(crisis):
    force = factories.police_force(name="Cleveland Police")
    group = factories.population_group(name="People in mental health crisis")
    me, other = factories.partnership(), factories.partnership()
    for p in (me, other):
        p.police_force_areas.add(force)
        p.population_groups.add(group)
    found = related(detail(me))
    assert found[0].partnership == other
    assert (
        found[0].reason == "Also for people in mental health crisis, in the Cleveland Police area"
    )


def test_words_alone_below_the_minimum_are_not_enough():
    me = factories.partnership(title="Naloxone carried by officers", approach="Naloxone kits")
    factories.partnership(title="Naloxone in custody")
    assert related(detail(me)) == []  # no shared theme, group or area: not a candidate
    assert MIN_SCORE > 1
    assert words_of("The police and naloxone kits") == {"naloxone", "kits"}


def test_at_most_five_and_one_query_with_a_warm_index(crisis):
    me = factories.partnership()
    me.themes.add(crisis)
    for _ in range(8):
        factories.partnership().themes.add(crisis)
    p = detail(me)
    index = facets.get_index()
    with CaptureQueriesContext(connection) as captured:
        found = related(p, index=index)
    assert len(found) == 5
    assert len(captured) == 1


def test_case_study_page_shows_related_with_reasons(anonymous, crisis):
    me = factories.full_partnership()
    me.themes.add(crisis)
    other = factories.partnership(title="Triage car in Durham")
    other.themes.add(crisis)
    html = anonymous.get(me.get_absolute_url()).content.decode()
    assert "Related case studies" in html
    assert "Triage car in Durham" in html
    assert "Also mental health crisis care" in html


def test_several_shared_themes_are_counted_in_the_reason(crisis):
    me, other = factories.partnership(), factories.partnership()
    extra = [factories.theme(), factories.theme()]
    for p in (me, other):
        p.themes.add(crisis, *extra)
    assert related(detail(me))[0].reason.startswith("Also ")
    assert "(and 2 more themes)" in related(detail(me))[0].reason


def test_the_case_study_page_finds_neighbours_from_the_force_area_boundaries(anonymous, crisis):
    """The page passes the neighbours computed from the ONS boundaries (practice.geography):
    Durham borders Cleveland, Dyfed-Powys does not."""
    here = factories.police_force(name="Cleveland Police", pfa_code="E23000013")
    next_door = factories.police_force(name="Durham Constabulary", pfa_code="E23000008")
    far_away = factories.police_force(name="Dyfed-Powys Police", pfa_code="W15000004")
    me, near, far = factories.partnership(), factories.partnership(), factories.partnership()
    for partnership, force in [(me, here), (near, next_door), (far, far_away)]:
        partnership.themes.add(crisis)
        partnership.police_force_areas.add(force)
    response = anonymous.get(me.get_absolute_url())
    found = response.context["related"]
    assert [r.partnership for r in found] == [near, far]
    assert found[0].reason == "Also mental health crisis care, in a neighbouring area"
    assert found[1].reason == "Also mental health crisis care"


def test_shared_approach_words_raise_a_case_study_and_are_capped_at_three(crisis):
    me = factories.partnership(
        title="Naloxone for officers",
        summary="Officers carry it on patrol.",
        approach="Naloxone kits and training",
    )
    words = factories.partnership(title="Naloxone in custody", summary="Custody staff hold kits.")
    plain = factories.partnership(title="Custody nurses", summary="Nurses in custody suites.")
    many = factories.partnership(
        title="Naloxone kits training", summary="Patrol officers carry them."
    )
    for p in (me, words, plain, many):
        p.themes.add(crisis)
    found = {r.partnership: r for r in related(detail(me))}
    # Words from this one's approach ("kits") count against the other's title and summary.
    assert [r.partnership for r in related(detail(me))] == [many, words, plain]
    assert found[words].score == found[plain].score + 2  # naloxone, kits: older, yet above
    assert found[many].score == found[plain].score + 3  # six shared words, capped at 3
    assert found[words].reason == found[plain].reason == "Also mental health crisis care"


def test_the_reason_names_two_groups_and_the_area_before_a_neighbour(crisis):
    groups = [factories.population_group(name=n) for n in ("Children", "Older people", "Carers")]
    force = factories.police_force(name="Durham Constabulary")
    me, other = factories.partnership(), factories.partnership()
    for p in (me, other):
        p.population_groups.add(*groups)
        p.police_force_areas.add(force)
    assert related(detail(me))[0].reason == (
        "Also for carers and children, in the Durham Constabulary area"  # by name, two of three
    )


def test_related_case_studies_cost_the_page_exactly_one_query(anonymous, crisis):
    alone = factories.full_partnership()
    me = factories.full_partnership()
    me.themes.add(crisis)
    for _ in range(6):
        factories.full_partnership().themes.add(crisis)

    def warm(p):
        anonymous.get(p.get_absolute_url())  # builds the finder's index
        case_study_memo.forget()  # the page's data is read again, not remembered
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get(p.get_absolute_url())
        return len(captured), response.context["related"]

    queries_alone, none = warm(alone)
    queries_me, found = warm(me)
    assert none == [] and len(found) == 5
    assert queries_me == queries_alone + 1
