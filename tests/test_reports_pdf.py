"""The PDF: WeasyPrint from the report template, Arabic shaped and in order,
and nothing fetched but our own static files."""

import shutil
import subprocess

import pytest
from django.test import override_settings

from claims.reports import build_report
from claims.reports.pdf import BASE_URL, StaticOnlyFetcher, render_pdf
from tests.personas import PersonaTestCase
from tests.report_data import ARABIC_BODY, add_claim, make_article, publish

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


class PdfTests(PersonaTestCase):
    def setUp(self):
        self.article = make_article(self.reporter, body=ARABIC_BODY, title="تقرير الميزانية", language="ar",
                                    url="https://news.example.org/ar/budget")
        self.claim = add_claim(self.article, "قال الوزير إن البطالة انخفضت إلى 4.1 بالمئة في عام 2023.")
        add_claim(self.article, "وأضاف أن الجسر الجديد كلف 300 مليون دولار حسب تقرير GDP الرسمي.")
        publish(self.claim, people=self, claimant="الوزير", rationale="تقول هيئة الإحصاء إن النسبة 5.3 بالمئة.")
        self.report = build_report(self.article, user=self.editor)

    def test_it_renders_a_pdf(self):
        pdf = render_pdf(self.report)
        self.assertTrue(pdf.startswith(b"%PDF-"))

    @needs_pdftotext
    def test_it_keeps_arabic_words_in_logical_order(self):
        text = " ".join(pdf_text(render_pdf(self.report)).split())
        # pdftotext gives back the logical (reading) order when the glyphs were
        # shaped and laid out right to left; a PDF with reversed or unshaped
        # runs would not contain these phrases.
        for phrase in ("قال الوزير إن البطالة انخفضت", "تقرير الميزانية", "تقول هيئة الإحصاء"):
            self.assertIn(phrase, text)
        self.assertIn("4.1", text)
        self.assertIn("GDP", text)
        self.assertLess(text.index("قال الوزير"), text.index("البطالة"))

    @needs_pdftotext
    def test_it_embeds_a_font_that_covers_arabic(self):
        fonts = subprocess.run(["pdffonts", "-"], input=render_pdf(self.report), capture_output=True, check=True)
        self.assertIn("Arabic", fonts.stdout.decode())

    def test_it_serves_static_files_and_nothing_else(self):
        fetcher = StaticOnlyFetcher()
        css = fetcher.fetch(BASE_URL + "static/claims/report.css")
        self.assertIn(b"@page", css.read())
        for url in ("http://127.0.0.1:8000/admin/", "file:///etc/passwd", BASE_URL + "static/../settings.py",
                    BASE_URL + "media/secret.txt", "https://example.org/tracker.png"):
            with self.assertRaises(ValueError, msg=url):
                fetcher.fetch(url)

    @override_settings(NEWSROOM_NAME='Newsroom <img src="http://127.0.0.1:9/leak.png">')
    def test_it_does_not_fetch_urls_named_in_the_report(self):
        # The markup is escaped, so there is no image to fetch; and if there
        # were, the fetcher would refuse it (the test above).
        report = build_report(self.article, user=self.editor)
        self.assertTrue(render_pdf(report).startswith(b"%PDF-"))
