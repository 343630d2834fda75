"""build_report: one object with everything a verification report says."""

from claims.reports import build_claim_report, build_report
from claims.reports.report import NO_VERDICT
from tests.personas import PersonaTestCase
from tests.report_data import worked_article


class BuildReportTests(PersonaTestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)

    def test_it_carries_the_article_metadata(self):
        report = build_report(self.article, user=self.reporter)
        self.assertEqual(report.article.title, "Budget story")
        self.assertEqual(report.article.outlet, "Example News")
        self.assertEqual(report.article.submitted_by.username, "reporter")
        self.assertEqual(report.generated_by.username, "reporter")
        self.assertEqual(report.scope, "article")

    def test_it_lists_every_claim_with_span_and_state(self):
        report = build_report(self.article, user=self.editor)
        self.assertEqual([c.id for c in report.claims], [self.first.pk, self.second.pk, self.third.pk])
        first = report.claims[0]
        self.assertEqual(self.article.body[first.start:first.end], first.text)
        self.assertEqual(first.state, "published")
        self.assertEqual(report.claims[2].state, "new")

    def test_it_shows_the_published_verdict_with_who_approved_it(self):
        verdict = build_report(self.article, user=self.editor).claims[0].verdict
        self.assertEqual(verdict.rating_label, "False")
        self.assertEqual((verdict.rating_value, verdict.worst_rating, verdict.best_rating), (1, 1, 5))
        self.assertTrue(verdict.published)
        self.assertEqual(verdict.claimant, "The minister")
        self.assertEqual(verdict.proposed_by.username, "editor")
        self.assertEqual(verdict.approved_by.username, "chief")
        self.assertIsNotNone(verdict.approved_at)

    def test_it_keeps_only_the_evidence_relied_on(self):
        evidence = build_report(self.article, user=self.editor).claims[0].evidence
        self.assertEqual([e.title for e in evidence], ["Labour force survey"])
        item = evidence[0]
        self.assertEqual(item.sha256, "ab" * 32)
        self.assertEqual(item.stance, "refutes")
        self.assertTrue(item.archive_url.startswith("https://web.archive.example/"))
        self.assertIsNotNone(item.fetched_at)

    def test_it_names_reviewers_and_the_audit_timeline(self):
        report = build_report(self.article, user=self.editor)
        roles = [(r.person.username, r.role) for r in report.claims[0].reviews]
        self.assertEqual(roles, [("chief", "assigned"), ("editor", "proposed a verdict"), ("chief", "approved")])
        actions = [t.action for t in report.timeline]
        self.assertIn("approve", actions)
        self.assertEqual(actions.count("propose"), 2)

    def test_it_summarises_published_verdicts_only(self):
        summary = dict(build_report(self.article, user=self.editor).summary)
        # The proposal for the second claim is not published yet.
        self.assertEqual(summary, {"False": 1, NO_VERDICT: 2})
        second = build_report(self.article, user=self.editor).claims[1].verdict
        self.assertFalse(second.published)

    def test_it_builds_a_report_for_one_claim(self):
        report = build_claim_report(self.first, user=self.editor)
        self.assertEqual(report.scope, "claim")
        self.assertEqual([c.id for c in report.claims], [self.first.pk])
        self.assertTrue(all(t.claim_id == self.first.pk for t in report.timeline))

    def test_it_refuses_a_user_who_may_not_see_the_article(self):
        from claims.models import Article

        with self.assertRaises(Article.DoesNotExist):
            build_report(self.article, user=self.other_reporter)
        with self.assertRaises(Article.DoesNotExist):
            build_report(self.article, user=self.outsider)

    def test_it_reads_the_database_a_fixed_number_of_times(self):
        from tests.report_data import add_claim

        build_report(self.article, user=self.editor)  # warm the role cache
        with self.assertNumQueries(7):
            build_report(self.article, user=self.editor)
        add_claim(self.article, "Exports doubled since 2019.")
        with self.assertNumQueries(7):
            build_report(self.article, user=self.editor)
