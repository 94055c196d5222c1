"""What the organisations index lists (partnerships.views.organisations.organisation_list):
confirmed organisations grouped by kind, each with its region and how many published case
studies it takes part in.

Both are remembered per process. The counts are kept for the change stamp
(partnerships/change_stamp.py moves on every change to a published case study or its partners),
so they are right at once. The lists are kept for the stamp too, and, because the stamp does not
watch organisations that are neither police forces nor partners of a published case study (one
confirmed by an editor, say), also at most settings.PAGE_CACHE_SECONDS, as whole pages are by
the page cache and open-data records are (opendata/records.py). Someone signed in is always
given the list as it is now (`remembered=False`), as their pages are never cached.
"""

from __future__ import annotations

import time
from itertools import groupby
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count

from partnerships.addresses import addresses
from partnerships.memory import Memo
from partnerships.models import Organisation, PartnershipMember, Region, published_q


class OrganisationRow(NamedTuple):
    """What the index shows of one organisation."""

    slug: str
    name: str
    kind: str
    region: str | None  # its region's name
    published_count: int  # published case studies it takes part in
    url: str  # its page


Groups = list[tuple[str, list[OrganisationRow]]]  # (kind's label, its organisations by name)

_counts = Memo(4)  # published_counts per change stamp
_groups = Memo(256)  # grouped() per stamp, period and filter


def published_counts(stamp: int) -> dict[int, int]:
    """Organisation id -> the published case studies it takes part in, for the change stamp."""
    return _counts.get(
        stamp,
        lambda: dict(
            PartnershipMember.objects.filter(published_q("partnership__"))
            .order_by()
            .values("organisation")
            .annotate(count=Count("pk"))
            .values_list("organisation", "count")
        ),
    )


def public_organisations(stamp: int, kind: str = "", region: Region | None = None):
    """The confirmed organisations (of this kind and region, if given), in no order."""
    organisations = Organisation.objects.filter(is_confirmed=True)
    if kind:
        organisations = organisations.filter(kind=kind)
    if region is not None:
        organisations = organisations.filter(region=region)
    counts = published_counts(stamp)
    found = list(organisations.order_by().values_list("pk", "slug", "name", "kind", "region__name"))
    urls = addresses("partnerships:organisation", [(slug,) for _, slug, *_ in found])
    return [
        OrganisationRow(slug, name, kind, region, counts.get(pk, 0), url)
        for (pk, slug, name, kind, region), url in zip(found, urls, strict=True)
    ]


def grouped(
    stamp: int, kind: str = "", region: Region | None = None, *, remembered: bool = True
) -> Groups:
    """public_organisations grouped by kind (in Organisation.Kind's order) and sorted by name.
    Shared when remembered: callers must not change them."""
    if not remembered:
        return _grouped(stamp, kind, region)
    return _groups.get(list_key(stamp, kind, region), lambda: _grouped(stamp, kind, region))


def list_key(stamp: int, kind: str = "", region: Region | None = None) -> tuple:
    """What a remembered list is kept under: the stamp, the period and the filter. The same list
    is given for the same key, so markup made from it may be remembered under it too (the
    index's tables, templates/partnerships/organisation_list.html)."""
    period = int(time.time() // max(1, getattr(settings, "PAGE_CACHE_SECONDS", 300)))
    return (stamp, period, kind, region.pk if region is not None else None)


def _grouped(stamp: int, kind: str, region: Region | None) -> Groups:
    labels = dict(Organisation.Kind.choices)
    order = {value: position for position, value in enumerate(labels)}
    ordered = sorted(
        public_organisations(stamp, kind, region),
        key=lambda org: (order[org.kind], org.name, org.slug),
    )
    return [(labels[k], list(members)) for k, members in groupby(ordered, key=lambda o: o.kind)]


def forget() -> None:
    """Forget every remembered list and count (tests: a rolled-back test leaves the change stamp
    as it found it, so the next test's organisations would find the last one's lists)."""
    _counts.clear()
    _groups.clear()
