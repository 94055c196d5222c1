"""Playwright (sync API) driving Debian's Chromium, and axe-core for accessibility checks.

Playwright's own browser download cannot work on these machines: the system Chromium is used.
Without /usr/bin/chromium the browser tests are skipped, unless REQUIRE_BROWSER_TESTS=1 (as in CI),
which turns the skip into a failure. Mark every browser test with @pytest.mark.browser.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django then refuses database access
# ("You cannot call this from an async context") unless told that this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{reason}, and REQUIRE_BROWSER_TESTS=1 says browser tests must run.")
    pytest.skip(f"{reason} (run `make browser-deps` as root to install it).")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own context (no cookies or storage shared between tests)."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def _axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations (empty when clean).

    axe is evaluated through Playwright rather than added with page.add_script_tag(path=...):
    our pages send a Content-Security-Policy whose script-src allows only 'self' and a nonce, so
    the browser refuses add_script_tag's inline <script> there (and logs a CSP error). Evaluation
    through the DevTools protocol is not subject to the page's CSP, so axe runs on real pages
    under their real policy, and a policy that blocks our own scripts is still noticed.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (or `make assets`).")
    # A click that navigates returns once the new page starts loading: check the loaded page,
    # not a half-parsed one.
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


@pytest.fixture
def axe_violations() -> Callable[..., list[dict]]:
    """`axe_violations(page)` -> list of axe violations (each with id, impact, help, nodes)."""
    return _axe_violations
