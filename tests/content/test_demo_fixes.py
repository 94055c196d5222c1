"""The fact-check's fixes to the demo case studies stay fixed (issue 17, items 2-12)."""

import re

from tests.content.test_demo_facts import TEXT_FIELDS, demo_objects


def entries() -> dict[str, dict]:
    return {p["slug"]: p for p in demo_objects("partnerships.partnership")}


def members(slug: str) -> dict[str, str]:
    return {
        m["organisation"][0]: m["role"]
        for m in demo_objects("partnerships.partnershipmember")
        if m["partnership"][0] == slug
    }


def sources(slug: str) -> list[str]:
    return [s["url"] for s in demo_objects("partnerships.source") if s["partnership"][0] == slug]


def test_work_state_agrees_with_the_end_year():
    for slug, p in entries().items():
        if p["end_year"] is not None:
            assert p["work_state"] == "ended", slug


def test_time_limited_or_superseded_work_is_not_marked_ongoing():
    e = entries()
    for slug in [
        "serenity-integrated-mentoring",
        "early-action-together-wales",
        "margate-task-force",
        "local-alcohol-action-areas",
        "early-intervention-youth-fund",
    ]:
        assert e[slug]["work_state"] != "ongoing", slug


def test_project_adder_is_not_rated_and_names_police_and_council_partners():
    assert entries()["project-adder"]["evidence_rating"] == 0
    partners = members("project-adder")
    assert "local-authority-drug-treatment-commissioners" in partners
    assert "norfolk-county-council-public-health" in partners
    assert {"lancashire", "norfolk", "cleveland"} <= set(partners)


def test_summaries_state_aims_not_results_and_no_invented_details():
    e = entries()
    assert "helped local areas reduce" not in e["local-alcohol-action-areas"]["summary"]
    assert "ankle" not in e["alcohol-abstinence-monitoring-requirement-london"]["summary"]
    assert "led by Kent Police" not in e["margate-task-force"]["summary"]


def test_leads_are_who_the_facts_say():
    assert members("margate-task-force")["kent"] == "partner"
    assert members("margate-task-force")["thanet-district-council"] == "lead"
    assert members("police-carriage-of-naloxone")["home-office"] != "lead"


def test_rrp_contested_note_keeps_to_the_facts_and_its_sources():
    rrp = entries()["right-care-right-person-humberside"]
    assert "Rethink" not in rrp["contested_note"]
    urls = " ".join(sources("right-care-right-person-humberside"))
    assert "mind.org.uk" not in urls and "futurecarecapital" not in urls


def test_sim_contested_note_is_in_our_own_words():
    copied = (
        "reports SIM was used in about half of NHS trusts and that NHS England later backtracked"
    )
    assert copied not in entries()["serenity-integrated-mentoring"]["contested_note"]


def test_aces_theme_only_where_the_facts_support_it():
    e = entries()
    for slug in ["headstart-blackpool", "redthread-youth-violence-intervention-programme"]:
        assert ["aces-trauma"] not in e[slug]["themes"], slug


def test_members_the_facts_support_are_named():
    assert "cheshire-directors-of-public-health" in members("safe-and-well-visits")
    assert "plymouth-schools" in members("operation-encompass")
    assert "margate-task-force-public-health" in members("margate-task-force")
    assert "police-forces-custody-suites" in members("liaison-and-diversion")


def test_no_internal_editorial_notes_in_the_texts():
    note = re.compile(r"sources used|for this entry|used here|not summarised here", re.I)
    for slug, p in entries().items():
        for field in TEXT_FIELDS:
            assert not note.search(p[field]), (slug, field)
