"""The full downloads (every published case study, no filters), prebuilt as files.

A live stream reads and writes every record for every request, which for all the case studies
takes far longer than sending a file. As open-data publishers do, the full files are instead
written in advance, once per change, and sent from disk.

    where      settings.OPEN_DATA_DIR (default var/open-data under the project), one file per
               download, named `<name>.<stamp>.<fingerprint>.<ext>`, e.g.
               case-studies.8123.3f2a9c1b0d4e.csv, and a gzipped copy beside it (`….csv.gz`).
    current    a file is current when it was built for the change stamp now
               (partnerships/change_stamp.py: it moves on every change to published case studies,
               their links, partners, themes and regions) and for the same fingerprint (the site's
               address, the database and the code that writes the files: `fingerprint`). Only a
               current file is served, so it holds exactly what a live stream would now. A request
               that finds none is streamed live as before (it never waits) and asks for a build.
    serving    FileResponse (Content-Length, ETag, Last-Modified, 304 for If-None-Match), with the
               live stream's other headers; a client that accepts gzip gets the gzipped copy
               (Content-Encoding: gzip), which costs nothing to send, where compressing the file
               on the fly (the middleware) would take longer than reading it.
    building   `build()`: under a lock file (one builder at a time; a second waits, then finds
               the files current), the downloads are written to temporary files in the same
               directory and each os.replace()d into place, so a reader sees the old file or the new
               one, never half of one (the gzipped copy goes in first, so a current file always has
               one); then the other files of that download are deleted. The text is
               opendata.downloads', the same code as the live stream's, a chunk of records at a
               time (each chunk read once for the three files): memory stays flat. It reads the
               database and writes only files.
    triggers   the task `opendata.tasks.build_open_data_files`, enqueued by the first request that
               finds no current file (at most once per stamp: a cache key guards it); the periodic
               job "refresh open-data files" (jobs/periodic.py), which builds only when a file is
               stale; and `manage.py build_open_data`.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import connections, router
from django.http import FileResponse, HttpRequest, HttpResponseBase, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from opendata import related
from opendata.dictionary import CASE_STUDY_COLUMNS, PARTNER_COLUMNS
from opendata.downloads import DOWNLOADS, Download, texts
from opendata.related import absolute
from partnerships import change_stamp
from partnerships.models import Partnership

logger = logging.getLogger(__name__)

LOCK_NAME = ".build.lock"
TEMP_SUFFIX = ".part"
GZIP = ".gz"
# The fastest: several times faster to build than GZipMiddleware's level 6, for files a little
# larger; a build comes after every change, and the sooner it is done the sooner files are served.
GZIP_LEVEL = 1
# How long a request's "a build was asked for at this stamp" is remembered (after that, or if the
# build failed, the periodic job builds it).
BUILD_REQUEST_SECONDS = 3600
# The code that writes the files: a deploy that changes it makes the old files stale (and so do
# changes to the columns, their labels and the pages' addresses: `fingerprint`).
CODE = (
    "opendata/downloads.py",
    "opendata/records.py",
    "opendata/dictionary.py",
    "opendata/fields.py",
    "opendata/related.py",
    "opendata/csvfiles.py",
    "opendata/csvw.py",
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
    labels = [
        sorted((str(code), str(label)) for code, label in choices.items())
        for choices in (related.KIND_LABELS, related.ROLE_LABELS, related.SOURCE_LABELS)
    ]
    columns = (CASE_STUDY_COLUMNS, tuple(column for column, _ in PARTNER_COLUMNS))
    digest.update(repr((columns, labels)).encode())
    return digest.hexdigest()


def fingerprint() -> str:
    """What besides the stamp a file's bytes depend on: the pages' addresses (every url in it),
    which database it was read from, and the code, columns and labels that write it."""
    database = connections[_alias()]
    parts = (
        related.address_of("partnerships:detail", "-"),
        related.address_of("partnerships:organisation", "-"),
        database.vendor,
        str(database.settings_dict["NAME"]),
        _code_digest(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]


def file_name(download: Download, stamp: int, digest: str) -> str:
    stem, dot, extension = download.filename.rpartition(".")
    return f"{stem}.{stamp}.{digest}{dot}{extension}"


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
    gzipped = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    # Once open, a file can be read to the end even if a build replaces or deletes it meanwhile.
    handle = _open(path.with_name(path.name + GZIP)) if gzipped else None
    if handle is None:
        gzipped, handle = False, _open(path)
        if handle is None:
            request_build(*version)
            return None
    modified = os.fstat(handle.fileno()).st_mtime
    response = _FileResponse(handle, content_type=download.content_type)
    if gzipped:
        response["Content-Encoding"] = "gzip"  # so the middleware leaves it as it is
    response["ETag"] = f'"{path.stem}{"-gzip" if gzipped else ""}"'
    response["Last-Modified"] = http_date(modified)
    patch_vary_headers(response, ["Accept-Encoding"])
    download.headers(response)
    conditional = get_conditional_response(
        request, etag=response["ETag"], last_modified=int(modified), response=response
    )
    if conditional is not response:
        handle.close()  # not response.close(): that would signal the end of the request
    return conditional


def _open(path: Path):
    try:
        return path.open("rb")
    except OSError:
        return None


def request_build(stamp: int, digest: str) -> None:
    """Enqueue a build, once per stamp (a failure to enqueue is logged, never shown: the download
    is being streamed live anyway)."""
    from opendata.tasks import build_open_data_files

    try:
        if shared_cache.add(f"opendata:build:{stamp}:{digest}", True, BUILD_REQUEST_SECONDS):
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
        digest = fingerprint()
        targets = {
            download: folder / file_name(download, stamp, digest)
            for download in DOWNLOADS
            if force or not (folder / file_name(download, stamp, digest)).is_file()
        }
        _write(targets, ids)
        _remove_old(folder)
        return len(targets)


def _write(targets: dict[Download, Path], ids: list[int]) -> None:
    """These downloads and their gzipped copies, written in one pass over the records and put in
    place."""
    downloads = list(targets)
    sources = [absolute(reverse(f"opendata:{download.url_name}")) for download in downloads]
    temporaries = [(_temporary(targets[d], d), _temporary(targets[d], d)) for d in downloads]
    try:
        with ExitStack() as files:
            sinks = []
            for plain, packed in temporaries:
                raw = files.enter_context(open(packed, "wb"))
                sinks.append(
                    (
                        files.enter_context(open(plain, "wb")),
                        files.enter_context(
                            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL, mtime=0)
                        ),
                    )
                )
            for which, text in texts(downloads, ids, sources):
                data = text.encode()  # the live stream's charset (utf-8) too
                for sink in sinks[which]:
                    sink.write(data)
        for download, (plain, packed) in zip(downloads, temporaries, strict=True):
            for path in (plain, packed):
                with open(path, "rb+") as file:
                    os.fsync(file.fileno())
                os.chmod(path, 0o644)
            target = targets[download]
            os.replace(packed, target.with_name(target.name + GZIP))
            os.replace(plain, target)
    except BaseException:
        for paths in temporaries:
            for path in paths:
                path.unlink(missing_ok=True)
        raise


def _temporary(target: Path, download: Download) -> Path:
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{download.filename}.", suffix=TEMP_SUFFIX
    )
    os.close(handle)
    return Path(name)


def _remove_old(folder: Path) -> None:
    """Delete every file of a download but the current one, and what an interrupted build left
    (called under the lock, so no other builder is writing)."""
    version = _version()
    current = {file_name(download, *version) for download in DOWNLOADS}
    keep = current | {name + GZIP for name in current}
    for download in DOWNLOADS:
        stem, _, extension = download.filename.rpartition(".")
        for pattern in [f"{stem}.*.{extension}", f"{stem}.*.{extension}{GZIP}"]:
            for path in folder.glob(pattern):
                if path.name not in keep:
                    path.unlink(missing_ok=True)
        for path in folder.glob(f".{download.filename}.*{TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)
