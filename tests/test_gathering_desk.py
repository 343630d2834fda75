"""The gathering panel as the desk reads it: failed providers in red (never "Done"), why each
piece of evidence was proposed, dismissing it, and failure reasons in the reader's language."""

from django.urls import reverse
from django.utils import translation

from claims import failures, gathering
from claims.models import Article, Claim, Evidence, GatherRun, ProviderRun, RunStatus, Source
from claims.sources.base import Candidate
from tests.personas import PersonaTestCase


class GatheringDeskTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        body = "Intro. The harbour handled 5 million containers in 2023. Outro."
        cls.article = Article.objects.create(submitted_by=cls.reporter, title="A", body=body, status="ready",
                                             language="en")
        start = body.index("The harbour")
        cls.claim = Claim.objects.create(article=cls.article, start=start, end=start + 48, text=body[start:start + 48],
                                         checkworthy=True)

    def _run(self, *statuses):
        run = GatherRun.objects.create(article=self.article, claim=self.claim, providers=["searxng", "wikipedia"],
                                       status=RunStatus.DONE if RunStatus.DONE in statuses else RunStatus.FAILED,
                                       reason="" if RunStatus.DONE in statuses else "Every provider failed.")
        for name, status in zip(["searxng", "wikipedia"], statuses, strict=True):
            ProviderRun.objects.create(run=run, provider=name, status=status,
                                       reason="" if status == RunStatus.DONE else
                                       "Could not connect to news.example or the connection broke.")
        return run

    def _panel(self, user=None, lang="en"):
        self.login(user or self.editor)
        self.client.cookies["django_language"] = lang
        return self.client.get(reverse("claims:article_gathering", args=[self.article.pk]),
                               headers={"accept-language": lang})

    def test_it_shows_a_run_with_a_failed_provider_in_red_not_done(self):
        self._run(RunStatus.DONE, RunStatus.FAILED)
        panel = self._panel()
        self.assertContains(panel, 'class="badge text-bg-danger run-status" data-status="partial"')
        self.assertContains(panel, "1 provider failed")
        self.assertContains(panel, 'text-bg-danger" data-provider="wikipedia" data-status="failed"')
        self.assertNotContains(panel, 'data-status="done">Done<')

    def test_it_never_shows_a_run_whose_providers_all_failed_as_done(self):
        self._run(RunStatus.FAILED, RunStatus.FAILED)
        panel = self._panel()
        self.assertContains(panel, 'run-status" data-status="failed"')
        self.assertContains(panel, "No evidence: every provider failed.")
        self.assertNotContains(panel, "No evidence found")

    def test_it_gives_failure_reasons_and_provider_names_in_arabic(self):
        self._run(RunStatus.DONE, RunStatus.FAILED)
        panel = self._panel(lang="ar").content.decode()
        with translation.override("ar"):
            self.assertIn(failures.failure_text("Could not connect to news.example or the connection broke."), panel)
            self.assertIn(str(failures.PROVIDER_NAMES["wikipedia"]), panel)
            self.assertNotEqual(failures.failure_text("Every provider failed."), "Every provider failed.")
        self.assertNotIn("Could not connect", panel)

    def test_it_keeps_unknown_reasons_as_stored(self):
        self.assertEqual(failures.failure_text("Something new broke."), "Something new broke.")
        with translation.override("ar"):
            self.assertIn("9 MiB", failures.failure_text("The page is 9 MiB, over the 5 MiB limit."))
            self.assertNotIn("over the", failures.failure_text("The page is 9 MiB, over the 5 MiB limit."))

    def test_it_says_why_evidence_was_proposed_and_lets_an_editor_dismiss_it(self):
        self._run(RunStatus.DONE, RunStatus.DONE)
        source = Source.objects.create(url="https://news.example/a", normalized_url="https://news.example/a",
                                       provider="searxng", text="The harbour handled 1.2 million containers.")
        row = Evidence.objects.create(claim=self.claim, source=source, provider="searxng", score=0.61,
                                      matched_terms=["harbour", "containers"], passage="The harbour handled it.")
        panel = self._panel()
        self.assertContains(panel, "Proposed by")
        self.assertContains(panel, "0.61")
        self.assertContains(panel, "<bdi>containers</bdi>")
        self.assertContains(panel, "dismiss-evidence")
        done = self.client.post(reverse("claims:claim_act", args=[self.claim.pk, "detach_evidence"]),
                                {"version": self.claim.version, "evidence": row.pk, "next": "article"})
        self.assertRedirects(done, reverse("claims:article_detail", args=[self.article.pk]) + "#gathering",
                             fetch_redirect_response=False)
        row.refresh_from_db()
        self.assertFalse(row.attached)
        self.assertNotContains(self._panel(), f"panel-evidence-{row.pk}")

    def test_reporters_see_no_dismiss_button(self):
        self._run(RunStatus.DONE, RunStatus.DONE)
        source = Source.objects.create(url="https://news.example/b", normalized_url="https://news.example/b")
        Evidence.objects.create(claim=self.claim, source=source, passage="x")
        self.assertNotContains(self._panel(self.reporter), "dismiss-evidence")

    def test_gathering_keeps_the_provider_and_the_matched_words(self):
        run = self._run(RunStatus.DONE, RunStatus.DONE)
        query = gathering.claim_query(self.claim, run)
        candidate = Candidate(url="https://news.example/c", title="Port", provider="searxng",
                              text="Officials said the harbour handled 5 million containers in 2023.")
        prepared = gathering._prepare_evidence(self.claim, query, [candidate])
        self.assertEqual(gathering._save_evidence(self.claim, prepared), 1)
        row = Evidence.objects.get(claim=self.claim)
        self.assertEqual(row.provider, "searxng")
        self.assertIn("harbour", row.matched_terms)
        self.assertIn("containers", row.matched_terms)
