"""The full downloads' prebuilt files (opendata/prebuilt.py): served while current, with the live
stream's bytes; never served stale; filtered downloads always live; builds idempotent and
triggered by a request (once per change), the periodic job (only when stale) and a command."""

import gzip
import json
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.http import FileResponse
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobs.periodic import run_all
from opendata import prebuilt
from opendata.downloads import DOWNLOADS
from partnerships import services
from partnerships.models import Partnership
from tests import factories
from tests.concurrency import at_once
from tests.jobs.test_background import _reset_task_backends
from tests.opendata.conftest import (
    assert_only_public,
    body_of,
    csv_rows,
    published_beside_private_things,
)
from tests.opendata.test_downloads import AWKWARD

pytestmark = pytest.mark.django_db

URLS = [reverse(f"opendata:{download.url_name}") for download in DOWNLOADS]
TASK = "opendata.tasks.build_open_data_files"
GENERATED_AT = re.compile(r'"generated_at": "[^"]*"')


@pytest.fixture
def queue(settings):
    """Tasks wait in the database queue, as in production, instead of running at once."""
    _reset_task_backends(settings, "django_tasks_db.DatabaseBackend")
    yield
    _reset_task_backends(settings, "django.tasks.backends.immediate.ImmediateBackend")


def files() -> list[str]:
    """The download files in the folder (not the lock file), each with its gzipped copy."""
    folder = prebuilt.directory()
    return (
        sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        if folder.exists()
        else []
    )


def without_time(text: str) -> str:
    return GENERATED_AT.sub('"generated_at": ""', text)


def some_case_studies() -> list[Partnership]:
    made = [factories.full_partnership() for _ in range(3)]
    made[0].title, made[0].summary, made[0].learning = AWKWARD[0], AWKWARD[1], AWKWARD[7]
    made[0].save()
    return made


def test_a_full_download_is_served_from_its_file_with_the_live_streams_bytes(anonymous, queue):
    some_case_studies()
    live = [anonymous.get(url) for url in URLS]  # no file yet: streamed live
    assert not any(isinstance(response, FileResponse) for response in live)
    live_bodies = [body_of(response) for response in live]
    prebuilt.build()
    for url, download, before, before_body in zip(URLS, DOWNLOADS, live, live_bodies, strict=True):
        served = anonymous.get(url)
        assert isinstance(served, FileResponse)
        served_body = body_of(served)
        assert without_time(served_body) == without_time(before_body)
        assert served_body.encode() == prebuilt.current_path(download).read_bytes()
        assert int(served["Content-Length"]) == len(served_body.encode())
        for header in ["Content-Type", "Content-Disposition", "Access-Control-Allow-Origin"]:
            assert served[header] == before[header]
        assert served.get("Link") == before.get("Link")
        assert served["ETag"] and served["Last-Modified"]
        assert not served.cookies
    head = json.loads(body_of(anonymous.get(reverse("opendata:json"))))
    assert head["source"].endswith(reverse("opendata:json"))
    assert len(head["case_studies"]) == 3
    assert len(files()) == 2 * len(DOWNLOADS)


def test_a_client_that_accepts_gzip_gets_the_gzipped_copy(anonymous):
    some_case_studies()
    prebuilt.build()
    for url, download in zip(URLS, DOWNLOADS, strict=True):
        plain = anonymous.get(url)
        packed = anonymous.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert isinstance(packed, FileResponse)
        assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
        content = b"".join(packed.streaming_content)
        assert int(packed["Content-Length"]) == len(content)
        assert gzip.decompress(content) == prebuilt.current_path(download).read_bytes()
        assert packed["ETag"] != plain["ETag"]
        for response in [plain, packed]:
            assert "Accept-Encoding" in response["Vary"]
            assert response["Content-Type"] == download.content_type
        b"".join(plain.streaming_content)


