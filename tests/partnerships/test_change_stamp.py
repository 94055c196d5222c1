"""The finder's change stamp moves with every change its index reads, by itself, and never repeats.

Each test changes the tables the way some part of the project might (the ORM, a queryset update, a
bulk insert, a rename in the admin) and checks the stamp, on whichever database the suite runs on.
"""

import pytest
from django.db import connection, transaction

from partnerships import change_stamp
from partnerships.facets import current_stamp, get_index
from partnerships.models import Organisation, Partnership, PartnershipMember, Region
from tests import factories
from themes.models import PopulationGroup, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study():
    return factories.full_partnership(title="Street triage")


def _create(p):
    factories.partnership()


def _edit(p):
    p.title = "Street triage in Durham"
    p.save()


def _archive_by_queryset(p):
    Partnership.objects.filter(pk=p.pk).update(status=Partnership.Status.ARCHIVED)


def _delete(p):
    p.delete()


def _bulk_create(p):
    published = {"status": Partnership.Status.PUBLISHED, "published_at": p.published_at}
    Partnership.objects.bulk_create([Partnership(title="Bulk", slug="bulk", **published)])


def _add_theme(p):
    p.themes.add(factories.theme())


def _remove_themes(p):
    p.themes.clear()


def _add_force(p):
    p.police_force_areas.add(factories.police_force())


def _remove_population_groups(p):
    p.population_groups.clear()


def _add_partner(p):
    factories.member(p, role="lead")


def _change_a_role(p):
    PartnershipMember.objects.filter(partnership=p).update(role="funder")


def _rename_organisation(p):
    Organisation.objects.filter(memberships__partnership=p).update(name="Renamed trust")


def _rename_theme(p):
    theme = p.themes.first()
    theme.name = "Renamed theme"
    theme.save()


def _make_theme_a_priority(p):
    Theme.objects.filter(partnerships=p).update(is_priority=True)


def _rename_population_group(p):
    PopulationGroup.objects.filter(partnerships=p).update(name="Renamed group")


def _rename_region(p):
    Region.objects.create(name="Wales", slug="wales", ons_code="W92000004")
    Region.objects.filter(slug="wales").update(name="Cymru")


CHANGES = [
    _create,
    _edit,
    _archive_by_queryset,
    _delete,
    _bulk_create,
    _add_theme,
    _remove_themes,
    _add_force,
    _remove_population_groups,
    _add_partner,
    _change_a_role,
    _rename_organisation,
    _rename_theme,
    _make_theme_a_priority,
    _rename_population_group,
    _rename_region,
]


def _publish_a_draft_by_queryset(p):
    draft = factories.partnership(status=Partnership.Status.DRAFT)
    Partnership.objects.filter(pk=draft.pk).update(
        status=Partnership.Status.PUBLISHED, published_at=p.published_at
    )


def _rename_a_police_force_in_no_case_study(p):
    Organisation.objects.filter(pk=factories.police_force().pk).update(name="Renamed Police")


CHANGES += [_publish_a_draft_by_queryset, _rename_a_police_force_in_no_case_study]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_every_change_the_index_reads_moves_the_stamp(case_study, change):
    before = current_stamp()
    change(case_study)
    assert current_stamp() != before


@pytest.fixture
def draft():
    return factories.full_partnership(title="Work in progress", status=Partnership.Status.DRAFT)


def _write_a_draft(p):
    factories.partnership(title="New draft", status=Partnership.Status.DRAFT)


def _edit_a_draft(p):
    p.summary = "A better summary."
    p.save()


def _submit_a_draft(p):
    Partnership.objects.filter(pk=p.pk).update(status=Partnership.Status.SUBMITTED)


def _tag_and_partner_a_draft(p):
    p.themes.add(Theme.objects.exclude(partnerships=p).first())  # new themes are new options
    force = p.police_force_areas.get()
    p.police_force_areas.clear()
    p.police_force_areas.add(force)
    p.population_groups.clear()
    factories.member(p, role="lead")
    PartnershipMember.objects.filter(partnership=p).update(description="Ran the clinics.")


def _add_and_rename_a_draft_partner(p):
    partner = factories.organisation(name="Typo trust", is_confirmed=False)
    factories.member(p, partner)
    Organisation.objects.filter(pk=partner.pk).update(name="Tipo trust")


def _delete_a_draft(p):
    p.delete()


def _read_everything(p):
    list(Partnership.objects.published())
    get_index()


DRAFTING = [
    _write_a_draft,
    _edit_a_draft,
    _submit_a_draft,
    _tag_and_partner_a_draft,
    _add_and_rename_a_draft_partner,
    _delete_a_draft,
    _read_everything,
]


@pytest.mark.parametrize("change", DRAFTING, ids=lambda change: change.__name__.strip("_"))
def test_drafting_and_reading_leave_the_stamp_alone(case_study, draft, change):
    """Contributors save drafts all the time: the index must not be rebuilt for it."""
    factories.source(case_study)  # sources are not in the index either
    before = current_stamp()
    change(draft)
    assert current_stamp() == before


def test_a_rolled_back_change_never_gives_its_stamp_to_other_data(case_study):
    """An index built inside a transaction that rolls back must not pass for current later, when
    another change happens to take the database to the same count of changes."""
    before = current_stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.partnership(title="Never published after all")
        built_inside = get_index()
        assert built_inside.stamp != before
        raise RuntimeError("roll back")
    assert current_stamp() == before
    factories.partnership(title="Published for real")
    assert current_stamp() not in (before, built_inside.stamp)
    ids = get_index().ids
    assert Partnership.objects.get(title="Published for real").pk in ids
    assert not Partnership.objects.filter(title="Never published after all").exists()


def test_every_change_stamp_trigger_is_installed():
    """A later migration that rebuilt a table on SQLite and lost them would fail here."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE 'partnerships_stamp_%'"
            )
            rows = cursor.fetchall()
            assert {name for _, name in rows} == set(change_stamp.PG_TRIGGER_NAMES)
            assert {table for table, _ in rows} == set(change_stamp.WATCHED_TABLES)
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {name for (name,) in cursor.fetchall()}
            assert names >= set(change_stamp.SQLITE_TRIGGERS)


@pytest.mark.django_db(transaction=True)
def test_sqlite_table_rebuilds_during_migrate_keep_the_stamp_triggers():
    """SQLite alters a table by rebuilding it, which drops the triggers on it; the migrate hooks in
    partnerships/apps.py put them back and move the stamp."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL alters tables in place.")
    from partnerships import apps

    p = factories.partnership(title="Kestrel outreach")
    apps.drop_sqlite_triggers(using="default")  # as pre_migrate does
    with connection.schema_editor() as editor:
        editor._remake_table(Partnership)  # what AlterField or AddConstraint does
        editor._remake_table(Theme)
    before = current_stamp()
    apps.restore_sqlite_triggers(using="default", plan=[("a migration", False)])
    assert current_stamp() != before
    moved = current_stamp()
    p.themes.add(factories.theme())
    assert current_stamp() != moved
    test_every_change_stamp_trigger_is_installed()
