"""API: claims, evidence, workflow transitions, reports and ClaimReview."""

import json

from django.urls import reverse

from claims.models import ClaimEvent, Verdict
from tests.api_helpers import APITestCase
from tests.report_data import add_claim, add_evidence, ensure_scale, make_article, worked_article


class ClaimReadTests(APITestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)
        self.hidden = add_claim(make_article(self.other_reporter), "Exports doubled since 2019.")

    def test_it_lists_only_visible_claims_with_filters(self):
        ids = [c["id"] for c in self.as_user(self.reporter).get(reverse("api:claims")).json()["results"]]
        self.assertEqual(ids, [self.first.pk, self.second.pk, self.third.pk])
        published = self.as_user(self.editor).get(reverse("api:claims"), {"state": "published"}).json()
        self.assertEqual([c["id"] for c in published["results"]], [self.first.pk])
        self.assertEqual(self.as_user(self.outsider).get(reverse("api:claims")).json()["count"], 0)

    def test_it_shows_a_claim_with_its_verdict(self):
        data = self.as_user(self.reporter).get(reverse("api:claim-detail", args=[self.first.pk])).json()
        self.assertEqual(data["status"], "published")
        self.assertEqual(data["verdict"]["rating"], "false")
        self.assertTrue(data["verdict"]["published"])
        self.assertEqual(data["verdict"]["approved_by"], "chief")

    def test_it_lists_the_evidence(self):
        data = self.as_user(self.editor).get(reverse("api:claim-evidence", args=[self.first.pk])).json()["results"]
        self.assertEqual({e["title"] for e in data}, {"Labour force survey", "Unused blog"})
        self.assertEqual(next(e for e in data if e["relied_on"])["sha256"], "ab" * 32)

    def test_it_hides_claims_from_outsiders_and_other_reporters(self):
        for person in (self.outsider, self.other_reporter):
            client = self.as_user(person)
            for name in ("api:claim-detail", "api:claim-evidence", "api:claim-claimreview"):
                self.assertEqual(client.get(reverse(name, args=[self.first.pk])).status_code, 404, (person, name))
            self.assertEqual(client.get(reverse("api:claim-report", args=[self.first.pk, "pdf"])).status_code, 404)

    def test_it_serves_reports_in_every_format(self):
        client = self.as_user(self.reporter)
        for fmt in ("html", "pdf", "csv", "json", "md", "claimreview"):
            response = client.get(reverse("api:article-report", args=[self.article.pk, fmt]))
            self.assertEqual(response.status_code, 200, fmt)
        report = json.loads(client.get(reverse("api:claim-report", args=[self.first.pk, "json"])).content)
        self.assertEqual(report["scope"], "claim")

    def test_it_serves_the_claimreview_of_a_published_verdict(self):
        response = self.as_user(self.reporter).get(reverse("api:claim-claimreview", args=[self.first.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/ld+json")
        self.assertEqual(response.json()["reviewRating"]["alternateName"], "False")
        unpublished = self.as_user(self.reporter).get(reverse("api:claim-claimreview", args=[self.second.pk]))
        self.assertEqual(unpublished.status_code, 404)
        self.assertIn("no published verdict", unpublished.json()["detail"])


class TransitionTests(APITestCase):
    def setUp(self):
        ensure_scale()
        self.article = make_article(self.reporter)
        self.claim = add_claim(self.article, "The new bridge cost 300 million dollars.")
        add_evidence(self.claim)

    def act(self, user, action, **data):
        self.claim.refresh_from_db()
        payload = {"action": action, "version": self.claim.version, **data}
        return self.as_user(user).post(reverse("api:claim-transition", args=[self.claim.pk]), payload, format="json")

    def test_it_walks_a_claim_to_a_published_verdict(self):
        self.assertEqual(self.act(self.editor, "triage").status_code, 200)
        self.assertEqual(self.act(self.chief, "assign", assignee="editor").json()["status"], "in_review")
        response = self.act(self.editor, "propose", rating="false", rationale="The budget shows 450 million.",
                            claimant="The mayor", appeared_url="https://news.example.org/bridge")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "proposed")
        response = self.act(self.chief, "approve")
        self.assertEqual(response.json()["status"], "published")
        self.assertTrue(response.json()["verdict"]["published"])
        self.assertEqual(list(ClaimEvent.objects.filter(claim=self.claim).values_list("action", flat=True)),
                         ["triage", "assign", "propose", "approve"])

    def test_it_forbids_reporters_and_hides_from_outsiders(self):
        self.assertEqual(self.act(self.reporter, "triage").status_code, 403)
        self.assertEqual(self.act(self.outsider, "triage").status_code, 404)
        self.assertEqual(self.act(self.other_reporter, "triage").status_code, 404)

    def test_it_keeps_the_four_eyes_rule(self):
        self.act(self.editor, "triage")
        self.act(self.chief, "assign", assignee="editor")
        self.act(self.editor, "propose", rating="false", rationale="Because.")
        response = self.act(self.editor, "approve")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Verdict.objects.filter(is_current=True).exists())

    def test_it_refuses_a_stale_version_with_409(self):
        self.act(self.editor, "triage")
        response = self.as_user(self.chief).post(reverse("api:claim-transition", args=[self.claim.pk]),
                                                 {"action": "assign", "version": 1, "assignee": "editor"},
                                                 format="json")
        self.assertEqual(response.status_code, 409)
        self.assertIn("reload", response.json()["detail"])

    def test_it_refuses_a_move_the_table_does_not_allow(self):
        response = self.act(self.chief, "approve")
        self.assertEqual(response.status_code, 409)
        self.assertIn("not possible", response.json()["detail"])

    def test_it_asks_for_the_fields_an_action_needs(self):
        self.act(self.editor, "triage")
        response = self.act(self.chief, "assign")
        self.assertEqual(response.status_code, 400)
        self.assertIn("assignee", response.json())
        response = self.act(self.chief, "assign", assignee="nobody-here")
        self.assertEqual(response.status_code, 400)
        response = self.act(self.editor, "fly")
        self.assertEqual(response.status_code, 400)
        self.assertIn("action", response.json())
