"""ClaimReview JSON-LD: Google's fact-check rules, and parsed as JSON-LD."""

import json
from pathlib import Path

from pyld import jsonld

from claims.reports import build_report
from claims.reports.claimreview import claim_reviews, render_claimreview, short_claim, validate
from claims.reports.html import render_html
from tests.personas import PersonaTestCase
from tests.report_data import add_claim, make_article, publish, worked_article

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((Path(__file__).parent / "data" / "schemaorg-context.jsonld").read_text())


def local_loader(url, options=None):
    """Serve schema.org's context from the test data; refuse the network."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def google_rule_problems(doc: dict) -> list[str]:
    """Google's ClaimReview rules, written out again independently of the
    application's validator: required properties and the numeric scale."""
    problems = []
    for key in ("claimReviewed", "reviewRating", "url"):
        if not doc.get(key):
            problems.append(f"missing {key}")
    rating = doc.get("reviewRating", {})
    if not rating.get("alternateName"):
        problems.append("missing reviewRating.alternateName")
    if "ratingValue" in rating:
        if rating.get("worstRating", 0) < 1:
            problems.append("worstRating below 1")
        if not rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]:
            problems.append("ratingValue outside the scale")
    if len(doc.get("claimReviewed", "")) >= 75:
        problems.append("claimReviewed too long")
    item = doc.get("itemReviewed", {})
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    for key in ("author", "datePublished", "appearance"):
        if key not in item:
            problems.append(f"missing itemReviewed.{key}")
    if not doc.get("author", {}).get("name"):
        problems.append("missing author.name")
    if not doc.get("datePublished"):
        problems.append("missing datePublished")
    return problems


class ClaimReviewTests(PersonaTestCase):
    def setUp(self):
        self.article, self.first, self.second, self.third = worked_article(self)
        self.report = build_report(self.article, user=self.editor)

    def test_it_emits_one_review_per_published_verdict(self):
        docs = claim_reviews(self.report)
        self.assertEqual(len(docs), 1)
        self.assertTrue(docs[0]["url"].endswith(f"/claims/{self.first.pk}/report/"))

    def test_it_follows_googles_rules(self):
        doc = claim_reviews(self.report)[0]
        self.assertEqual(google_rule_problems(doc), [])
        self.assertEqual(validate(doc), [])
        rating = doc["reviewRating"]
        self.assertEqual((rating["alternateName"], rating["ratingValue"], rating["worstRating"], rating["bestRating"]),
                         ("False", 1, 1, 5))
        self.assertEqual(doc["itemReviewed"]["author"]["name"], "The minister")
        self.assertEqual(doc["itemReviewed"]["datePublished"], "2024-05-01")
        self.assertEqual(doc["itemReviewed"]["appearance"]["url"], "https://news.example.org/budget")
        self.assertEqual(doc["author"]["name"], "Newsroom Fact Check")

    def test_it_parses_as_json_ld_with_schema_org_terms(self):
        doc = json.loads(render_claimreview(self.report))
        expanded = jsonld.expand(doc, {"documentLoader": local_loader})
        node = expanded[0]
        self.assertEqual(node["@type"], [SCHEMA + "ClaimReview"])
        self.assertEqual(node[SCHEMA + "url"][0]["@id"], doc["url"])
        rating = node[SCHEMA + "reviewRating"][0]
        self.assertEqual(rating[SCHEMA + "alternateName"][0]["@value"], "False")
        claim = node[SCHEMA + "itemReviewed"][0]
        self.assertEqual(claim["@type"], [SCHEMA + "Claim"])
        self.assertIn(SCHEMA + "appearance", claim)

    def test_it_is_embedded_in_the_report_page(self):
        html = render_html(self.report)
        start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        embedded = json.loads(html[start:html.index("</script>", start)])
        self.assertEqual(embedded, claim_reviews(self.report))

    def test_it_cannot_be_broken_out_of_the_script_element(self):
        article = make_article(self.reporter, body="He said </script><script>alert(1)</script> was fine.")
        claim = add_claim(article, "He said </script><script>alert(1)</script> was fine.")
        publish(claim, people=self, claimant="</script><b>x</b>")
        html = render_html(build_report(article, user=self.editor))
        self.assertNotIn("<script>alert(1)", html)
        self.assertEqual(html.count("</script>"), 1)

    def test_it_keeps_the_claim_short_and_without_the_verdict(self):
        long_text = "The minister said that unemployment fell to four point one percent last year across every region"
        self.assertLess(len(short_claim(long_text)), 75)
        self.assertTrue(short_claim(long_text).endswith("…"))
        doc = claim_reviews(self.report)[0]
        bad = {**doc, "claimReviewed": "False: " + doc["claimReviewed"][:40]}
        self.assertIn("claimReviewed must not contain the verdict", validate(bad))

    def test_it_refuses_a_scale_that_starts_below_one(self):
        doc = claim_reviews(self.report)[0]
        bad = {**doc, "reviewRating": {**doc["reviewRating"], "worstRating": 0, "ratingValue": 0}}
        self.assertIn("worstRating must be at least 1", validate(bad))

    def test_it_publishes_an_off_scale_verdict_by_name_only(self):
        article = make_article(self.reporter)
        claim = add_claim(article, "Exports doubled since 2019.")
        publish(claim, people=self, rating="unverifiable")
        doc = claim_reviews(build_report(article, user=self.editor))[0]
        self.assertEqual(doc["reviewRating"], {"@type": "Rating", "alternateName": "Unverifiable"})
        self.assertEqual(validate(doc), [])
