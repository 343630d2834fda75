"""Report pages and downloads: the same access rules as every other page."""

import csv
import io

from django.urls import reverse

from tests.personas import PersonaTestCase
from tests.report_data import add_claim, make_article, worked_article


class ReportViewTests(PersonaTestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)

    def url(self, fmt=None):
        if fmt:
            return reverse("claims:article_report_format", args=[self.article.pk, fmt])
        return reverse("claims:article_report", args=[self.article.pk])

    def test_it_shows_the_report_page_to_the_submitter(self):
        self.login(self.reporter)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Labour force survey")
        self.assertContains(response, "application/ld+json")

    def test_it_serves_every_format(self):
        self.login(self.editor)
        expected = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8", "json": "application/json",
                    "md": "text/markdown; charset=utf-8", "claimreview": "application/ld+json"}
        for fmt, media_type in expected.items():
            response = self.client.get(self.url(fmt))
            self.assertEqual(response.status_code, 200, fmt)
            self.assertEqual(response["Content-Type"], media_type)
            self.assertIn("attachment;", response["Content-Disposition"])

    def test_it_answers_404_for_an_unknown_format(self):
        self.login(self.editor)
        self.assertEqual(self.client.get(self.url("docx")).status_code, 404)

    def test_it_hides_the_report_from_outsiders_and_other_reporters(self):
        for person in (self.outsider, self.other_reporter):
            self.login(person)
            self.assertEqual(self.client.get(self.url()).status_code, 404)
            self.assertEqual(self.client.get(self.url("csv")).status_code, 404)
            claim_url = reverse("claims:claim_report", args=[self.first.pk])
            self.assertEqual(self.client.get(claim_url).status_code, 404)

    def test_it_sends_anonymous_visitors_to_log_in(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_it_shows_a_report_for_one_claim(self):
        self.login(self.editor)
        response = self.client.get(reverse("claims:claim_report", args=[self.first.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.first.text)
        self.assertNotContains(response, self.third.text)
        response = self.client.get(reverse("claims:claim_report_format", args=[self.first.pk, "json"]))
        self.assertEqual(response.json()["scope"], "claim")


class ClaimListCsvTests(PersonaTestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)
        other = make_article(self.other_reporter, title="Someone else's story")
        self.hidden = add_claim(other, "Exports doubled since 2019.")

    def rows(self, **params):
        response = self.client.get(reverse("claims:claim_list_csv"), params)
        self.assertEqual(response.status_code, 200)
        return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    def test_it_exports_only_visible_claims(self):
        self.login(self.reporter)
        self.assertEqual({r["claim_id"] for r in self.rows()},
                         {str(c.pk) for c in (self.first, self.second, self.third)})
        self.login(self.outsider)
        self.assertEqual(self.rows(), [])

    def test_it_applies_the_list_filters(self):
        self.login(self.editor)
        self.assertEqual([r["claim_id"] for r in self.rows(state="published")], [str(self.first.pk)])
        self.assertEqual(len(self.rows(article=self.article.pk)), 3)
        self.assertEqual([r["claim_id"] for r in self.rows(q="bridge")], [str(self.second.pk)])

    def test_it_refuses_a_filter_that_makes_no_sense(self):
        self.login(self.editor)
        response = self.client.get(reverse("claims:claim_list_csv"), {"state": "sideways"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("sideways", response.content.decode())
        self.assertEqual(self.client.get(reverse("claims:claim_list_csv"), {"article": "x"}).status_code, 400)
