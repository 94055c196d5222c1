"""Version 1 of the full-text index on SQLite, frozen: exactly the SQL that migration 0006 ran
(an FTS5 table and the triggers that keep it in step). Never edit this module.
"""

# ruff: noqa: E501, W291

SQLITE_CREATE_TABLE = r"""
CREATE VIRTUAL TABLE partnerships_search USING fts5(
    title, summary, themes, partners, problem, approach, outcomes, learning,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""

SQLITE_TRIGGERS = {
    "partnerships_search_partnership_insert": r"""
        AFTER INSERT ON partnerships_partnership BEGIN DELETE FROM partnerships_search WHERE rowid IN (NEW.id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (NEW.id) AND p.status = 'published';
 END""",
    "partnerships_search_partnership_update": r"""
        AFTER UPDATE ON partnerships_partnership WHEN OLD.status IS NOT NEW.status OR OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary OR OLD.problem IS NOT NEW.problem OR OLD.approach IS NOT NEW.approach OR OLD.outcomes IS NOT NEW.outcomes OR OLD.learning IS NOT NEW.learning
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (OLD.id, NEW.id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (OLD.id, NEW.id) AND p.status = 'published';
 END""",
    "partnerships_search_partnership_delete": r"""
        AFTER DELETE ON partnerships_partnership
        BEGIN DELETE FROM partnerships_search WHERE rowid = OLD.id; END""",
    "partnerships_search_member_insert": r"""
        AFTER INSERT ON partnerships_partnershipmember
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (NEW.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (NEW.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_member_delete": r"""
        AFTER DELETE ON partnerships_partnershipmember
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (OLD.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (OLD.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_member_update": r"""
        AFTER UPDATE OF partnership_id, organisation_id ON partnerships_partnershipmember
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (OLD.partnership_id, NEW.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (OLD.partnership_id, NEW.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_theme_link_insert": r"""
        AFTER INSERT ON partnerships_partnership_themes
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (NEW.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (NEW.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_theme_link_delete": r"""
        AFTER DELETE ON partnerships_partnership_themes
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (OLD.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (OLD.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_theme_link_update": r"""
        AFTER UPDATE ON partnerships_partnership_themes
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (OLD.partnership_id, NEW.partnership_id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (OLD.partnership_id, NEW.partnership_id) AND p.status = 'published';
 END""",
    "partnerships_search_organisation_update": r"""
        AFTER UPDATE OF name ON partnerships_organisation WHEN OLD.name IS NOT NEW.name
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (SELECT partnership_id FROM partnerships_partnershipmember WHERE organisation_id = NEW.id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (SELECT partnership_id FROM partnerships_partnershipmember WHERE organisation_id = NEW.id) AND p.status = 'published';
 END""",
    "partnerships_search_theme_update": r"""
        AFTER UPDATE OF name ON themes_theme WHEN OLD.name IS NOT NEW.name
        BEGIN DELETE FROM partnerships_search WHERE rowid IN (SELECT partnership_id FROM partnerships_partnership_themes WHERE theme_id = NEW.id);
INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (SELECT partnership_id FROM partnerships_partnership_themes WHERE theme_id = NEW.id) AND p.status = 'published';
 END""",
}

# Re-indexes every published case study (after the triggers were away).
SQLITE_REBUILD = [
    "DELETE FROM partnerships_search",
    r"""DELETE FROM partnerships_search WHERE rowid IN (SELECT id FROM partnerships_partnership)""",
    r"""INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, replace(replace(p.title, char(2), ''), char(3), ''), replace(replace(p.summary, char(2), ''), char(3), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        replace(replace(p.problem, char(2), ''), char(3), ''), replace(replace(p.approach, char(2), ''), char(3), ''), replace(replace(p.outcomes, char(2), ''), char(3), ''),
        replace(replace(p.learning, char(2), ''), char(3), '')
    FROM partnerships_partnership p WHERE p.id IN (SELECT id FROM partnerships_partnership) AND p.status = 'published'""",
    "INSERT INTO partnerships_search(partnerships_search) VALUES ('optimize')",
]
