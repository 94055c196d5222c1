"""The finder's index rebuilt by a child process (partnerships/index_child.py): what the child
writes reads back as the same index; a child that fails, hangs or writes nonsense leaves the
previous index serving and the next request tries again; a replaced index is freed in pieces."""

import dataclasses
import io
import pickle
import re
import sqlite3
import sys
import weakref

import pytest
from django.db import connection
from django.urls import reverse

from partnerships import facet_index, index_child
from tests import factories

LIST = reverse("partnerships:list")
FIELDS = [field.name for field in dataclasses.fields(facet_index.FacetIndex)]


def shown(response) -> int:
    return int(re.search(r'id="result-count">\s*(\d+)', response.content.decode()).group(1))


def assert_same(read, built):
    for name in FIELDS:
        assert getattr(read, name) == getattr(built, name), name
    assert len({id(themes) for themes in read.themes_at}) == len(set(read.themes_at)) == 2


@pytest.fixture
def case_studies(db):
    factories.full_partnership(title="Street triage in Cleveland")
    theme = factories.theme(name="Mental health")
    for n in range(3):  # the same themes: one tuple in the index
        factories.partnership(title=f"Liaison and diversion {n}").themes.add(theme)


def test_an_index_written_in_pieces_reads_back_the_same(case_studies):
    built = facet_index.build_index()
    stream = io.BytesIO()
    index_child.write_index(built, stream)
    stream.seek(0)
    assert_same(index_child.read_index(stream, pause=0), built)


def test_a_stream_cut_short_gives_no_index(case_studies):
    stream = io.BytesIO()
    index_child.write_index(facet_index.build_index(), stream)
    whole = stream.getvalue()
    for cut in (len(whole) - 1, len(whole) - 40, len(whole) // 2):  # in the last piece or another
        with pytest.raises((EOFError, pickle.UnpicklingError)):
            index_child.read_index(io.BytesIO(whole[:cut]), pause=0)


@pytest.mark.django_db(transaction=True)
def test_a_child_process_builds_the_index_of_the_database_this_process_uses(
    case_studies, tmp_path, monkeypatch
):
    stamp = facet_index.current_stamp()
    built = facet_index.build_index(stamp)
    if facet_index._other_processes_can_read("default"):
        read = index_child.index_from_child(stamp, "default")
    else:  # SQLite in memory (the test database): the child reads a copy of it in a file
        copy = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        with monkeypatch.context() as patched:
            patched.setitem(connection.settings_dict, "NAME", str(copy))
            read = index_child.index_from_child(stamp, "default")
    assert_same(read, built)


FAILING_CHILDREN = {
    "exits": ("import sys; sys.exit(3)", 30),
    "hangs": ("import time; time.sleep(60)", 1),  # killed after CHILD_TIMEOUT
    "writes nonsense": ("print('hello')", 30),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", FAILING_CHILDREN)
def test_a_failing_child_leaves_the_previous_index_serving_and_the_next_request_retries(
    failure, anonymous, settings, monkeypatch
):
    facet_index.wait_for_rebuild(30)
    monkeypatch.setattr(facet_index, "_cached", None)  # this process's first index
    settings.FINDER_BACKGROUND_REBUILD = True
    factories.partnership(title="Street triage in Cleveland")
    assert shown(anonymous.get(LIST)) == 1  # the first index: built in the request

    code, timeout = FAILING_CHILDREN[failure]
    can_read, command = facet_index._other_processes_can_read, index_child.COMMAND
    time_allowed = index_child.CHILD_TIMEOUT
    monkeypatch.setattr(facet_index, "_other_processes_can_read", lambda alias: True)
    monkeypatch.setattr(index_child, "COMMAND", [sys.executable, "-c", code])
    monkeypatch.setattr(index_child, "CHILD_TIMEOUT", timeout)
    children = []
    from_child = index_child.index_from_child
    monkeypatch.setattr(
        index_child,
        "index_from_child",
        lambda *args: children.append(args) or from_child(*args),
    )
    factories.partnership(title="Liaison and diversion in Durham")  # the stamp moves
    assert shown(anonymous.get(LIST)) == 1  # served from the previous index
    facet_index.wait_for_rebuild(30)
    assert len(children) == 1
    assert shown(anonymous.get(LIST)) == 1  # the child failed: still the previous index...
    facet_index.wait_for_rebuild(30)
    assert len(children) == 2  # ... and that request started another

    monkeypatch.setattr(facet_index, "_other_processes_can_read", can_read)
    monkeypatch.setattr(index_child, "COMMAND", command)
    monkeypatch.setattr(index_child, "CHILD_TIMEOUT", time_allowed)
    anonymous.get(LIST)  # a child that works (or, SQLite in memory, this process's own thread)
    facet_index.wait_for_rebuild(60)
    assert shown(anonymous.get(LIST)) == 2
    facet_index.wait_for_rebuild(30)  # leave no build running into the next test


def test_a_replaced_index_is_freed_in_pieces_once_nothing_else_holds_it(case_studies):
    held, unused = facet_index.build_index(), facet_index.build_index()
    unused._digit_of_each  # noqa: B018 (cached: a tuple of every id)
    parts = unused.ids, unused.position, unused.orders, unused.themes_at, unused.masks
    gone = weakref.ref(unused)
    replaced = [held, unused]
    del unused
    finder_of_a_request = {"index": held}
    index_child.free_unused(replaced, wait=0.3, pause=0)
    assert replaced == []  # each one freed, or given up after `wait`
    assert gone() is None and not any(parts[:4]) and not any(parts[4].values())
    assert finder_of_a_request["index"].ids and held.masks["theme"]  # still in use: left alone
