"""The search index follows every change to case studies, partners and themes, by itself.

Every test changes the tables the way some part of the project does (the ORM, a queryset update,
a bulk insert, a fixture) and checks what the index holds, on whichever database the suite runs on.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from partnerships import search, search_schema, sqlite_triggers
from partnerships.models import Partnership, PartnershipMember
from tests import factories

pytestmark = pytest.mark.django_db


def indexed() -> set[int]:
    """The ids the index holds."""
    column = "partnership_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM partnerships_search")
        return {pk for (pk,) in cursor.fetchall()}


def found(text: str) -> set[int]:
    return set(search.matching_ids(search.prepare(text)))


def test_the_index_holds_exactly_the_published_case_studies():
    for status in Partnership.Status.values:
        factories.partnership(status=status, title=f"Kestrel scheme {status}")
    assert indexed() == set(Partnership.objects.published().values_list("pk", flat=True))
    assert len(indexed()) == 1


def test_a_new_case_study_is_found_by_every_field():
    p = factories.partnership(
        title="Kestrel outreach",
        summary="Summary about lapwings.",
        problem="A problem with herons.",
        approach="An approach with ospreys.",
        outcomes="Outcomes for plovers.",
        learning="Learning from curlews.",
    )
    for word in ("kestrel", "lapwings", "herons", "ospreys", "plovers", "curlews"):
        assert found(word) == {p.pk}, word


def test_editing_the_text_reindexes_it():
    p = factories.partnership(title="Kestrel outreach")
    p.title = "Merlin outreach"
    p.save()
    assert found("kestrel") == set()
    assert found("merlin") == {p.pk}


def test_saving_without_changing_the_text_keeps_it_indexed():
    p = factories.partnership(title="Kestrel outreach")
    p.contact_name = "A Person"
    p.save()
    assert found("kestrel") == {p.pk}


def test_a_deleted_case_study_leaves_the_index():
    p = factories.full_partnership(title="Kestrel outreach")
    p.delete()
    assert found("kestrel") == set()
    assert indexed() == set()


def test_publishing_and_unpublishing_follow_the_status():
    p = factories.partnership(status=Partnership.Status.SUBMITTED, title="Kestrel outreach")
    assert found("kestrel") == set()
    p.status = Partnership.Status.PUBLISHED
    p.published_at = timezone.now()
    p.save(update_fields=["status", "published_at"])
    assert found("kestrel") == {p.pk}
    p.status = Partnership.Status.ARCHIVED
    p.save(update_fields=["status"])
    assert found("kestrel") == set()


def test_queryset_updates_and_bulk_inserts_reach_the_index_without_save():
    first = factories.partnership(title="Kestrel outreach")
    factories.partnership(title="Kestrel patrol")
    Partnership.objects.filter(pk=first.pk).update(status=Partnership.Status.ARCHIVED)
    assert len(found("kestrel")) == 1
    Partnership.objects.update(summary="Now about merlins.")
    assert len(found("merlins")) == 1
    created = Partnership.objects.bulk_create(
        Partnership(
            title=f"Osprey scheme {n}",
            slug=f"osprey-{n}",
            summary="Bulk.",
            status=Partnership.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(3)
    )
    assert found("osprey") == {p.pk for p in created}


def test_partner_organisations_are_indexed_as_they_join_change_and_leave():
    p = factories.partnership(title="Outreach")
    kestrel = factories.organisation(name="Kestrel Borough Council")
    member = factories.member(p, kestrel)
    assert found("kestrel") == {p.pk}
    member.organisation = factories.organisation(name="Merlin Health Trust")
    member.save()
    assert found("kestrel") == set()
    assert found("merlin") == {p.pk}
    member.delete()
    assert found("merlin") == set()
    PartnershipMember.objects.bulk_create(
        [PartnershipMember(partnership=p, organisation=kestrel, role="lead")]
    )
    assert found("kestrel") == {p.pk}


def test_renaming_an_organisation_reindexes_its_case_studies():
    org = factories.organisation(name="Kestrel Borough Council")
    both = {factories.member(factories.partnership(), org).partnership_id for _ in range(2)}
    other = factories.partnership(title="Kestrel elsewhere")
    org.name = "Merlin Borough Council"
    org.save()
    assert found("merlin") == both
    assert found("kestrel") == {other.pk}


def test_themes_are_indexed_as_they_are_added_removed_and_renamed():
    p = factories.partnership(title="Outreach")
    theme = factories.theme(name="Kestrel safety")
    p.themes.add(theme)
    assert found("kestrel") == {p.pk}
    theme.name = "Merlin safety"
    theme.save()
    assert found("kestrel") == set()
    assert found("merlin") == {p.pk}
    p.themes.remove(theme)
    assert found("merlin") == set()
    p.themes.set([theme])
    assert found("merlin") == {p.pk}
    theme.delete()
    assert found("merlin") == set()


def test_fixtures_are_indexed_as_they_load():
    call_command("loaddata", "regions_and_forces.json", "themes.json", verbosity=0)
    call_command("loaddata", "demo_partnerships_a.json", verbosity=0)
    published = set(Partnership.objects.published().values_list("pk", flat=True))
    assert published and indexed() == published
    assert found('"street triage"')


def test_every_search_trigger_is_installed():
    """A later migration that rebuilt a table on SQLite and dropped them would fail here."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'partnerships_search_%'"
            )
            names = {name for (name,) in cursor.fetchall()}
            assert names == set(search_schema.PG_TRIGGER_NAMES)
        else:
            assert sqlite_triggers.installed(cursor, search_schema.SQLITE_TRIGGER_PREFIX) == set(
                search_schema.SQLITE_TRIGGERS
            )


@pytest.mark.django_db(transaction=True)
def test_sqlite_table_rebuilds_during_migrate_keep_the_triggers():
    """SQLite alters a table by rebuilding it; the migrate hooks in partnerships/apps.py take the
    search triggers away for the rebuild and put them back afterwards."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL alters tables in place.")
    from partnerships import apps

    p = factories.partnership(title="Kestrel outreach")
    apps.drop_sqlite_triggers(using="default")  # as pre_migrate does
    with connection.schema_editor() as editor:
        editor._remake_table(Partnership)  # what AlterField or AddConstraint does
        editor._remake_table(type(p).organisations.rel.model)
    apps.restore_sqlite_triggers(using="default", plan=[("a migration", False)])
    with connection.cursor() as cursor:
        assert sqlite_triggers.installed(cursor, search_schema.SQLITE_TRIGGER_PREFIX) == set(
            search_schema.SQLITE_TRIGGERS
        )
    assert found("kestrel") == {p.pk}
    p.title = "Merlin outreach"
    p.save()
    assert found("merlin") == {p.pk}


@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_and_reapplies_indexing_what_is_there():
    p = factories.full_partnership(title="Kestrel outreach")
    try:
        call_command("migrate", "partnerships", "0002", verbosity=0)
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        assert "partnerships_search" not in tables
    finally:
        call_command("migrate", "partnerships", verbosity=0)
    assert found("kestrel") == {p.pk}
    assert found(p.themes.first().name) >= {p.pk}
