"""A reporter submits an article by text or URL; bad input is refused on the form."""

from django.test import override_settings
from django.urls import reverse

from claims.models import Article, ClaimEvent
from tests.personas import PersonaTestCase

ARABIC_BODY = (
    "أعلنت البلدية يوم الأحد أن عدد الحافلات الكهربائية في المدينة ارتفع إلى 240 حافلة. "
    "وقال رئيس البلدية إن المشروع كلّف 18 مليون دولار."
)
ENGLISH_BODY = "The port handled 2.3 million containers in 2024, a record. Officials said the new crane cost $40 million."


class SubmitTextTests(PersonaTestCase):
    url = reverse("claims:article_submit")

    def post(self, **fields):
        data = {"mode": "text", **{f"text-{k}": v for k, v in fields.items()}}
        return self.client.post(self.url, data)

    def test_it_saves_the_article_and_queues_extraction(self):
        self.login(self.reporter)
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.post(title="Buses", body=ARABIC_BODY, outlet="Local Daily")
        article = Article.objects.get()
        self.assertRedirects(response, reverse("claims:article_detail", args=[article.pk]))
        self.assertEqual(article.language, "ar")  # detected, not given
        self.assertEqual(article.status, Article.Status.QUEUED)
        self.assertEqual(article.submitted_by, self.reporter)
        self.assertEqual(article.body, ARABIC_BODY)
        self.assertEqual(len(callbacks), 1)  # the extraction task, sent after commit
        self.assertTrue(ClaimEvent.objects.filter(article=article, action="submitted", actor=self.reporter).exists())

    def test_it_detects_english(self):
        self.login(self.reporter)
        self.post(title="Port", body=ENGLISH_BODY)
        self.assertEqual(Article.objects.get().language, "en")

    def test_it_keeps_the_language_the_reporter_chose(self):
        self.login(self.editor)
        self.post(title="Port", body=ENGLISH_BODY, language="ar")
        self.assertEqual(Article.objects.get().language, "ar")

    def test_it_refuses_empty_text(self):
        self.login(self.reporter)
        response = self.post(title="Nothing", body="   \n  ")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "The article text is empty.", status_code=400)
        self.assertFalse(Article.objects.exists())
        self.assertFalse(ClaimEvent.objects.exists())

    @override_settings(ARTICLE_MAX_CHARS=100)
    def test_it_refuses_text_over_the_cap(self):
        self.login(self.reporter)
        response = self.post(title="Long", body="word " * 30)
        self.assertContains(response, "the limit is 100", status_code=400)
        self.assertFalse(Article.objects.exists())

    def test_it_requires_a_title(self):
        self.login(self.reporter)
        response = self.post(title="", body=ENGLISH_BODY)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Article.objects.exists())

    def test_it_refuses_a_bad_date(self):
        self.login(self.reporter)
        response = self.post(title="Port", body=ENGLISH_BODY, published_at="yesterday-ish")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Article.objects.exists())

    def test_outsider_may_not_submit(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.post(title="x", body=ENGLISH_BODY).status_code, 403)
        self.assertFalse(Article.objects.exists())

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.url)
        self.assertRedirects(response, f"{reverse('login')}?next={self.url}")

    def test_it_needs_a_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reporter)
        response = client.post(self.url, {"mode": "text", "text-title": "x", "text-body": ENGLISH_BODY})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Article.objects.exists())


class SubmitURLTests(PersonaTestCase):
    url = reverse("claims:article_submit")

    def post(self, address):
        return self.client.post(self.url, {"mode": "url", "url-url": address})

    def test_it_saves_the_url_and_queues_the_fetch(self):
        self.login(self.reporter)
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.post("https://news.example.org/2025/story")
        article = Article.objects.get()
        self.assertRedirects(response, reverse("claims:article_detail", args=[article.pk]))
        self.assertEqual(article.origin, Article.Origin.URL)
        self.assertEqual(article.body, "")  # nothing fetched in the request
        self.assertEqual(len(callbacks), 1)

    def test_it_refuses_addresses_that_are_not_http(self):
        self.login(self.reporter)
        for address in ("ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "example.org/story"):
            with self.subTest(address=address):
                response = self.post(address)
                self.assertContains(response, "Only http:// and https:// addresses can be fetched.", status_code=400)
        self.assertFalse(Article.objects.exists())

    def test_it_refuses_credentials_in_the_url(self):
        self.login(self.reporter)
        response = self.post("https://user:secret@example.org/")
        self.assertContains(response, "user name or password", status_code=400)
        self.assertFalse(Article.objects.exists())
