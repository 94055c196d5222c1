"""The finder's index built in a thread of this process (partnerships/facet_index.py): a
process's first index, and a rebuild where the database cannot be read from another process
(partnerships/index_child.py builds the others), without stalling the requests served meanwhile
more than can be helped."""

import gc
import sys
import threading

from partnerships import facet_index


def build_without_collections(stamp: int):
    """build_index without full garbage collections meanwhile. Building allocates millions of
    short-lived objects, which set off full (oldest-generation) collections; each walks every
    container alive, the indexes' lists of a hundred thousand items included, holding the GIL:
    pauses of hundreds of milliseconds for every request of the process at 100,000 case studies.
    The youngest generations are still collected (requests' garbage, which dies young), and
    reference counting frees the build's leftovers, none of them in a cycle.

    The interpreter's switch interval is also shortened meanwhile (BUILD_SWITCH_INTERVAL): a
    request's thread gives up the GIL at every step of a SQLite query (each row) and at every
    read from PostgreSQL, and waits to get it back from the building thread for up to the switch
    interval (5 ms by default) each time, so a page of 20 rows could wait 100 ms. Used where
    FINDER_BACKGROUND_REBUILD is on (production)."""
    global _builds, _thresholds, _switch_interval
    with _collector_lock:  # builds may overlap: the first one in changes the thresholds
        if not _builds:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _thresholds[1], NO_FULL_COLLECTIONS)
            _switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_interval, BUILD_SWITCH_INTERVAL))
        _builds += 1
    try:
        return facet_index.build_index(stamp)
    finally:
        with _collector_lock:  # and the last one out puts them back
            _builds -= 1
            if not _builds:
                # What is alive now (the new index, the process's modules and settings) is left
                # out of later collections: the first full collection after a build otherwise
                # walked all of it (over 200 ms), and every later one too. Frozen objects are
                # still freed by reference counting (an index holds no cycles); only cyclic
                # garbage of requests under way at this moment is kept, which is small.
                gc.freeze()
                gc.set_threshold(*_thresholds)
                sys.setswitchinterval(_switch_interval)


_collector_lock = threading.Lock()
_builds = 0
_thresholds = gc.get_threshold()
_switch_interval = sys.getswitchinterval()


NO_FULL_COLLECTIONS = 1_000_000  # collections of the middle generation before a full one
BUILD_SWITCH_INTERVAL = 0.0005  # seconds a thread may hold the GIL while another waits
