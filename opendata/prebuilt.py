"""The full downloads (every published case study, no filters), prebuilt as files.

Streaming the full CSV live costs about half a millisecond per case study (reading the records and
writing the CSV), so at 100,000 it takes about a minute. As open-data publishers do, the full
files are instead written in advance and sent from disk, which takes as long as reading a file.

    where      settings.OPEN_DATA_DIR (default var/open-data under the project), one file per
               download, named `<name>.<stamp>.<fingerprint>.<ext>`, e.g.
               case-studies.8123.3f2a9c1b0d4e.csv.
    current    a file is current when it was built for the change stamp now
               (partnerships/change_stamp.py: it moves on every change to published case studies,
               their links, partners, themes and regions) and for the same fingerprint (the site's
               address, the database and the code that writes the files: `fingerprint`). Only a
               current file is served, so it holds exactly what a live stream would now. A request
               that finds none is streamed live as before (it never waits) and asks for a build.
    building   `build()`: under a lock file (one builder at a time; a second waits, then finds
               the files current), each download is written to a temporary file in the same
               directory and os.replace()d into place, so a reader sees the old file or the new
               one, never half of one; then the other files of that download are deleted. The
               bodies are opendata.downloads', the same code as the live stream, a chunk of
               records at a time: memory stays flat. It reads the database and writes only files.
    triggers   the task `opendata.tasks.build_open_data_files`, enqueued by the first request that
               finds no current file (at most once per stamp: a cache key guards it); the periodic
               job "refresh open-data files" (jobs/periodic.py), which builds only when a file is
               stale; and `manage.py build_open_data`.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import connections, router
from django.http import FileResponse, HttpRequest, HttpResponseBase, QueryDict
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from opendata.downloads import DOWNLOADS, Download
from opendata.related import absolute
from partnerships import change_stamp
from partnerships.models import Partnership

logger = logging.getLogger(__name__)

LOCK_NAME = ".build.lock"
TEMP_SUFFIX = ".part"
# How long a request's "a build was asked for at this stamp" is remembered (after that, or if the
# build failed, the periodic job builds it).
BUILD_REQUEST_SECONDS = 3600
# The code whose change changes the files' bytes: a deploy that changes it makes old files stale.
CODE = (
    "opendata/downloads.py",
    "opendata/records.py",
    "opendata/dictionary.py",
    "opendata/fields.py",
    "opendata/related.py",
    "opendata/csvfiles.py",
    "opendata/csvw.py",
    "partnerships/addresses.py",
)


def directory() -> Path:
    return Path(settings.OPEN_DATA_DIR)


def _alias() -> str:
    return router.db_for_read(Partnership)


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in CODE:
        digest.update((Path(settings.BASE_DIR) / name).read_bytes())
    return digest.hexdigest()


def fingerprint() -> str:
    """What besides the stamp a file's bytes depend on: the site's address (every url in it),
    which database it was read from, and the code that writes it."""
    database = connections[_alias()]
    parts = (settings.SITE_URL, database.vendor, str(database.settings_dict["NAME"]))
    return hashlib.sha256(repr((*parts, _code_digest())).encode()).hexdigest()[:12]


def file_name(download: Download, stamp: int, print_: str) -> str:
    stem, dot, extension = download.filename.rpartition(".")
    return f"{stem}.{stamp}.{print_}{dot}{extension}"


def _version() -> tuple[int, str]:
    return change_stamp.current(_alias()), fingerprint()


def current_path(download: Download) -> Path:
    """Where this download's file is if it is current."""
    return directory() / file_name(download, *_version())


def stale() -> list[Download]:
    """The downloads that have no current file."""
    version = _version()
    return [d for d in DOWNLOADS if not (directory() / file_name(d, *version)).is_file()]


class _FileResponse(FileResponse):
    # Read in larger pieces than FileResponse's 4 KB, where the server sends the file through
    # Python rather than its own file wrapper (sendfile).
    block_size = 256 * 1024


def serve(request: HttpRequest, download: Download) -> HttpResponseBase | None:
    """The current file as a response (or 304 Not Modified), or None, having asked for a build,
    when there is none."""
    version = _version()
    path = directory() / file_name(download, *version)
    try:
        handle = path.open("rb")  # once open, it can be read to the end even if replaced
    except OSError:
        request_build(*version)
        return None
    modified = os.fstat(handle.fileno()).st_mtime
    response = _FileResponse(handle, content_type=download.content_type)
    response["ETag"] = f'"{path.stem}"'
    response["Last-Modified"] = http_date(modified)
    download.headers(response)
    conditional = get_conditional_response(
        request, etag=response["ETag"], last_modified=int(modified), response=response
    )
    if conditional is not response:
        response.close()
    return conditional


def request_build(stamp: int, print_: str) -> None:
    """Enqueue a build, once per stamp (a failure to enqueue is logged, never shown: the download
    is being streamed live anyway)."""
    from opendata.tasks import build_open_data_files

    try:
        if shared_cache.add(f"opendata:build:{stamp}:{print_}", True, BUILD_REQUEST_SECONDS):
            build_open_data_files.enqueue()
    except Exception:
        logger.exception("Could not ask for the open-data files to be built")


def _unfiltered() -> tuple[int, list[int]]:
    """The stamp of the finder's index and the unfiltered finder's ids, in its order (what a
    live full download would list). The index a process keeps may be a change behind while it is
    rebuilt in the background: wait for the rebuild, so the files are of what is published now."""
    from partnerships.facet_index import wait_for_rebuild
    from partnerships.finder import find

    for _ in range(3):
        finder = find(QueryDict())
        if finder.index.stamp == change_stamp.current(_alias()):
            break
        wait_for_rebuild()
    return finder.index.stamp, finder.ordered_ids()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        yield


def build(*, force: bool = False) -> int:
    """Write the files that are not current (all of them with `force`); returns how many were
    written. Safe to run at any time and several at once."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        if not force and not stale():
            _remove_old(folder)
            return 0
        stamp, ids = _unfiltered()
        print_ = fingerprint()
        written = 0
        for download in DOWNLOADS:
            target = folder / file_name(download, stamp, print_)
            if force or not target.is_file():
                _write(download, ids, target)
                written += 1
        _remove_old(folder)
        return written


def _write(download: Download, ids: list[int], target: Path) -> None:
    source = absolute(reverse(f"opendata:{download.url_name}"))
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{download.filename}.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            for piece in download.body(ids, source):
                file.write(piece)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_old(folder: Path) -> None:
    """Delete every file of a download but the current one, and what an interrupted build left
    (called under the lock, so no other builder is writing)."""
    version = _version()
    keep = {file_name(download, *version) for download in DOWNLOADS}
    for download in DOWNLOADS:
        stem, _, extension = download.filename.rpartition(".")
        for path in folder.glob(f"{stem}.*.{extension}"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
        for path in folder.glob(f".{download.filename}.*{TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)
