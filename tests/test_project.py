"""Project-wide checks: migrations are complete and error pages work."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A model change has no migration:\n{out.getvalue()}")


@pytest.mark.django_db
def test_server_error_page_is_a_gov_uk_page(settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template" in html


def _manage(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_manage_py_on_a_developer_machine_runs_in_development_mode():
    result = _manage({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")


def test_manage_py_with_a_secret_key_stays_in_production_mode():
    result = _manage({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")
