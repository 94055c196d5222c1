"""Every source address in the demo data is a well-formed http(s) web address with a real host."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from tests.content.test_demo_facts import demo_objects

HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def is_well_formed(url: str) -> bool:
    if any(c.isspace() for c in url) or "…" in url or url.endswith("..."):
        return False
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    host = urlsplit(url).hostname or ""
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(HOST_LABEL.match(label) for label in labels)
        and labels[-1].isalpha()
        and len(labels[-1]) >= 2
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://slideplayer.com./amp/2996545",
        "https://issuu.com./elginfireconsulting/docs/2016-11_fire_magazine",
        "https://studylib.net/doc/13261559/articles-identification--i...",
        "https://example.org/report…",
        "ftp://example.org/file",
        "https://localhost/page",
        "https://exa mple.org/",
        "https://-bad.example.org/",
    ],
)
def test_malformed_addresses_are_caught(url):
    assert not is_well_formed(url)


def test_good_addresses_pass():
    assert is_well_formed("https://democracy.cityoflondon.gov.uk/mgAi.aspx?ID=155044")
    assert is_well_formed(
        "http://glostext.gloucestershire.gov.uk/ieListDocuments.aspx?CId=653&MId=8343"
    )


def test_every_demo_source_address_is_well_formed():
    bad = [
        f"{s['partnership'][0]}: {s['url']}"
        for s in demo_objects("partnerships.source")
        if not is_well_formed(s["url"])
    ]
    assert not bad


def test_no_case_study_lists_the_same_source_twice():
    seen = set()
    for s in demo_objects("partnerships.source"):
        key = (s["partnership"][0], s["url"])
        assert key not in seen, key
        seen.add(key)


def test_every_demo_submission_source_address_is_well_formed():
    path = settings.BASE_DIR / "fixtures" / "demo_submissions.json"
    urls = [
        url
        for sub in json.loads(path.read_text())
        for _, url, _ in sub.get("sources", []) + sub.get("add_sources", [])
    ]
    assert urls
    assert all(is_well_formed(url) for url in urls)
