"""Who sees which article, and what the article page shows."""

import html
import re

from django.urls import reverse

from claims import services
from claims.models import Article, Claim
from tests.personas import PersonaTestCase

BODY = "The dam holds 4.2 billion cubic metres. Many people think it is beautiful. It opened in 1971."


class ArticlePageTests(PersonaTestCase):
    def setUp(self):
        self.article = services.submit_article_text(by=self.reporter, title="Dam", body=BODY)
        services.extract_claims(article_id=self.article.pk)
        self.detail = reverse("claims:article_detail", args=[self.article.pk])

    def test_it_highlights_each_claim_at_its_span(self):
        self.login(self.reporter)
        response = self.client.get(self.detail)
        self.assertEqual(response.status_code, 200)
        claims = list(Claim.objects.filter(article=self.article))
        self.assertTrue(claims)
        for claim in claims:
            self.assertEqual(BODY[claim.start:claim.end], claim.text)
            self.assertContains(response, f'data-start="{claim.start}" data-end="{claim.end}"')
        # the text is shown whole and in order, claim marks included
        shown = re.search(r'<div class="article-text[^>]*>(.*?)</div>', response.content.decode(), re.S).group(1)
        self.assertEqual(html.unescape(re.sub(r"<[^>]+>", "", shown)), BODY)

    def test_reporter_sees_own_articles_only(self):
        self.login(self.other_reporter)
        self.assertEqual(self.client.get(self.detail).status_code, 404)
        listing = self.client.get(reverse("claims:article_list"))
        self.assertNotContains(listing, "Dam")

    def test_editors_see_every_article(self):
        for user in (self.editor, self.editor2, self.chief, self.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.detail).status_code, 200, user)

    def test_outsider_gets_404(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.detail).status_code, 404)
        self.assertEqual(self.client.get(reverse("claims:article_progress", args=[self.article.pk])).status_code, 404)

    def test_arabic_article_reads_right_to_left(self):
        arabic = services.submit_article_text(by=self.reporter, title="سد", body="قال الوزير إن السد يخزن 4 مليارات متر مكعب.")
        services.extract_claims(article_id=arabic.pk)
        self.login(self.reporter)
        response = self.client.get(reverse("claims:article_detail", args=[arabic.pk]))
        self.assertContains(response, 'class="article-text border rounded p-3" dir="rtl" lang="ar"')

    def test_article_text_is_escaped(self):
        article = services.submit_article_text(
            by=self.reporter, title="<b>x</b>", body="<script>alert(1)</script> The tower is 300 metres tall."
        )
        services.extract_claims(article_id=article.pk)
        self.login(self.reporter)
        response = self.client.get(reverse("claims:article_detail", args=[article.pk]))
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_progress_polls_while_running_and_stops_when_ready(self):
        running = services.submit_article_text(by=self.reporter, title="Queued", body=BODY)
        self.login(self.reporter)
        url = reverse("claims:article_progress", args=[running.pk])
        self.assertContains(self.client.get(url), 'hx-trigger="every 2s"')
        services.extract_claims(article_id=running.pk)
        response = self.client.get(url)
        self.assertNotContains(response, 'hx-trigger="every 2s"')
        self.assertContains(response, "claim-span")

    def test_failed_intake_shows_the_reason_and_can_be_retried(self):
        article = services.submit_article_url(by=self.reporter, url="https://news.example.org/gone")
        services.fail_intake(article_id=article.pk, reason="The server answered 404 Not Found.")
        self.login(self.reporter)
        response = self.client.get(reverse("claims:article_detail", args=[article.pk]))
        self.assertContains(response, "The server answered 404 Not Found.")
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.post(reverse("claims:article_retry", args=[article.pk]))
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.QUEUED)
        self.assertEqual(len(callbacks), 1)

    def test_outsider_cannot_retry(self):
        article = services.submit_article_url(by=self.reporter, url="https://news.example.org/gone")
        services.fail_intake(article_id=article.pk, reason="gone")
        self.login(self.outsider)
        self.assertEqual(self.client.post(reverse("claims:article_retry", args=[article.pk])).status_code, 404)
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.FAILED)
