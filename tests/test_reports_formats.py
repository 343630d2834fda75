"""CSV, JSON, Markdown and HTML renderers read the same report object."""

import csv
import io
import json

from claims.reports import build_report
from claims.reports.csv import COLUMNS, escape_cell, render_csv
from claims.reports.html import render_html
from claims.reports.json import render_json
from claims.reports.markdown import render_markdown
from tests.personas import PersonaTestCase
from tests.report_data import add_claim, make_article, worked_article


class FormatTests(PersonaTestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)
        self.report = build_report(self.article, user=self.editor)

    def test_it_escapes_spreadsheet_formulas(self):
        for dangerous in ("=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
            self.assertTrue(escape_cell(dangerous).startswith("'"), dangerous)
        self.assertEqual(escape_cell("4.1 percent"), "4.1 percent")
        self.assertEqual(escape_cell(None), "")

    def test_it_writes_one_csv_row_per_claim_with_formulas_neutralised(self):
        body = '=HYPERLINK("http://evil.example/","x") said the minister. @SUM(A1) is a cell.'
        article = make_article(self.reporter, body=body, title="-2+3")
        add_claim(article, '=HYPERLINK("http://evil.example/","x") said the minister.')
        rows = list(csv.reader(io.StringIO(render_csv(build_report(article, user=self.editor)))))
        self.assertEqual(rows[0], COLUMNS)
        row = dict(zip(COLUMNS, rows[1], strict=True))
        self.assertEqual(row["claim"], "'" + '=HYPERLINK("http://evil.example/","x") said the minister.')
        self.assertEqual(row["article_title"], "'-2+3")

    def test_it_puts_the_verdict_and_evidence_in_the_csv(self):
        rows = list(csv.DictReader(io.StringIO(render_csv(self.report))))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0]["verdict"], "False")
        self.assertEqual(rows[0]["approved_by"], "chief")
        self.assertEqual(rows[0]["evidence_urls"], "https://stats.example.org/labour")

    def test_it_renders_json_with_every_part(self):
        data = json.loads(render_json(self.report))
        self.assertEqual(data["article"]["title"], "Budget story")
        self.assertEqual(len(data["claims"]), 3)
        self.assertEqual(data["claims"][0]["verdict"]["rating_label"], "False")
        self.assertEqual(data["claims"][0]["evidence"][0]["sha256"], "ab" * 32)
        self.assertIn({"label": "False", "count": 1}, data["summary"])
        self.assertTrue(data["timeline"])

    def test_it_renders_markdown_with_outside_text_escaped(self):
        body = "See [click](javascript:alert(1)) and <img src=x onerror=alert(1)> now."
        article = make_article(self.reporter, body=body, title="*Bold* [link](http://x)")
        add_claim(article, body)
        md = render_markdown(build_report(article, user=self.editor))
        self.assertNotIn("[click](javascript", md)
        self.assertNotIn("<img", md)
        self.assertIn(r"\[click\]", md)
        md = render_markdown(self.report)
        self.assertIn("| False | 1 |", md)
        self.assertIn("**Verdict:** False", md)

    def test_it_renders_the_html_page_escaped(self):
        body = "<script>alert('x')</script> claimed the mayor."
        article = make_article(self.reporter, body=body, title="<b>Title</b>")
        add_claim(article, body)
        html = render_html(build_report(article, user=self.editor))
        self.assertNotIn("<script>alert", html)
        self.assertIn("&lt;b&gt;Title&lt;/b&gt;", html)
        html = render_html(self.report)
        self.assertIn("Labour force survey", html)
        self.assertIn("ab" * 32, html)
        self.assertIn('dir="ltr"', html)

    def test_it_sets_right_to_left_for_an_arabic_article(self):
        from tests.report_data import ARABIC_BODY

        article = make_article(self.reporter, body=ARABIC_BODY, title="تقرير الميزانية", language="ar")
        html = render_html(build_report(article, user=self.editor))
        self.assertIn('<html lang="ar" dir="rtl">', html)
