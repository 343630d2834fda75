"""Intake jobs that stall (worker and message lost) are found and restarted."""

from datetime import timedelta

from django.utils import timezone

from claims import services
from claims.models import Article, ClaimEvent
from tests.personas import PersonaTestCase


class RequeueStaleIntakeTests(PersonaTestCase):
    def make_stuck(self, *, status=Article.Status.FETCHING, attempts=1, minutes=30):
        article = services.submit_article_url(by=self.reporter, url="https://news.example.org/a")
        Article.objects.filter(pk=article.pk).update(
            status=status, intake_attempts=attempts, updated_at=timezone.now() - timedelta(minutes=minutes)
        )
        return article

    def test_it_sends_a_stalled_job_again(self):
        article = self.make_stuck()
        with self.captureOnCommitCallbacks() as callbacks:
            touched = services.requeue_stale_intakes(older_than=timedelta(minutes=10))
        self.assertEqual(touched, 1)
        self.assertEqual(len(callbacks), 1)
        article.refresh_from_db()
        self.assertGreater(article.updated_at, timezone.now() - timedelta(minutes=1))

    def test_it_leaves_jobs_that_are_moving(self):
        self.make_stuck(minutes=2)
        with self.captureOnCommitCallbacks() as callbacks:
            self.assertEqual(services.requeue_stale_intakes(older_than=timedelta(minutes=10)), 0)
        self.assertEqual(callbacks, [])

    def test_it_gives_up_after_too_many_attempts(self):
        article = self.make_stuck(attempts=5)
        services.requeue_stale_intakes(older_than=timedelta(minutes=10), max_attempts=5)
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.FAILED)
        self.assertIn("stalled 5 times", article.failure_reason)


class AuditTrailTests(PersonaTestCase):
    def test_events_cannot_be_changed_or_deleted(self):
        article = services.submit_article_text(by=self.reporter, title="t", body="The bridge is 2 km long.")
        event = ClaimEvent.objects.get(article=article)
        for attempt in (event.save, event.delete, ClaimEvent.objects.all().delete,
                        lambda: ClaimEvent.objects.update(reason="rewritten")):
            with self.subTest(attempt=attempt), self.assertRaises(ValueError):
                attempt()
        self.assertEqual(ClaimEvent.objects.get().reason, "")

    def test_extraction_writes_one_event_with_the_counts(self):
        article = services.submit_article_text(by=self.reporter, title="t", body="The bridge is 2 km long. It is nice.")
        services.extract_claims(article_id=article.pk)
        event = ClaimEvent.objects.get(article=article, action="claims_extracted")
        self.assertEqual(event.changes["claims"], article.claims.count())
        self.assertEqual((event.from_state, event.to_state), ("extracting", "ready"))
        # English has an embedding head: the workbench scores with sentence vectors.
        self.assertEqual(event.changes["scored_with"], "text+embeddings")

    def test_extraction_run_twice_does_not_duplicate_claims(self):
        article = services.submit_article_text(by=self.reporter, title="t", body="The bridge is 2 km long.")
        first = services.extract_claims(article_id=article.pk)
        second = services.extract_claims(article_id=article.pk)  # a redelivered message
        self.assertEqual((first, second), (article.claims.count(), 0))
