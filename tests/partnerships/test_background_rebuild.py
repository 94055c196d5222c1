"""After a publish, no visitor waits for the finder's index: the previous index serves every
request until the new one, built in the background, is ready (FINDER_BACKGROUND_REBUILD, on in
production). The build keeps Python's full garbage collections off meanwhile and sorts in pieces."""

import gc
import random
import re
import sys
import threading

import pytest
from django.urls import reverse

from partnerships import facet_index, index_thread
from tests import factories

LIST = reverse("partnerships:list")


def shown(response) -> int:
    return int(re.search(r'id="result-count">\s*(\d+)', response.content.decode()).group(1))


@pytest.mark.django_db(transaction=True)
def test_a_visitor_after_a_publish_is_served_from_the_previous_index_without_waiting(
    anonymous, settings, monkeypatch
):
    facet_index.wait_for_rebuild(30)
    monkeypatch.setattr(facet_index, "_cached", None)  # this process's first index, not a
    settings.FINDER_BACKGROUND_REBUILD = True  # previous test's (it would serve that one)
    factories.partnership(title="Street triage in Cleveland")
    assert shown(anonymous.get(LIST)) == 1  # the process's first index: built and waited for

    may_finish, thresholds_while_building = threading.Event(), []
    build = facet_index.build_index

    def slow_build(stamp=None):
        thresholds_while_building.append(gc.get_threshold())
        assert may_finish.wait(30)
        return build(stamp)

    monkeypatch.setattr(facet_index, "build_index", slow_build)
    # Built in this process's thread (where the database cannot be read from another process;
    # tests/partnerships/test_index_child.py has the child process's).
    monkeypatch.setattr(facet_index, "_other_processes_can_read", lambda alias: False)
    factories.partnership(title="Liaison and diversion in Durham")  # the stamp moves
    assert shown(anonymous.get(LIST)) == 1  # served at once, from the previous index
    assert shown(anonymous.get(LIST)) == 1  # one rebuild at a time; still no waiting

    may_finish.set()
    facet_index.wait_for_rebuild(30)
    assert thresholds_while_building[0][2] == index_thread.NO_FULL_COLLECTIONS
    assert shown(anonymous.get(LIST)) == 2
    facet_index.wait_for_rebuild(30)  # leave no build running into the next test


def test_a_background_build_puts_the_garbage_collector_back_as_it_was(monkeypatch):
    before, during = gc.get_threshold(), []
    monkeypatch.setattr(facet_index, "build_index", lambda stamp: during.append(gc.get_threshold()))
    index_thread.build_without_collections(1)
    assert during == [(before[0], before[1], index_thread.NO_FULL_COLLECTIONS)]
    assert gc.get_threshold() == before


def test_a_background_build_shortens_the_switch_interval_and_puts_it_back(monkeypatch):
    # Requests' threads wait for the GIL after each step of a query: not the default 5 ms.
    before, during = sys.getswitchinterval(), []
    monkeypatch.setattr(
        facet_index, "build_index", lambda stamp: during.append(sys.getswitchinterval())
    )
    index_thread.build_without_collections(1)
    assert during == [pytest.approx(min(before, index_thread.BUILD_SWITCH_INTERVAL))]
    assert during[0] < before
    assert sys.getswitchinterval() == before


def test_sorting_in_pieces_gives_the_order_of_one_sort():
    rng = random.Random(2)
    titles = [
        rng.choice(["Triage", "triage", "Diversion", "ACE", "Naloxone"]) for _ in range(20000)
    ]
    positions = range(len(titles))

    def key(p):
        return (titles[p].casefold(), p)

    assert facet_index._sorted(positions, key) == sorted(positions, key=key)


def test_overlapping_builds_put_the_garbage_collector_back_once_the_last_has_finished(monkeypatch):
    before = gc.get_threshold()
    running = {1: threading.Event(), 2: threading.Event()}
    may_end = {1: threading.Event(), 2: threading.Event()}

    def build(stamp):
        running[stamp].set()
        assert may_end[stamp].wait(30)

    monkeypatch.setattr(facet_index, "build_index", build)
    builds = {
        n: threading.Thread(target=index_thread.build_without_collections, args=(n,))
        for n in (1, 2)
    }
    for n in (1, 2):
        builds[n].start()
        assert running[n].wait(30)
    may_end[1].set()  # the first to start ends first, the second still building
    builds[1].join(30)
    assert gc.get_threshold()[2] == index_thread.NO_FULL_COLLECTIONS
    may_end[2].set()
    builds[2].join(30)
    assert gc.get_threshold() == before
