"""Debian's Chromium, driven by Playwright for Python, for the browser tests.

No browser is downloaded: Playwright launches /usr/bin/chromium (installed by
`make system-deps`). Screenshots go to test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.personas import PASSWORD

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling home, which
# this machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser():
    """A headless Chromium for one test."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make system-deps`.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the test are ordinary synchronous calls between browser steps.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def logged_in(browser, live_server, user, *, locale="en", height=1100):
    """A new page in its own context, logged in as `user` through the login form."""
    page = browser.new_context(viewport={"width": 1280, "height": height}, locale=locale).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
