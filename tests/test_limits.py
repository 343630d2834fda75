"""Issue 11's reproductions and caps: nothing a reporter sends floods the workbench.

Each test named `test_repro_N_*` is the issue's reproduction N (they failed on
the code before the fix); the others check every list at its cap.
"""

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from claims import services
from claims.models import Article, Claim, Evidence, Source
from tests.api_helpers import APITestCase
from tests.report_data import make_article

ARTICLES = reverse("api:articles")
SUBMIT = reverse("claims:article_submit")
SENTENCES = [f"The port of Examplia handled {n} million containers in {2000 + n}, the ministry said." for n in range(1, 21)]


def fill_with_claims(article, n: int) -> None:
    """`n` claims on the article, as intake would leave them (at most the cap)."""
    body = " ".join(f"Claim {i} says {i} units." for i in range(n))
    Article.objects.filter(pk=article.pk).update(body=body, claims_found=n)
    article.refresh_from_db()
    claims, at = [], 0
    for i in range(n):
        text = f"Claim {i} says {i} units."
        start = body.index(text, at)
        at = start + len(text)
        claims.append(Claim(article=article, start=start, end=at, text=text, checkworthy=True, score=0.5))
    Claim.objects.bulk_create(claims)


class ReproductionTests(APITestCase):
    def test_repro_1_lines_of_one_letter_do_not_make_claim_rows(self):
        response = self.as_user(self.reporter).post(ARTICLES, {"title": "x", "body": "a\n" * 99_999}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("one character repeated", str(response.json()))
        self.assertFalse(Claim.objects.exists())

    def test_repro_6_invisible_characters_only_are_refused(self):
        body = "\u00a0\u2003\u3000\u200b\ufeff" * 20
        response = self.as_user(self.reporter).post(ARTICLES, {"title": "x", "body": body}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("empty", str(response.json()))
        self.login(self.reporter)
        response = self.client.post(SUBMIT, {"mode": "text", "text-title": "x", "text-body": body})
        self.assertContains(response, "The article text is empty.", status_code=400)
        self.assertFalse(Article.objects.exists())

    def test_repro_7_a_run_of_one_character_is_no_claim(self):
        response = self.as_user(self.reporter).post(ARTICLES, {"title": "x", "body": "a" * 100_000}, format="json")
        self.assertEqual(response.status_code, 400)
        # Inside a real article the run is dropped, the real claim kept.
        article = services.submit_article_text(by=self.reporter, title="t", language="ar",
                                               body=("قال الوزير إن الميناء استقبل 5 ملايين حاوية في عام 2023. "
                                                     + "a" * 3000 + " " + "ب" * 2000))
        services.extract_claims(article_id=article.pk)
        texts = list(article.claims.values_list("text", flat=True))
        self.assertTrue(texts)
        self.assertFalse([t for t in texts if "aaa" in t or "ببب" in t], texts)

    def test_repro_8_the_url_form_refuses_a_private_address_at_once(self):
        self.login(self.reporter)
        for url in ("http://10.0.0.1/", "http://127.0.0.1:8000/", "http://169.254.169.254/latest/",
                    "http://[::1]/", "http://localhost/x", "http://192.168.1.1/"):
            with self.subTest(url=url):
                response = self.client.post(SUBMIT, {"mode": "url", "url-url": url})
                self.assertContains(response, "only public web addresses can be fetched", status_code=400)
                api = self.as_user(self.reporter).post(ARTICLES, {"url": url}, format="json")
                self.assertEqual(api.status_code, 400)
        self.assertFalse(Article.objects.exists())


class BodySizeTests(APITestCase):
    def test_repro_5_an_oversized_api_body_is_413_json(self):
        big = '{"title": "x", "body": "' + "a" * (settings.API_MAX_BODY_BYTES + 10) + '"}'
        for path in (ARTICLES, reverse("api:claim-transition", args=[1])):
            with self.subTest(path=path):
                response = self.as_user(self.reporter).post(path, data=big, content_type="application/json")
                self.assertEqual(response.status_code, 413)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertIn(f"{settings.API_MAX_BODY_BYTES:,}", response.json()["detail"])
        # Above Django's own limit too (it used to answer an HTML 400).
        huge = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
        response = self.as_user(self.reporter).post(ARTICLES, data=huge, content_type="application/json")
        self.assertEqual((response.status_code, response["Content-Type"]), (413, "application/json"))
        self.assertFalse(Article.objects.exists())

    def test_repro_5_an_oversized_paste_gets_the_form_with_a_message(self):
        self.login(self.reporter)
        response = self.client.post(SUBMIT, {"mode": "text", "text-title": "x", "text-body": "a" * 10_000_000})
        self.assertContains(response, "an article may have up to 200,000 characters", status_code=413)
        self.assertContains(response, 'name="text-body"', status_code=413)
        self.assertFalse(Article.objects.exists())

    def test_the_limits_fit_an_article_at_the_character_cap(self):
        # Every character a \\uXXXX escape in JSON, or percent-encoded 3-byte UTF-8 in a form: still accepted.
        self.assertGreaterEqual(settings.API_MAX_BODY_BYTES, 6 * settings.ARTICLE_MAX_CHARS)
        self.assertGreaterEqual(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, 9 * settings.ARTICLE_MAX_CHARS)

    def test_an_arabic_article_at_the_character_cap_is_accepted_as_escaped_json(self):
        import json

        body = ("قال الوزير إن الميناء استقبل 5 ملايين حاوية. " * 5000)[: settings.ARTICLE_MAX_CHARS]
        raw = json.dumps({"title": "x", "body": body, "language": "ar"})  # ensure_ascii: 6 bytes per letter
        response = self.as_user(self.reporter).post(ARTICLES, data=raw, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content[:300])


class ClaimCapTests(APITestCase):
    @override_settings(MAX_CLAIMS_PER_ARTICLE=5)
    def test_intake_keeps_the_most_checkworthy_claims_and_says_so(self):
        article = services.submit_article_text(by=self.reporter, title="t", body=" ".join(SENTENCES), language="en")
        services.extract_claims(article_id=article.pk)
        article.refresh_from_db()
        self.assertEqual(article.claims.count(), 5)
        self.assertGreater(article.claims_found, 5)
        event = article.events.get(action="claims_extracted")
        self.assertIn("most check-worthy were kept", event.reason)
        self.login(self.reporter)
        response = self.client.get(reverse("claims:article_detail", args=[article.pk]))
        self.assertContains(response, 'id="claims-capped"')
        self.assertContains(response, f"Intake found {article.claims_found} claims")

    def test_the_article_page_at_the_cap_lists_one_page_of_claims(self):
        article = make_article(self.reporter)
        fill_with_claims(article, settings.MAX_CLAIMS_PER_ARTICLE)
        self.login(self.reporter)
        response = self.client.get(reverse("claims:article_detail", args=[article.pk]))
        html = response.content.decode()
        self.assertEqual(html.count('class="list-group-item'), settings.CLAIMS_PAGE_SIZE)
        self.assertIn('rel="next"', html)
        self.assertNotIn('id="claims-capped"', html)
        last = self.client.get(reverse("claims:article_detail", args=[article.pk]), {"page": 99})
        self.assertEqual(last.content.decode().count('class="list-group-item'),
                         settings.MAX_CLAIMS_PER_ARTICLE - 2 * settings.CLAIMS_PAGE_SIZE)

    def test_the_report_at_the_cap_is_paginated(self):
        article = make_article(self.reporter)
        fill_with_claims(article, settings.MAX_CLAIMS_PER_ARTICLE)
        self.login(self.reporter)
        html = self.client.get(reverse("claims:article_report", args=[article.pk])).content.decode()
        self.assertEqual(html.count('<article class="claim"'), settings.CLAIMS_PAGE_SIZE)
        self.assertIn('rel="next"', html)
        page2 = self.client.get(reverse("claims:article_report", args=[article.pk]), {"page": 2}).content.decode()
        self.assertIn(f"<h3>{settings.CLAIMS_PAGE_SIZE + 1}.", page2)
        data = self.as_user(self.reporter).get(reverse("api:article-report", args=[article.pk, "json"]),
                                               {"page": 3}).json()
        self.assertEqual(len(data["claims"]), settings.MAX_CLAIMS_PER_ARTICLE - 2 * settings.CLAIMS_PAGE_SIZE)
        self.assertEqual(data["extra"]["page"]["total"], settings.MAX_CLAIMS_PER_ARTICLE)

    def test_api_claim_list_at_the_cap_never_returns_more_than_the_page_size(self):
        article = make_article(self.reporter)
        fill_with_claims(article, settings.MAX_CLAIMS_PER_ARTICLE)
        data = self.as_user(self.editor).get(reverse("api:claims"), {"article": article.pk, "limit": 100_000}).json()
        self.assertEqual(data["count"], settings.MAX_CLAIMS_PER_ARTICLE)
        self.assertEqual(len(data["results"]), settings.API_MAX_PAGE_SIZE)
        self.assertIsNotNone(data["next"])

    @override_settings(API_MAX_PAGE_SIZE=3)
    def test_api_article_list_at_the_cap(self):
        for _ in range(5):
            make_article(self.reporter)
        data = self.as_user(self.reporter).get(ARTICLES, {"limit": 1000}).json()
        self.assertEqual((data["count"], len(data["results"])), (5, 3))

    @override_settings(API_MAX_PAGE_SIZE=3)
    def test_api_evidence_list_at_the_cap(self):
        article = make_article(self.reporter)
        fill_with_claims(article, 1)
        claim = article.claims.get()
        for i in range(5):
            source = Source.objects.create(url=f"https://s.example.org/{i}", normalized_url=f"https://s.example.org/{i}")
            Evidence.objects.create(claim=claim, source=source, passage="p")
        data = self.as_user(self.editor).get(reverse("api:claim-evidence", args=[claim.pk]), {"limit": 1000}).json()
        self.assertEqual((data["count"], len(data["results"])), (5, 3))
