"""Settings a developer meets on the first `make run`: each log line printed once, and e-mailed
links that follow the port the site is served on."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SITE_URL"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_a_django_log_line_is_printed_once_with_debug_on():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('printed-once-check'); "
        "logging.getLogger('partnerships').warning('printed-once-check')"
    )
    result = run_python(code, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("printed-once-check") == 2


def test_make_run_points_site_url_at_its_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8311"], cwd=ROOT, capture_output=True, text=True
    )
    assert "SITE_URL=http://127.0.0.1:8311" in result.stdout
    assert "runserver 127.0.0.1:8311" in result.stdout


def test_an_explicit_site_url_wins_over_the_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8311", "SITE_URL=https://dev.example.org"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "SITE_URL=https://dev.example.org" in result.stdout
