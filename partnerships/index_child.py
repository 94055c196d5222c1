"""The finder's index rebuilt in a child process, so that the build holds no request's GIL.

After a change each worker process rebuilds its index (partnerships/facet_index.py) while the
previous one serves. Built by a thread of the worker, the build shared the interpreter's lock with
the requests served meanwhile for seconds, and each of them waited for it at every step of a
query. Here it runs in a process of its own, `python -m partnerships.index_child`, which reads the
database with the worker's connection settings and writes the index to its standard output as a
stream of small pickled pieces. The worker's rebuilding thread reads them (the lock is free while
it waits for the pipe), sleeping PAUSE after each one, so that a request wanting the lock gets it
back within one piece: no step of the worker's holds it for more than about a millisecond.

A child that fails, exits before the end of the stream or outlives CHILD_TIMEOUT (it is killed)
gives no index: the rebuild raises, the previous index goes on serving and the next request starts
another child. Where the database cannot be read from another process (SQLite in memory, in
tests), the index is built in the worker's thread instead (facet_index._rebuild).
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from typing import BinaryIO

COMMAND = [sys.executable, "-m", "partnerships.index_child"]
CHILD_TIMEOUT = 600  # seconds a child may take before it is killed
PAUSE = 0.001  # seconds the reading thread sleeps after each piece, leaving the lock to requests
MASKS_AT_ONCE = 32  # bitmaps in one piece (each of them one bit per case study)
ITEMS_AT_ONCE = 8192  # positions in one piece of a list of positions
NICENESS = 10  # the child's lower priority: on a busy machine the requests' processes come first
POSITION = "l"  # array type of a list of positions (orders, and the indexes' lists of ids)


class ChildFailed(RuntimeError):
    pass


def index_from_child(stamp: int, alias: str):
    """The index built by a child process from the database `alias` as this process sees it
    (its connection settings: in tests, the test database), or ChildFailed."""
    from django.conf import settings
    from django.db import connections

    module = os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE
    config = {
        "settings": module,
        "alias": alias,
        "database": dict(connections[alias].settings_dict),
        "stamp": stamp,
    }
    child = subprocess.Popen(
        COMMAND,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=settings.BASE_DIR,
    )
    watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)  # a hung child ends the stream
    watchdog.daemon = True
    watchdog.start()
    try:
        with child.stdin:
            child.stdin.write(pickle.dumps(config))
        with child.stdout:
            index = read_index(child.stdout)
    except Exception as error:
        child.kill()
        raise ChildFailed(f"the finder's index child failed: {error!r}") from error
    finally:
        watchdog.cancel()
        child.wait()
    if child.returncode != 0:
        raise ChildFailed(f"the finder's index child exited with {child.returncode}")
    return index


def pieces(index) -> Iterator[tuple[str, object]]:
    """The index as (kind, value) pieces, each small enough to be read back in about a
    millisecond; read_index puts them together again."""
    yield "stamp", index.stamp
    yield "years", index.years
    for key, facet in index.facets.items():
        yield "facet", (key, facet)
    yield "ids", array("q", index.ids).tobytes()
    for key, order in index.orders.items():
        yield "order", (key, array(POSITION, order).tobytes())
    for key, masks in index.masks.items():
        items = list(masks.items())
        for start in range(0, len(items) or 1, MASKS_AT_ONCE):
            yield "masks", (key, dict(items[start : start + MASKS_AT_ONCE]))
    for name in ("themes_at", "leads_at"):  # each distinct tuple once, then their numbers
        numbered: dict[tuple, int] = {}
        numbers = array(
            POSITION, [numbered.setdefault(t, len(numbered)) for t in getattr(index, name)]
        )
        yield "distinct", (name, list(numbered))
        for start in range(0, len(numbers), ITEMS_AT_ONCE):
            yield name, numbers[start : start + ITEMS_AT_ONCE].tobytes()
    yield "end", None


def write_index(index, out: BinaryIO) -> None:
    for piece in pieces(index):
        pickle.dump(piece, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def read_index(source: BinaryIO, pause: float = PAUSE):
    """The index written by write_index, read a piece at a time, sleeping `pause` after each.
    A stream that ends before its last piece raises EOFError or pickle.UnpicklingError."""
    from partnerships.facet_index import FacetIndex

    found: dict = {"facets": {}, "orders": {}, "masks": {}, "themes_at": [], "leads_at": []}
    distinct: dict[str, list[tuple]] = {}
    ids = array("q")
    while True:
        kind, value = pickle.load(source)
        if kind == "end":
            break
        if kind in ("stamp", "years"):
            found[kind] = value
        elif kind == "facet":
            found["facets"][value[0]] = value[1]
        elif kind == "ids":
            ids.frombytes(value)
        elif kind == "order":
            found["orders"][value[0]] = _positions(value[1])
        elif kind == "masks":
            found["masks"].setdefault(value[0], {}).update(value[1])
        elif kind == "distinct":
            distinct[value[0]] = value[1]
        else:  # themes_at, leads_at
            found[kind].extend(map(distinct[kind].__getitem__, _positions(value)))
        time.sleep(pause)
    listed, position = [], {}
    for start in range(0, len(ids), ITEMS_AT_ONCE):
        chunk = ids[start : start + ITEMS_AT_ONCE].tolist()
        listed.extend(chunk)
        position.update(zip(chunk, range(start, start + len(chunk)), strict=True))
        time.sleep(pause)
    return FacetIndex(ids=listed, position=position, **found)


def _positions(raw: bytes) -> array:
    positions = array(POSITION)
    positions.frombytes(raw)
    return positions


def free_when_unused(index) -> None:
    """Have an index that has been swapped out freed a piece at a time by a thread of this
    module's, once nothing else holds it (freed at once, its hundreds of thousands of objects held
    the lock for tens of milliseconds, in whichever thread let go of it last: often the garbage
    collector in a request, as the requests it served leave it in reference cycles)."""
    global _freeing
    with _freeing_lock:
        _replaced.append(index)
        if _freeing is None or not _freeing.is_alive():
            _freeing = threading.Thread(
                target=free_unused, args=(_replaced,), name="finder-index-free", daemon=True
            )
            _freeing.start()


_replaced: list = []  # indexes swapped out, not yet freed
_freeing: threading.Thread | None = None
_freeing_lock = threading.Lock()


def free_unused(replaced: list, wait: float = 600.0, pause: float = PAUSE) -> None:
    """Free each index of `replaced` a piece at a time once nothing but that list holds it,
    sleeping `pause` between pieces; one still held after `wait` seconds is left to its holders."""
    started = time.monotonic()
    while replaced:
        for at in range(len(replaced) - 1, -1, -1):  # from the end: appends do not move these
            if sys.getrefcount(replaced[at]) <= 2:  # the list's reference, and getrefcount's
                _free(replaced.pop(at), pause)
            elif time.monotonic() - started > wait:
                replaced.pop(at)
        time.sleep(0.1)


def _free(index, pause: float) -> None:
    index.__dict__.pop("_digit_of_each", None)  # a cached tuple of every id
    for values in (index.position, *index.masks.values(), index.orders):
        while values:
            for _ in range(min(len(values), ITEMS_AT_ONCE if values is index.position else 64)):
                values.popitem()
            time.sleep(pause)
    for values in (index.ids, index.themes_at, index.leads_at):
        while values:
            del values[-ITEMS_AT_ONCE:]
            time.sleep(pause)


def main() -> None:
    """The child: read its configuration from standard input, build, write the index out."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else is printed goes to standard error, not into the index
    os.nice(NICENESS)
    config = pickle.load(sys.stdin.buffer)
    gc.disable()  # a build makes millions of short-lived objects and no cycles
    os.environ["DJANGO_SETTINGS_MODULE"] = config["settings"]  # as in the parent
    import django
    from django.conf import settings

    settings.DATABASES = {**settings.DATABASES, config["alias"]: config["database"]}
    django.setup()
    from partnerships.facet_index import build_index

    with out:
        write_index(build_index(config["stamp"]), out)


if __name__ == "__main__":
    main()
