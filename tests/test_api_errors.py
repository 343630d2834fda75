"""API errors are JSON with a message: 400, 401, 404, 413, 415."""

from django.test import override_settings
from django.urls import reverse

from claims.models import Article
from tests.api_helpers import APITestCase
from tests.report_data import make_article

ARTICLES = reverse("api:articles")


class ErrorTests(APITestCase):
    def test_it_answers_401_without_a_token(self):
        response = self.client.get(ARTICLES)
        self.assertEqual(response.status_code, 401)
        self.assertIn("credentials", response.json()["detail"])
        self.assertEqual(response["WWW-Authenticate"], "Token")

    def test_it_answers_401_for_a_wrong_token(self):
        self.client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        response = self.client.get(ARTICLES)
        self.assertEqual(response.status_code, 401)
        self.assertIn("detail", response.json())

    def test_it_refuses_malformed_json(self):
        response = self.as_user(self.reporter).post(ARTICLES, data='{"title": "x", "body": ', content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Malformed JSON", response.json()["detail"])
        self.assertFalse(Article.objects.exists())

    def test_it_refuses_a_body_that_is_not_json(self):
        response = self.as_user(self.reporter).post(ARTICLES, data="title=x&body=y",
                                                    content_type="application/x-www-form-urlencoded")
        self.assertEqual(response.status_code, 415)
        self.assertIn("Unsupported media type", response.json()["detail"])

    @override_settings(API_MAX_BODY_BYTES=1000)
    def test_it_refuses_a_huge_payload(self):
        response = self.as_user(self.reporter).post(ARTICLES, {"title": "x", "body": "a" * 5000}, format="json")
        self.assertEqual(response.status_code, 413)
        self.assertIn("limit", response.json()["detail"])
        self.assertFalse(Article.objects.exists())

    def test_it_names_the_formats_when_one_is_unknown(self):
        article = make_article(self.reporter)
        response = self.as_user(self.reporter).get(reverse("api:article-report", args=[article.pk, "docx"]))
        self.assertEqual(response.status_code, 404)
        self.assertIn("pdf", response.json()["detail"])

    def test_it_answers_404_in_json_for_a_report_you_may_not_see(self):
        article = make_article(self.reporter)
        response = self.as_user(self.other_reporter).get(reverse("api:article-report", args=[article.pk, "json"]))
        self.assertEqual(response.status_code, 404)
        self.assertIn("detail", response.json())

    def test_it_refuses_an_unknown_filter_value(self):
        response = self.as_user(self.editor).get(reverse("api:claims"), {"state": "sideways"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("sideways", str(response.json()))


class SchemaTests(APITestCase):
    def test_it_serves_the_openapi_schema_and_an_offline_docs_page(self):
        client = self.as_user(self.editor)
        schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
        self.assertEqual(schema.status_code, 200)
        self.assertIn("/api/claims/{id}/transitions/", schema.content.decode())
        docs = client.get(reverse("api:docs"))
        self.assertEqual(docs.status_code, 200)
        page = docs.content.decode()
        self.assertIn("/static/drf_spectacular_sidecar/swagger-ui-dist/", page)
        self.assertNotIn("cdn.jsdelivr.net", page)

    def test_it_keeps_the_docs_behind_a_login(self):
        self.assertEqual(self.client.get(reverse("api:docs")).status_code, 401)
