"""One rating rule for every case study: the kind of evaluation caps the evidence rating."""

import pytest
from django.urls import reverse

from partnerships.evidence_rules import RATING_CEILINGS, highest_rating, rating_rule
from partnerships.models import Partnership
from tests.content.test_demo_facts import demo_objects

ET = Partnership.EvaluationType

# Demo case studies whose before-and-after study the facts record as controlling for other
# differences (and so may be rated level 2). None do today; add a slug only with that fact.
CONTROLS_RECORDED: set[str] = set()


def test_every_evaluation_type_has_a_ceiling():
    assert set(RATING_CEILINGS) == set(ET.values)


@pytest.mark.parametrize(
    ("evaluation_type", "controls", "expected"),
    [
        (ET.NOT_EVALUATED, False, 0),
        (ET.MONITORING, False, 1),
        (ET.PROCESS, False, 1),
        (ET.BEFORE_AFTER, False, 1),
        (ET.BEFORE_AFTER, True, 2),
        (ET.COMPARISON, False, 4),
        (ET.RCT, False, 5),
        (ET.MONITORING, True, 1),
    ],
)
def test_highest_rating(evaluation_type, controls, expected):
    assert highest_rating(evaluation_type, controls_recorded=controls) == expected


def test_no_demo_case_study_is_rated_above_what_its_evaluation_allows():
    too_high = [
        f"{p['slug']}: {p['evaluation_type']} rated {p['evidence_rating']}"
        for p in demo_objects("partnerships.partnership")
        if p["evidence_rating"]
        > highest_rating(p["evaluation_type"], controls_recorded=p["slug"] in CONTROLS_RECORDED)
    ]
    assert not too_high


def test_the_rule_catches_a_before_and_after_study_rated_level_2():
    assert 2 > highest_rating(ET.BEFORE_AFTER)


def test_demo_entries_with_only_monitoring_or_process_evidence_claim_no_effect():
    claims = [
        p["slug"]
        for p in demo_objects("partnerships.partnership")
        if p["evaluation_type"] in (ET.NOT_EVALUATED, ET.MONITORING, ET.PROCESS)
        and p["evaluation_finding"] not in ("", Partnership.Finding.TOO_EARLY)
    ]
    assert not claims


@pytest.mark.django_db
def test_about_page_shows_the_rule_for_every_evaluation_type(anonymous):
    html = anonymous.get(reverse("partnerships:about")).content.decode()
    assert 'id="rating-rule"' in html
    for label, ceiling in rating_rule():
        assert f'<dt class="govuk-summary-list__key">{label}</dt>' in html
        assert ceiling[0].upper() + ceiling[1:] in html.replace("&#x27;", "'")
    assert "Level 2 only where the study took account of other differences" in html
