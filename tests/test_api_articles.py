"""API: submit articles and follow their status, with the UI's rules."""

from django.test import override_settings
from django.urls import reverse

from claims.models import Article, ClaimEvent
from tests.api_helpers import APITestCase
from tests.report_data import make_article

ARTICLES = reverse("api:articles")


class SubmitTests(APITestCase):
    def test_it_submits_pasted_text_through_the_service(self):
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.as_user(self.reporter).post(ARTICLES, {
                "title": "Budget", "body": "The minister said unemployment fell to 4.1 percent.",
            }, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        article = Article.objects.get(pk=response.json()["id"])
        self.assertEqual(article.submitted_by, self.reporter)
        self.assertEqual(article.origin, "text")
        self.assertEqual(response.json()["status"], "queued")
        self.assertTrue(ClaimEvent.objects.filter(article=article, action="submitted").exists())
        self.assertEqual(len(callbacks), 1)  # extraction is queued after commit

    def test_it_submits_a_url_for_the_worker(self):
        response = self.as_user(self.reporter).post(ARTICLES, {"url": "https://news.example.org/a"}, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["origin"], "url")

    def test_it_refuses_bad_input_and_saves_nothing(self):
        client = self.as_user(self.reporter)
        for payload in ({}, {"title": "x", "body": "   "}, {"url": "ftp://example.org/x"}, {"body": "text, no title"}):
            response = client.post(ARTICLES, payload, format="json")
            self.assertEqual(response.status_code, 400, payload)
            self.assertTrue(response.json())
        self.assertFalse(Article.objects.exists())

    @override_settings(ARTICLE_MAX_CHARS=100)
    def test_it_refuses_an_article_over_the_length_limit(self):
        response = self.as_user(self.reporter).post(ARTICLES, {"title": "x", "body": "a" * 101}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("limit", str(response.json()))

    def test_it_forbids_outsiders_to_submit(self):
        response = self.as_user(self.outsider).post(ARTICLES, {"url": "https://news.example.org/a"}, format="json")
        self.assertEqual(response.status_code, 403)
        self.assertIn("detail", response.json())


class StatusTests(APITestCase):
    def setUp(self):
        self.article = make_article(self.reporter)

    def test_it_shows_the_status_to_the_submitter(self):
        response = self.as_user(self.reporter).get(reverse("api:article-detail", args=[self.article.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "ready")

    def test_it_hides_the_article_from_other_reporters_and_outsiders(self):
        for person in (self.other_reporter, self.outsider):
            response = self.as_user(person).get(reverse("api:article-detail", args=[self.article.pk]))
            self.assertEqual(response.status_code, 404)
            listed = self.as_user(person).get(ARTICLES).json()["results"]
            self.assertEqual(listed, [])

    def test_it_lists_every_article_for_editors(self):
        make_article(self.other_reporter)
        self.assertEqual(self.as_user(self.editor).get(ARTICLES).json()["count"], 2)
        self.assertEqual(self.as_user(self.reporter).get(ARTICLES).json()["count"], 1)
