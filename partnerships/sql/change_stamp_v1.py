"""Version 1 of the change stamp, frozen: exactly the SQL that migration 0009 ran. Never edit this
module: a change is a new version and a new migration. What the stamp is for:
partnerships/change_stamp.py.
"""

# ruff: noqa: E501, W291

from partnerships import sqlite_triggers

PG_CREATE = r"""
CREATE SEQUENCE partnerships_change_stamp_seq;
CREATE TABLE partnerships_change_stamp (
    id smallint PRIMARY KEY CHECK (id = 1),
    stamp bigint NOT NULL
);
COMMENT ON TABLE partnerships_change_stamp IS
    'Moves on every change to what the finder index reads, by triggers: see change_stamp.py.';
INSERT INTO partnerships_change_stamp VALUES (1, nextval('partnerships_change_stamp_seq'));

CREATE FUNCTION partnerships_change_stamp_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    RETURN NULL;
END $$;

CREATE FUNCTION partnerships_stamp_partnership_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE r.status = 'published') THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_insert AFTER INSERT ON partnerships_partnership REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_insert();
CREATE FUNCTION partnerships_stamp_partnership_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE r.status = 'published') OR EXISTS (SELECT 1 FROM new_rows r WHERE r.status = 'published') THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_update AFTER UPDATE ON partnerships_partnership REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_update();
CREATE FUNCTION partnerships_stamp_partnership_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE r.status = 'published') THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_delete AFTER DELETE ON partnerships_partnership REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_delete();
CREATE TRIGGER partnerships_stamp_partnership_truncate AFTER TRUNCATE ON partnerships_partnership
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE FUNCTION partnerships_stamp_partnership_themes_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_themes_insert AFTER INSERT ON partnerships_partnership_themes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_themes_insert();
CREATE FUNCTION partnerships_stamp_partnership_themes_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) OR EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_themes_update AFTER UPDATE ON partnerships_partnership_themes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_themes_update();
CREATE FUNCTION partnerships_stamp_partnership_themes_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_themes_delete AFTER DELETE ON partnerships_partnership_themes REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_themes_delete();
CREATE TRIGGER partnerships_stamp_partnership_themes_truncate AFTER TRUNCATE ON partnerships_partnership_themes
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE FUNCTION partnerships_stamp_partnership_police_force_areas_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_police_force_areas_insert AFTER INSERT ON partnerships_partnership_police_force_areas REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_police_force_areas_insert();
CREATE FUNCTION partnerships_stamp_partnership_police_force_areas_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) OR EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_police_force_areas_update AFTER UPDATE ON partnerships_partnership_police_force_areas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_police_force_areas_update();
CREATE FUNCTION partnerships_stamp_partnership_police_force_areas_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_police_force_areas_delete AFTER DELETE ON partnerships_partnership_police_force_areas REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_police_force_areas_delete();
CREATE TRIGGER partnerships_stamp_partnership_police_force_areas_truncate AFTER TRUNCATE ON partnerships_partnership_police_force_areas
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE FUNCTION partnerships_stamp_partnership_population_groups_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_population_groups_insert AFTER INSERT ON partnerships_partnership_population_groups REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_population_groups_insert();
CREATE FUNCTION partnerships_stamp_partnership_population_groups_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) OR EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_population_groups_update AFTER UPDATE ON partnerships_partnership_population_groups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_population_groups_update();
CREATE FUNCTION partnerships_stamp_partnership_population_groups_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnership_population_groups_delete AFTER DELETE ON partnerships_partnership_population_groups REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnership_population_groups_delete();
CREATE TRIGGER partnerships_stamp_partnership_population_groups_truncate AFTER TRUNCATE ON partnerships_partnership_population_groups
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE FUNCTION partnerships_stamp_partnershipmember_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnershipmember_insert AFTER INSERT ON partnerships_partnershipmember REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnershipmember_insert();
CREATE FUNCTION partnerships_stamp_partnershipmember_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) OR EXISTS (SELECT 1 FROM new_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnershipmember_update AFTER UPDATE ON partnerships_partnershipmember REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnershipmember_update();
CREATE FUNCTION partnerships_stamp_partnershipmember_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = r.partnership_id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_partnershipmember_delete AFTER DELETE ON partnerships_partnershipmember REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_partnershipmember_delete();
CREATE TRIGGER partnerships_stamp_partnershipmember_truncate AFTER TRUNCATE ON partnerships_partnershipmember
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE FUNCTION partnerships_stamp_organisation_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows r WHERE r.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = r.id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_organisation_insert AFTER INSERT ON partnerships_organisation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_organisation_insert();
CREATE FUNCTION partnerships_stamp_organisation_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE r.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = r.id AND p.status = 'published')) OR EXISTS (SELECT 1 FROM new_rows r WHERE r.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = r.id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_organisation_update AFTER UPDATE ON partnerships_organisation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_organisation_update();
CREATE FUNCTION partnerships_stamp_organisation_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows r WHERE r.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = r.id AND p.status = 'published')) THEN
        UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq') WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_stamp_organisation_delete AFTER DELETE ON partnerships_organisation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_stamp_organisation_delete();
CREATE TRIGGER partnerships_stamp_organisation_truncate AFTER TRUNCATE ON partnerships_organisation
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE TRIGGER partnerships_stamp_region
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partnerships_region
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE TRIGGER partnerships_stamp_themes_theme
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themes_theme
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();
CREATE TRIGGER partnerships_stamp_themes_populationgroup
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themes_populationgroup
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();"""

