"""Atom feeds of any finder view: valid Atom (feedparser), the finder's results, summaries,
themes as categories, everything escaped, and `updated` moving when a revision is approved."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse

from opendata.feeds import FEED_LIMIT
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_the_feed_of_all_new_case_studies_is_valid_atom_newest_first(anonymous):
    older = factories.full_partnership(published_at=factories.timezone.now().replace(year=2024))
    newer = factories.full_partnership()
    factories.partnership(status="draft", title="A draft")
    feed = parsed(anonymous, reverse("opendata:feed"))
    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + newer.get_absolute_url(),
        "http://testserver" + older.get_absolute_url(),
    ]
    entry = feed.entries[0]
    assert entry.title == newer.title and entry.summary == newer.summary
    assert {tag.term for tag in entry.tags} == {theme.name for theme in newer.themes.all()}
    assert "Open Government Licence" in feed.feed.rights


def test_feeds_of_a_theme_an_organisation_and_a_force_area_hold_their_case_studies(anonymous):
    theme, org, force = factories.theme(), factories.organisation(), factories.police_force()
    tagged = factories.full_partnership()
    tagged.themes.add(theme)
    factories.member(tagged, org)
    tagged.police_force_areas.add(force)
    factories.full_partnership()
    for url in [
        reverse("opendata:theme_feed", args=[theme.slug]),
        reverse("opendata:organisation_feed", args=[org.slug]),
        reverse("opendata:force_area_feed", args=[force.slug]),
    ]:
        feed = parsed(anonymous, url)
        assert [entry.title for entry in feed.entries] == [tagged.title], url
    assert anonymous.get(reverse("opendata:theme_feed", args=["nope"])).status_code == 404
    hidden = factories.organisation(is_confirmed=False)
    url = reverse("opendata:organisation_feed", args=[hidden.slug])
    assert anonymous.get(url).status_code == 404


def test_a_finder_url_feed_carries_its_filters_and_escapes_everything(anonymous):
    nasty = 'Fish & chips <script>alert("x")</script> ]]>'
    match = factories.full_partnership(title=nasty, summary=nasty, evaluation_type="rct")
    factories.full_partnership(evaluation_type="monitoring")
    feed = parsed(anonymous, reverse("opendata:feed") + "?evaluation=rct")
    assert [entry.link.rsplit("/", 2)[-2] for entry in feed.entries] == [match.slug]
    assert "evaluation=rct" in feed.feed.link
    assert "Randomised controlled trial" in feed.feed.title
    raw = anonymous.get(reverse("opendata:feed") + "?evaluation=rct").content
    assert b"<script>" not in raw
    # The text comes back exactly as written from the XML (feedparser strips the tags).
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ElementTree.fromstring(raw).find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == nasty
    assert entry.find(f"{atom}summary").text == nasty


def test_control_characters_xml_cannot_hold_are_left_out_not_a_500(anonymous):
    factories.full_partnership(title="Street\x0b triage", summary="Nurses\x01 and officers")
    for params in [{}, {"q": "triage\x00"}, {"q": "\x1f"}, {"within": "theme:a\x00b"}]:
        response = anonymous.get(reverse("opendata:feed"), params)
        if "within" in params:
            assert response.status_code == 404
            continue
        assert response.status_code == 200, params
        feed = feedparser.parse(response.content)
        assert not feed.bozo, params
    atom = "{http://www.w3.org/2005/Atom}"
    raw = anonymous.get(reverse("opendata:feed")).content
    entry = ElementTree.fromstring(raw).find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == "Street triage"
    assert entry.find(f"{atom}summary").text == "Nurses and officers"


def test_a_feed_holds_at_most_the_limit(anonymous):
    for _ in range(FEED_LIMIT + 2):
        factories.partnership()
    assert len(parsed(anonymous, reverse("opendata:feed")).entries) == FEED_LIMIT


def test_updated_moves_when_an_editor_approves_a_revision(anonymous, contributor_user, editor_user):
    live = factories.complete_draft(
        submitted_by=contributor_user, status="published", published_at=factories.timezone.now()
    )
    long_ago = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    Partnership.objects.filter(pk=live.pk).update(updated_at=long_ago)
    entry = parsed(anonymous, reverse("opendata:feed")).entries[0]
    assert entry.updated.startswith("2026-01-05")
    revision = live.start_revision(by=contributor_user)
    revision.summary = "A better summary."
    revision.save()
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=2)
    entry = parsed(anonymous, reverse("opendata:feed")).entries[0]
    assert entry.summary == "A better summary."
    assert entry.updated_parsed > long_ago.timetuple()
