"""The API's lists of organisations, themes and police force areas count each one's published
case studies from the finder's index: the same numbers a GROUP BY over what is published gives
(drafts, archived case studies and open revisions left out), in a fixed number of queries however
many organisations and case studies there are."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from partnerships.models import Organisation, Partnership, published_q
from tests import factories
from themes.models import Theme

pytestmark = pytest.mark.django_db


def counted_by_sql() -> dict[str, dict[str, int]]:
    """What the lists used to count with SQL, for comparison."""
    organisations = Organisation.objects.filter(is_confirmed=True).annotate(
        n=Count("memberships", filter=published_q("memberships__partnership__"))
    )
    forces = Organisation.objects.police_forces().annotate(
        n=Count("partnerships_in_area", filter=published_q("partnerships_in_area__"))
    )
    themes = Theme.objects.annotate(n=Count("partnerships", filter=published_q("partnerships__")))
    return {
        "organisations": {o.slug: o.n for o in organisations},
        "force-areas": {f.slug: f.n for f in forces},
        "themes": {t.slug: t.n for t in themes},
    }


def counted_by_api(api_get) -> dict[str, dict[str, int]]:
    organisations = api_get("/api/v1/organisations", {"page_size": 100}).json()["results"]
    return {
        "organisations": {o["slug"]: o["case_studies"] for o in organisations},
        "force-areas": {
            f["slug"]: f["case_studies"] for f in api_get("/api/v1/force-areas").json()
        },
        "themes": {t["slug"]: t["case_studies"] for t in api_get("/api/v1/themes").json()},
    }


def test_anonymous_sees_each_ones_published_case_studies_counted(api_get, editor_user):
    charity, force, theme = factories.organisation(), factories.police_force(), factories.theme()
    live = factories.full_partnership()
    archived = factories.full_partnership(status=Partnership.Status.ARCHIVED)
    draft = factories.partnership(status=Partnership.Status.DRAFT)
    for p in (live, archived, draft):
        factories.member(p, charity)
        p.police_force_areas.add(force)
        p.themes.add(theme)
    revision = live.start_revision(by=editor_user)  # an open revision is never counted
    factories.member(revision, factories.organisation())
    factories.organisation()  # takes part in nothing

    api = counted_by_api(api_get)
    assert api == counted_by_sql()
    assert api["organisations"][charity.slug] == 1
    assert api["force-areas"][force.slug] == 1
    assert api["themes"][theme.slug] == 1
    single = api_get(f"/api/v1/organisations/{charity.slug}").json()
    assert single["case_studies"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations",
        "/api/v1/organisations?page=2&page_size=2",
        "/api/v1/themes",
        "/api/v1/force-areas",
    ],
)
def test_the_lists_run_the_same_queries_however_many_there_are(client, url):
    def grow():
        for _ in range(3):
            p = factories.full_partnership()
            for _ in range(3):
                factories.member(p)

    def queries() -> int:
        client.get(url)  # the first request after a change builds the finder's index
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    grow()
    small = queries()
    grow()
    grow()
    # the change stamp, the count of organisations (for the pages) and the rows
    assert queries() == small <= 3
