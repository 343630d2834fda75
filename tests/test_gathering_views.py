"""Gathering views: the live panel, the "Gather sources" button and the feeds page, per persona."""

from django.urls import reverse

from claims.models import Article, Claim, Evidence, Feed, GatherRun, ProviderRun, RunStatus, Source
from tests.personas import PersonaTestCase


class GatheringViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        body = "Intro. The harbour handled 5 million containers in 2023. Outro."
        cls.article = Article.objects.create(submitted_by=cls.reporter, title="A", body=body, status="ready",
                                             language="en")
        start = body.index("The harbour")
        cls.claim = Claim.objects.create(article=cls.article, start=start, end=start + 48, text=body[start:start + 48],
                                         checkworthy=True)

    def _run_with_evidence(self):
        run = GatherRun.objects.create(article=self.article, claim=self.claim, providers=["searxng", "wikipedia"],
                                       status=RunStatus.DONE)
        ProviderRun.objects.create(run=run, provider="searxng", status=RunStatus.DONE, candidates=1)
        ProviderRun.objects.create(run=run, provider="wikipedia", status=RunStatus.FAILED,
                                   reason="127.0.0.1 is busy (too many requests) (HTTP 429); try again later.")
        source = Source.objects.create(url="https://news.example/a", normalized_url="https://news.example/a",
                                       title="Harbour <b>record</b>", provider="searxng",
                                       wayback_url="http://web.archive.org/web/2026/https://news.example/a")
        Evidence.objects.create(claim=self.claim, source=source, suggested_stance="refutes",
                                passage="The harbour handled 1.2 million <script>x</script> containers.",
                                figures=[{"figure": "5 million", "kind": "amount", "status": "mismatch", "found": ["1.2 million"]}])

    def test_it_includes_a_self_loading_panel_on_the_article_page(self):
        self.login(self.editor)
        page = self.client.get(reverse("claims:article_detail", args=[self.article.pk]))
        self.assertContains(page, reverse("claims:article_gathering", args=[self.article.pk]))

    def test_it_shows_provider_states_failures_and_highlighted_evidence(self):
        self._run_with_evidence()
        self.login(self.reporter)
        panel = self.client.get(reverse("claims:article_gathering", args=[self.article.pk]))
        self.assertContains(panel, 'data-provider="wikipedia" data-status="failed"')
        self.assertContains(panel, "HTTP 429")
        self.assertContains(panel, "<mark>harbour</mark>")
        self.assertContains(panel, 'data-status="mismatch"')
        self.assertContains(panel, "Harbour &lt;b&gt;record&lt;/b&gt;")
        self.assertNotContains(panel, "<script>x")
        self.assertNotContains(panel, "Gather sources")  # reporters cannot start gathering
        self.assertNotContains(panel, 'hx-trigger="every 2s"')  # nothing active: no polling

    def test_the_panel_runs_the_same_queries_however_many_claims_have_evidence(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries_for_panel():
            self.client.get(reverse("claims:article_gathering", args=[self.article.pk]))  # warm the session
            with CaptureQueriesContext(connection) as captured:
                self.client.get(reverse("claims:article_gathering", args=[self.article.pk]))
            return len(captured)

        self._run_with_evidence()
        self.login(self.editor)
        one = queries_for_panel()
        body = self.article.body
        for n in range(4):
            claim = Claim.objects.create(article=self.article, start=0, end=6, text=body[:6], checkworthy=True)
            GatherRun.objects.create(article=self.article, claim=claim, providers=["searxng"], status=RunStatus.DONE)
            source = Source.objects.create(url=f"https://news.example/{n}", normalized_url=f"https://news.example/{n}")
            Evidence.objects.create(claim=claim, source=source, passage="Intro.")
        self.assertEqual(queries_for_panel(), one)

    def test_it_polls_while_a_run_is_active(self):
        GatherRun.objects.create(article=self.article, claim=self.claim, providers=["archive"])
        self.login(self.editor)
        panel = self.client.get(reverse("claims:article_gathering", args=[self.article.pk]))
        self.assertContains(panel, 'hx-trigger="every 2s"')

    def test_it_lets_an_editor_start_gathering_once(self):
        self.login(self.editor)
        url = reverse("claims:article_gather", args=[self.article.pk])
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            response = self.client.post(url)
        self.assertRedirects(response, reverse("claims:article_detail", args=[self.article.pk]),
                             fetch_redirect_response=False)
        self.assertEqual(len(callbacks), 1)
        run = GatherRun.objects.get()
        self.assertEqual(run.requested_by, self.editor)
        self.assertEqual(run.provider_runs.count(), len(run.providers))
        with self.captureOnCommitCallbacks(execute=False):
            self.client.post(url)
        self.assertEqual(GatherRun.objects.count(), 1)  # already queued: not twice

    def test_it_hides_articles_from_outsiders_and_refuses_reporters(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("claims:article_gathering", args=[self.article.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("claims:article_gather", args=[self.article.pk])).status_code, 404)
        self.login(self.reporter)
        self.assertEqual(self.client.post(reverse("claims:article_gather", args=[self.article.pk])).status_code, 403)
        self.assertFalse(GatherRun.objects.exists())

    def test_it_lets_editors_add_feeds_and_refuses_others(self):
        self.login(self.reporter)
        self.assertEqual(self.client.get(reverse("claims:feed_list")).status_code, 403)
        self.login(self.editor)
        response = self.client.post(reverse("claims:feed_list"), {"url": "https://daily.example/rss.xml", "title": "Daily"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Feed.objects.get().added_by, self.editor)
        bad = self.client.post(reverse("claims:feed_list"), {"url": "not a url"})
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(Feed.objects.count(), 1)

    def test_it_lets_editors_edit_a_feed_and_switch_it_off_and_on(self):
        feed = Feed.objects.create(url="https://daily.example/rss.xml", title="Daily")
        self.login(self.editor)
        listing = self.client.get(reverse("claims:feed_list"))
        self.assertContains(listing, reverse("claims:feed_edit", args=[feed.pk]))
        self.assertContains(listing, reverse("claims:feed_toggle", args=[feed.pk]))
        response = self.client.post(reverse("claims:feed_edit", args=[feed.pk]),
                                    {"url": "https://daily.example/atom.xml", "title": "Daily (Atom)", "enabled": "on"})
        self.assertRedirects(response, reverse("claims:feed_list"), fetch_redirect_response=False)
        feed.refresh_from_db()
        self.assertEqual((feed.url, feed.title, feed.enabled), ("https://daily.example/atom.xml", "Daily (Atom)", True))
        self.client.post(reverse("claims:feed_toggle", args=[feed.pk]))
        feed.refresh_from_db()
        self.assertFalse(feed.enabled)
        self.assertContains(self.client.get(reverse("claims:feed_list")), 'data-enabled="false"')
        self.client.post(reverse("claims:feed_toggle", args=[feed.pk]))
        feed.refresh_from_db()
        self.assertTrue(feed.enabled)
        bad = self.client.post(reverse("claims:feed_edit", args=[feed.pk]), {"url": "not a url", "title": "x"})
        self.assertEqual(bad.status_code, 400)
        feed.refresh_from_db()
        self.assertEqual(feed.title, "Daily (Atom)")  # nothing half-saved
        self.assertEqual(self.client.get(reverse("claims:feed_edit", args=[feed.pk + 99])).status_code, 404)

    def test_it_refuses_feed_changes_to_reporters_and_outsiders(self):
        feed = Feed.objects.create(url="https://daily.example/rss.xml", title="Daily")
        for person in (self.reporter, self.outsider):
            self.login(person)
            self.assertEqual(self.client.get(reverse("claims:feed_edit", args=[feed.pk])).status_code, 403)
            self.assertEqual(self.client.post(reverse("claims:feed_edit", args=[feed.pk]),
                                              {"url": "https://evil.example/", "title": "x"}).status_code, 403)
            self.assertEqual(self.client.post(reverse("claims:feed_toggle", args=[feed.pk])).status_code, 403)
        feed.refresh_from_db()
        self.assertEqual((feed.url, feed.enabled), ("https://daily.example/rss.xml", True))
        self.login(self.editor)
        self.assertEqual(self.client.get(reverse("claims:feed_toggle", args=[feed.pk])).status_code, 405)
