"""API pages and feeds remember each case study's record and entry per change stamp: what they
show still changes at once when an editor approves a revision, renames a theme or unpublishes,
even while the finder's index is being rebuilt in the background (the previous index serving)."""

import time

import feedparser
import pytest
import time_machine
from django.urls import reverse

from partnerships import facet_index
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db
LIST = "/api/v1/case-studies"


@pytest.fixture
def stale_index(settings, monkeypatch):
    """The finder keeps serving the index it has (as while a background rebuild runs): call it
    once the index to keep is built."""

    def keep():
        settings.FINDER_BACKGROUND_REBUILD = True
        monkeypatch.setattr(facet_index, "_rebuild_in_background", lambda stamp: None)

    return keep


def api_summaries(api_get) -> dict[str, str]:
    return {r["slug"]: r["summary"] for r in api_get(LIST).json()["results"]}


def feed_summaries(client) -> dict[str, str]:
    feed = feedparser.parse(client.get(reverse("opendata:feed")).content)
    return {entry.link.rsplit("/", 2)[-2]: entry.summary for entry in feed.entries}


def test_an_approved_revision_shows_at_once_though_the_index_is_the_previous_one(
    anonymous, api_get, contributor_user, editor_user, stale_index
):
    live = factories.complete_draft(
        submitted_by=contributor_user, status="published", published_at=factories.timezone.now()
    )
    factories.full_partnership()
    assert api_summaries(api_get)[live.slug] == live.summary
    assert feed_summaries(anonymous)[live.slug] == live.summary
    stale_index()
    revision = live.start_revision(by=contributor_user)
    revision.summary = "A better summary."
    revision.save()
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=2)
    assert facet_index.get_index().stamp != facet_index.current_stamp()  # still the old index
    assert api_summaries(api_get)[live.slug] == "A better summary."
    assert feed_summaries(anonymous)[live.slug] == "A better summary."
    listed = {r["slug"]: r for r in api_get(LIST).json()["results"]}
    assert api_get(f"{LIST}/{live.slug}").json() == listed[live.slug]


def test_a_renamed_theme_and_an_unpublished_case_study_show_at_once(
    anonymous, api_get, stale_index
):
    kept, dropped = factories.full_partnership(), factories.full_partnership()
    theme = kept.themes.first()
    assert {r["slug"] for r in api_get(LIST).json()["results"]} == {kept.slug, dropped.slug}
    assert len(feed_summaries(anonymous)) == 2
    stale_index()
    theme.name = "Renamed theme"
    theme.save()
    Partnership.objects.filter(pk=dropped.pk).update(status="draft")
    results = api_get(LIST).json()["results"]
    assert [r["slug"] for r in results] == [kept.slug]
    assert "Renamed theme" in [t["name"] for t in results[0]["themes"]]
    feed = feedparser.parse(anonymous.get(reverse("opendata:feed")).content)
    assert [entry.title for entry in feed.entries] == [kept.title]
    assert "Renamed theme" in {tag.term for tag in feed.entries[0].tags}


def test_a_source_the_stamp_does_not_watch_shows_within_the_page_cache_time(api_get, settings):
    settings.PAGE_CACHE_SECONDS = 300
    p = factories.full_partnership()
    with time_machine.travel(time.time(), tick=False) as traveller:
        before = api_get(LIST).json()["results"][0]["sources"]
        factories.source(p, title="Added in SQL", url="https://example.org/added")
        traveller.shift(301)
        after = api_get(LIST).json()["results"][0]["sources"]
    assert [s["url"] for s in after] == [s["url"] for s in before] + ["https://example.org/added"]
