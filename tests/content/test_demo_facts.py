"""Demo case studies against the facts files they were written from (../shared/reference).

Every number in a demo text must appear somewhere in the facts, so a figure cannot be invented or
mistyped without a test failing. These tests read the fixture files directly: no database needed.
"""

import json
import re

import pytest
from django.conf import settings

FIXTURES = settings.BASE_DIR / "fixtures"
FACTS_DIR = settings.BASE_DIR.parent / "shared" / "reference"
FACTS_FILES = ["case_study_facts.md", "case_study_facts_2.md"]
DEMO_FILES = sorted(FIXTURES.glob("demo_partnerships_*.json"))
TEXT_FIELDS = ["title", "summary", "problem", "approach", "outcomes", "learning", "contested_note"]
REPLICATION_TEXT_FIELDS = ["funding", "staffing", "referral_route", "replication_needs"]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """Each number written in `text`, normalised: 1,232 -> 1232, 4.80 -> 4.8, 00 -> 0."""
    found = set()
    for raw in NUMBER.findall(text):
        raw = raw.rstrip(",").replace(",", "")
        if "." in raw:
            whole, _, fraction = raw.partition(".")
            fraction = fraction.rstrip("0")
            found.add(f"{int(whole)}.{fraction}" if fraction else str(int(whole)))
        else:
            found.add(str(int(raw)))
    return found


def demo_objects(model: str) -> list[dict]:
    return [
        obj["fields"]
        for path in DEMO_FILES
        for obj in json.loads(path.read_text())
        if obj["model"] == model
    ]


def demo_texts() -> list[tuple[str, str, str]]:
    """(where, field, text) for every piece of prose the demo data shows."""
    texts = []
    for p in demo_objects("partnerships.partnership"):
        texts += [(p["slug"], field, p[field]) for field in TEXT_FIELDS]
    for m in demo_objects("partnerships.partnershipmember"):
        texts.append((m["partnership"][0], f"member {m['organisation'][0]}", m["description"]))
    for s in demo_objects("partnerships.source"):
        texts.append((s["partnership"][0], "source title", s["title"]))
    for p in demo_objects("partnerships.partnership"):
        texts += [(p["slug"], field, p[field]) for field in REPLICATION_TEXT_FIELDS if field in p]
    submissions = FIXTURES / "demo_submissions.json"
    if submissions.exists():
        for sub in json.loads(submissions.read_text()):
            where = sub.get("revision_of") or sub["title"]
            content = sub.get("changes", sub)
            texts += [(where, f"submission {k}", content[k]) for k in TEXT_FIELDS if k in content]
            for _, _, description in sub.get("members", []) + sub.get("add_members", []):
                texts.append((where, "submission member", description))
            for title, _, _ in sub.get("sources", []) + sub.get("add_sources", []):
                texts.append((where, "submission source title", title))
    return texts


@pytest.fixture(scope="module")
def facts_numbers() -> set[str]:
    missing = [name for name in FACTS_FILES if not (FACTS_DIR / name).exists()]
    assert not missing, f"the facts files must sit beside the project in {FACTS_DIR}: {missing}"
    return set().union(*(numbers_in((FACTS_DIR / n).read_text()) for n in FACTS_FILES))


def test_numbers_are_read_as_written():
    assert numbers_in("£4.8m, 1,232 times, 15:00 to 23:00, 2020/21 and 30%.") == {
        "4.8",
        "1232",
        "15",
        "0",
        "23",
        "2020",
        "21",
        "30",
    }


def test_every_number_in_the_demo_texts_appears_in_the_facts(facts_numbers):
    unknown = [
        f"{where} ({field}): {number}"
        for where, field, text in demo_texts()
        for number in sorted(numbers_in(text) - facts_numbers)
    ]
    assert not unknown, "numbers not found in the facts files:\n" + "\n".join(unknown)


def test_the_check_would_catch_an_invented_figure(facts_numbers):
    assert "987654" not in facts_numbers
    assert numbers_in("fell by 987654 per cent") - facts_numbers == {"987654"}


def test_no_demo_text_keeps_the_facts_files_markers():
    for where, field, text in demo_texts():
        assert not re.search(r"\[(unverified|uncertain|activist source)\]", text, re.I), (
            where,
            field,
        )
