"""Atom feeds (Django's syndication framework) of any finder view: every new case study, a theme's,
an organisation's, a police force area's, and any finder URL's (its parameters carried over).

A feed holds the first FEED_LIMIT of the finder's results in the page's order (newest published
first unless the URL sorts otherwise). An entry's `updated` is the case study's last change, which
moves when an editor approves a revision.

What an entry says is worked out once per case study and change stamp (partnerships/change_stamp.py
moves on every change to a published case study and its themes, so an approved revision shows at
once) and kept per process (ENTRIES of them): a feed's entries are mostly the newest case studies,
the same in feed after feed. The syndication framework then only reads them (`item_*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from opendata.dictionary import LICENCE_URL
from opendata.related import themes
from opendata.scope import finder_params, read_scope, scoped_find
from partnerships.addresses import address
from partnerships.finder import Finder
from partnerships.memory import Memo
from partnerships.models import Organisation, Partnership
from themes.models import Theme

FEED_LIMIT = 20
ENTRIES = 1000  # entries kept per process (under 1 KB each)
SERVICE = "Police and public health partnerships"
# What XML 1.0 cannot hold (Django's feed writer refuses them): control characters but tab and
# line ends. Search words or a typed text may have them; a feed leaves them out.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


class Entry(NamedTuple):
    """What one entry says (its text already fit for XML)."""

    title: str
    description: str
    link: str  # the case study's page (a path)
    published: datetime
    updated: datetime
    categories: tuple[str, ...]  # its themes' names, in theme order


_entries = Memo(ENTRIES)


def entries(ids: list[int], stamp: int) -> list[Entry]:
    """The entries of these published case studies, in the order given (unpublished ones are
    left out), each remembered for the change stamp `stamp` (read before they are: the
    finder's `stamp`)."""
    keys = [(stamp, pk) for pk in ids]
    found = _entries.get_many(keys, _read)
    return [entry for key in keys if (entry := found[key]) is not None]


def _read(keys: list[tuple[int, int]]) -> dict[tuple[int, int], Entry | None]:
    ids = [pk for _, pk in keys]
    rows = (
        Partnership.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .values_list("id", "title", "slug", "summary", "published_at", "updated_at")
    )
    tags = themes(ids)
    made = {
        pk: Entry(
            xml_text(title),
            xml_text(summary),
            address("partnerships:detail", slug),
            published,
            updated,
            tuple(xml_text(theme["name"]) for theme in tags.get(pk, ())),
        )
        for pk, title, slug, summary, published, updated in rows
    }
    return {key: made.get(key[1]) for key in keys}  # None: not published


def forget() -> None:
    """Empty the memo of entries (the benchmark's first-time figures)."""
    _entries.clear()


@dataclass
class FeedOf:
    """What a feed is of: the finder, where its page is, and a name for it."""

    finder: Finder
    name: str
    page: str  # the finder page's path
    query: str  # the finder's parameters, as the page had them


class CaseStudyFeed(Feed):
    """The feed of a finder page. Subclasses fix the page's scope from the URL."""

    feed_type = Atom1Feed
    author_name = SERVICE
    feed_copyright = f"Open Government Licence v3.0: {LICENCE_URL}"
    scope_key = ""

    def get_object(self, request: HttpRequest, slug: str = "") -> FeedOf:
        if self.scope_key:
            name, page = self.page_of(slug)
            scope = (self.scope_key, slug)
        else:
            scope = read_scope(request.GET)
            name, page = "Case studies", reverse("partnerships:list")
        finder = scoped_find(request, scope)
        query = finder_params(request.GET).urlencode()
        return FeedOf(finder, name, page, query)

    def page_of(self, slug: str) -> tuple[str, str]:
        raise NotImplementedError

    def title(self, obj: FeedOf) -> str:
        selected = [f"{item.facet_label}: {item.label}" for item in obj.finder.active]
        if not selected:
            return xml_text(f"{obj.name} – {SERVICE}")
        return xml_text(f"{obj.name} ({', '.join(selected)}) – {SERVICE}")

    def subtitle(self, obj: FeedOf) -> str:
        return "Case studies newly published in the directory, as its finder lists them."

    def link(self, obj: FeedOf) -> str:
        if not obj.query:
            return obj.page
        return obj.page + ("&" if "?" in obj.page else "?") + obj.query

    def items(self, obj: FeedOf) -> list[Entry]:
        ids = obj.finder.ordered_slice(0, FEED_LIMIT)
        return entries(ids, obj.finder.stamp)

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_pubdate(self, item: Entry) -> datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime:
        return item.updated

    def item_categories(self, item: Entry) -> tuple[str, ...]:
        return item.categories


class ThemeFeed(CaseStudyFeed):
    scope_key = "theme"

    def page_of(self, slug: str) -> tuple[str, str]:
        theme = get_object_or_404(Theme, slug=slug)
        return theme.name, theme.get_absolute_url()


class OrganisationFeed(CaseStudyFeed):
    scope_key = "partner"

    def page_of(self, slug: str) -> tuple[str, str]:
        organisation = get_object_or_404(Organisation, slug=slug, is_confirmed=True)
        return organisation.name, organisation.get_absolute_url()


class ForceAreaFeed(CaseStudyFeed):
    """A police force area's case studies (the finder's `force` facet: work covering the area)."""

    scope_key = "force"

    def page_of(self, slug: str) -> tuple[str, str]:
        force = get_object_or_404(
            Organisation.objects.police_forces(), slug=slug, is_confirmed=True
        )
        page = reverse("partnerships:list") + f"?force={force.slug}"
        return f"{force.name} area", page