def test_a_file_is_not_sent_again_to_a_client_that_has_it(anonymous):
    some_case_studies()
    prebuilt.build()
    first = anonymous.get(reverse("opendata:csv"))
    again = anonymous.get(reverse("opendata:csv"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    b"".join(first.streaming_content)


def test_after_a_publish_or_an_unpublish_the_stale_file_is_not_served_and_a_build_is_queued_once(
    anonymous, queue, editor_user
):
    kept, gone, _ = some_case_studies()
    prebuilt.build()
    assert isinstance(anonymous.get(reverse("opendata:csv")), FileResponse)
    assert not DBTaskResult.objects.exists()

    new = factories.full_partnership(title="Just published")
    for _ in range(2):
        for url in URLS:
            response = anonymous.get(url)
            assert not isinstance(response, FileResponse)
            assert new.slug in body_of(response)
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 1

    prebuilt.build()  # what the worker does with that task
    response = anonymous.get(reverse("opendata:csv"))
    assert isinstance(response, FileResponse) and new.slug in body_of(response)

    services.archive(gone, by=editor_user)
    for url in URLS:
        response = anonymous.get(url)
        assert not isinstance(response, FileResponse)
        text = body_of(response)
        assert gone.slug not in text and kept.slug in text
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 2
    prebuilt.build()
    for url in URLS:
        response = anonymous.get(url)
        assert isinstance(response, FileResponse) and gone.slug not in body_of(response)


def test_filtered_sorted_or_searched_downloads_are_always_live(anonymous, queue):
    theme = factories.theme()
    for p in some_case_studies():
        p.themes.add(theme)
    prebuilt.build()
    for query in [
        {"theme": theme.slug},
        {"sort": "title"},
        {"q": "partnership"},
        {"within": f"theme:{theme.slug}"},
        {"page": "2"},
    ]:
        for url in URLS:
            response = anonymous.get(url, query)
            assert response.status_code == 200
            assert not isinstance(response, FileResponse)
            body_of(response)
    assert not DBTaskResult.objects.exists()  # a filtered download never asks for a build


def test_building_twice_writes_nothing_twice_and_leaves_one_file_per_download(anonymous):
    some_case_studies()
    assert prebuilt.build() == len(DOWNLOADS)
    built = files()
    assert len(built) == 2 * len(DOWNLOADS)
    assert prebuilt.build() == 0
    assert files() == built

    factories.full_partnership()
    assert prebuilt.stale() == list(DOWNLOADS)
    assert prebuilt.build() == len(DOWNLOADS)
    assert len(files()) == 2 * len(DOWNLOADS) and not set(files()) & set(built)
    assert prebuilt.build(force=True) == len(DOWNLOADS)
    assert len(files()) == 2 * len(DOWNLOADS)


def test_what_an_interrupted_build_left_is_cleared_and_never_served(anonymous):
    some_case_studies()
    folder = prebuilt.directory()
    folder.mkdir(parents=True)
    left = folder / ".case-studies.csv.abc123.part"
    left.write_text("half a file")
    old = folder / "case-studies.1.000000000000.csv"
    old.write_text("an old file")
    assert not isinstance(anonymous.get(reverse("opendata:csv")), FileResponse)
    prebuilt.build()
    assert not left.exists() and not old.exists()
    response = anonymous.get(reverse("opendata:csv"))
    assert isinstance(response, FileResponse) and "half a file" not in body_of(response)


def test_the_periodic_job_builds_only_when_the_files_are_stale(db):
    some_case_studies()
    assert run_all()["refresh open-data files"] == len(DOWNLOADS)
    assert run_all()["refresh open-data files"] == 0
    factories.full_partnership()
    assert run_all()["refresh open-data files"] == len(DOWNLOADS)
    assert len(files()) == 2 * len(DOWNLOADS)


def test_the_command_builds_the_files(db, capsys):
    some_case_studies()
    call_command("build_open_data")
    assert f"{len(DOWNLOADS)} file(s) written" in capsys.readouterr().out
    call_command("build_open_data")
    assert "Current." in capsys.readouterr().out
    call_command("build_open_data", "--force")
    assert f"{len(DOWNLOADS)} file(s) written" in capsys.readouterr().out
    assert len(files()) == 2 * len(DOWNLOADS)


def test_the_files_hold_nothing_unpublished_no_open_revision_and_no_contact_data(
    contributor_user,
):
    live = published_beside_private_things(contributor_user)
    assert prebuilt.build() == len(DOWNLOADS)
    for download in DOWNLOADS:
        text = prebuilt.current_path(download).read_text(encoding="utf-8")
        assert_only_public(text, live)


@pytest.mark.django_db(transaction=True)
def test_builders_at_once_write_each_file_once_and_whole(anonymous):
    made = some_case_studies()
    results = at_once(3, lambda i: prebuilt.build())
    assert sorted(results) == [
        0,
        0,
        len(DOWNLOADS),
    ]  # one built; the others waited, found it current
    assert len(files()) == 2 * len(DOWNLOADS)
    rows = csv_rows(anonymous.get(reverse("opendata:csv")))
    assert sorted(row["slug"] for row in rows) == sorted(p.slug for p in made)


def test_the_fingerprint_is_the_same_in_every_process(db):
    """The web processes and the worker must name the files alike: nothing in the fingerprint may
    depend on the process (an object's address in a repr, a lazy label)."""
    code = (
        "import django; django.setup(); "
        "from opendata import prebuilt; print(prebuilt._code_digest())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert other.stdout.strip() == prebuilt._code_digest()
