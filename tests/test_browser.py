"""A reporter, in a real browser, submits an Arabic article and sees its claims.

Debian's Chromium driven by Playwright (no browser download), the live Django
server, and the real Celery worker; the screenshot is kept as a test artifact
in test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARABIC_ARTICLE = (
    "أعلنت هيئة النقل يوم الاثنين أن عدد ركاب المترو بلغ 3.2 مليون راكب في شهر مايو، بزيادة 14 في المئة.\n\n"
    'وقال مدير الهيئة سليم النجار: "سنفتتح خطين جديدين قبل نهاية عام 2026".\n\n'
    "ويرى بعض السكان أن الخدمة تحسنت كثيرا."
)


@pytest.fixture
def browser_page():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make system-deps`.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # the test are ordinary synchronous calls between browser steps.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ar")
        try:
            yield page
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_reporter_submits_an_arabic_article_and_sees_claims_highlighted(
    celery_worker, live_server, personas_committed, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", personas_committed.reporter.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/articles/new/")
    page.fill("#id_text-title", "المترو يسجل رقما قياسيا")
    page.fill("#id_text-body", ARABIC_ARTICLE)
    page.click("form button[type=submit]")

    # htmx polls the intake job; the highlighted claims appear without a reload.
    page.wait_for_selector("mark.claim-span.checkworthy", timeout=60_000)
    text = page.locator(".article-text")
    assert text.get_attribute("dir") == "rtl"
    assert "3.2 مليون راكب" in text.inner_text()
    assert page.locator(".claim-list li").count() >= 2

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reporter-arabic-article.png"), full_page=True)
