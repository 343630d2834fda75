"""A reporter, in a real browser, submits an Arabic article and sees its claims.

Debian's Chromium driven by Playwright (no browser download), the live Django
server, and the real Celery worker; the screenshot is kept as a test artifact
in test-artifacts/.
"""

import pytest

from tests.browser import logged_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_ARTICLE = (
    "أعلنت هيئة النقل يوم الاثنين أن عدد ركاب المترو بلغ 3.2 مليون راكب في شهر مايو، بزيادة 14 في المئة.\n\n"
    'وقال مدير الهيئة سليم النجار: "سنفتتح خطين جديدين قبل نهاية عام 2026".\n\n'
    "ويرى بعض السكان أن الخدمة تحسنت كثيرا."
)


def test_reporter_submits_an_arabic_article_and_sees_claims_highlighted(
    celery_worker, live_server, personas_committed, browser
):
    page = logged_in(browser, live_server, personas_committed.reporter, locale="ar", height=1000)

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

    assert screenshot(page, "reporter-arabic-article.png").exists()