PG_DROP = r"""DROP FUNCTION partnerships_stamp_partnership_insert() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_update() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_delete() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_themes_insert() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_themes_update() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_themes_delete() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_police_force_areas_insert() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_police_force_areas_update() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_police_force_areas_delete() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_population_groups_insert() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_population_groups_update() CASCADE;
DROP FUNCTION partnerships_stamp_partnership_population_groups_delete() CASCADE;
DROP FUNCTION partnerships_stamp_partnershipmember_insert() CASCADE;
DROP FUNCTION partnerships_stamp_partnershipmember_update() CASCADE;
DROP FUNCTION partnerships_stamp_partnershipmember_delete() CASCADE;
DROP FUNCTION partnerships_stamp_organisation_insert() CASCADE;
DROP FUNCTION partnerships_stamp_organisation_update() CASCADE;
DROP FUNCTION partnerships_stamp_organisation_delete() CASCADE;
DROP FUNCTION partnerships_change_stamp_move() CASCADE;
DROP TABLE partnerships_change_stamp;
DROP SEQUENCE partnerships_change_stamp_seq;
"""

SQLITE_CREATE_TABLE = r"""
CREATE TABLE partnerships_change_stamp (
    id integer PRIMARY KEY CHECK (id = 1),
    stamp integer NOT NULL
)
"""

SQLITE_INSERT_ROW = "INSERT INTO partnerships_change_stamp VALUES (1, random())"
SQLITE_MOVE = "UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1"

SQLITE_TRIGGERS = {
    "partnerships_stamp_partnership_insert": r"""
        AFTER INSERT ON partnerships_partnership WHEN (NEW.status = 'published')
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_update": r"""
        AFTER UPDATE ON partnerships_partnership WHEN (OLD.status = 'published') OR (NEW.status = 'published')
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_delete": r"""
        AFTER DELETE ON partnerships_partnership WHEN (OLD.status = 'published')
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_themes_insert": r"""
        AFTER INSERT ON partnerships_partnership_themes WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_themes_update": r"""
        AFTER UPDATE ON partnerships_partnership_themes WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published')) OR (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_themes_delete": r"""
        AFTER DELETE ON partnerships_partnership_themes WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_police_force_areas_insert": r"""
        AFTER INSERT ON partnerships_partnership_police_force_areas WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_police_force_areas_update": r"""
        AFTER UPDATE ON partnerships_partnership_police_force_areas WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published')) OR (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_police_force_areas_delete": r"""
        AFTER DELETE ON partnerships_partnership_police_force_areas WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_population_groups_insert": r"""
        AFTER INSERT ON partnerships_partnership_population_groups WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_population_groups_update": r"""
        AFTER UPDATE ON partnerships_partnership_population_groups WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published')) OR (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnership_population_groups_delete": r"""
        AFTER DELETE ON partnerships_partnership_population_groups WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnershipmember_insert": r"""
        AFTER INSERT ON partnerships_partnershipmember WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnershipmember_update": r"""
        AFTER UPDATE ON partnerships_partnershipmember WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published')) OR (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = NEW.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_partnershipmember_delete": r"""
        AFTER DELETE ON partnerships_partnershipmember WHEN (EXISTS (SELECT 1 FROM partnerships_partnership p WHERE p.id = OLD.partnership_id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_organisation_insert": r"""
        AFTER INSERT ON partnerships_organisation WHEN (NEW.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = NEW.id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_organisation_update": r"""
        AFTER UPDATE ON partnerships_organisation WHEN (OLD.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = OLD.id AND p.status = 'published')) OR (NEW.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = NEW.id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_organisation_delete": r"""
        AFTER DELETE ON partnerships_organisation WHEN (OLD.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE m.organisation_id = OLD.id AND p.status = 'published'))
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_region_insert": r"""
        AFTER INSERT ON partnerships_region 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_region_update": r"""
        AFTER UPDATE ON partnerships_region 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_region_delete": r"""
        AFTER DELETE ON partnerships_region 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_theme_insert": r"""
        AFTER INSERT ON themes_theme 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_theme_update": r"""
        AFTER UPDATE ON themes_theme 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_theme_delete": r"""
        AFTER DELETE ON themes_theme 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_populationgroup_insert": r"""
        AFTER INSERT ON themes_populationgroup 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_populationgroup_update": r"""
        AFTER UPDATE ON themes_populationgroup 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
    "partnerships_stamp_themes_populationgroup_delete": r"""
        AFTER DELETE ON themes_populationgroup 
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END""",
}


def create(schema_editor) -> None:
    """Migration 0009, forwards."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(SQLITE_CREATE_TABLE)
            cursor.execute(SQLITE_INSERT_ROW)
            sqlite_triggers.create(cursor, SQLITE_TRIGGERS)
    else:
        raise NotImplementedError(f"Written for PostgreSQL and SQLite, not {vendor}.")


def drop(schema_editor) -> None:
    """Migration 0009, backwards."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            sqlite_triggers.drop(cursor, SQLITE_TRIGGERS)
            cursor.execute("DROP TABLE partnerships_change_stamp")
