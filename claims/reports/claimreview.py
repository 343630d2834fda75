"""schema.org ClaimReview JSON-LD for every published verdict of a report.

Follows Google's fact-check structured data rules: `claimReviewed` is a short
summary of the claim (under 75 characters, never the verdict), `reviewRating`
carries the verdict as `alternateName` plus a numeric scale whose worst value
is at least 1, `url` is the page that hosts the review (our per-claim report
page), `author` is the newsroom, and `itemReviewed` is a `Claim` with its
claimant, date and first appearance. A document that breaks a rule is never
emitted: `validate` says why.
"""

import json
import re
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from .report import ClaimEntry, Report

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_MAX = 75


def short_claim(text: str, *, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """The claim folded to one line and cut at a word boundary under `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:،؛")
    return cut + "…"


def review_url(claim_id: int) -> str:
    """The public address of the page that carries the review."""
    return settings.SITE_URL.rstrip("/") + reverse("claims:claim_report", args=[claim_id])


def _date(value) -> str | None:
    if not value:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def claim_review(report: Report, entry: ClaimEntry) -> dict | None:
    """The ClaimReview for one claim, or None unless its verdict is published."""
    verdict = entry.verdict
    if verdict is None or not verdict.published:
        return None
    rating = {"@type": "Rating", "alternateName": verdict.rating_label}
    if verdict.rating_value is not None:
        rating.update(ratingValue=verdict.rating_value, bestRating=verdict.best_rating,
                      worstRating=verdict.worst_rating)
    item = {"@type": "Claim"}
    if verdict.claimant:
        item["author"] = {"@type": "Person" if entry.speaker == verdict.claimant else "Organization",
                          "name": verdict.claimant}
    first_date = verdict.first_appeared_at or report.article.published_at
    if first_date:
        item["datePublished"] = _date(first_date)
    appearance = verdict.first_appeared_url or report.article.url
    if appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": appearance}
    doc = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": review_url(entry.id),
        "claimReviewed": short_claim(entry.text),
        "author": {"@type": "Organization", "name": settings.NEWSROOM_NAME, "url": settings.NEWSROOM_URL},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if verdict.approved_at:
        doc["datePublished"] = _date(verdict.approved_at)
    return doc


def _names_verdict(claim: str, label: str) -> bool:
    """True when the summary is headed or tailed by the verdict ("False: ...",
    "... (Misleading)"), the pattern Google asks publishers to avoid."""
    words = re.findall(r"\w+", claim.lower())
    label_words = re.findall(r"\w+", label.lower())
    n = len(label_words)
    return bool(n) and (words[:n] == label_words or words[-n:] == label_words)


def validate(doc: dict) -> list[str]:
    """Google's rules for a ClaimReview, as a list of broken ones (empty if fine)."""
    problems = []
    if doc.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    claim = doc.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        problems.append("claimReviewed is required")
    elif len(claim) > CLAIM_REVIEWED_MAX:
        problems.append(f"claimReviewed should be under {CLAIM_REVIEWED_MAX} characters")
    url = doc.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        problems.append("url must be an absolute http(s) URL of the page hosting the review")
    rating = doc.get("reviewRating")
    if not isinstance(rating, dict):
        problems.append("reviewRating is required")
        return problems
    label = rating.get("alternateName")
    if not isinstance(label, str) or not label.strip():
        problems.append("reviewRating.alternateName is required")
    elif isinstance(claim, str) and _names_verdict(claim, label):
        problems.append("claimReviewed must not contain the verdict")
    if "ratingValue" in rating:
        value, best, worst = rating.get("ratingValue"), rating.get("bestRating"), rating.get("worstRating")
        if not all(isinstance(n, int | float) for n in (value, best, worst)):
            problems.append("a numeric ratingValue needs numeric bestRating and worstRating")
        else:
            if worst < 1:
                problems.append("worstRating must be at least 1")
            if best <= worst:
                problems.append("bestRating must be greater than worstRating")
            if not worst <= value <= best:
                problems.append("ratingValue must lie between worstRating and bestRating")
    author = doc.get("author")
    if author is not None and not (isinstance(author, dict) and author.get("name")):
        problems.append("author needs a name")
    item = doc.get("itemReviewed")
    if item is not None:
        if not isinstance(item, dict) or item.get("@type") != "Claim":
            problems.append("itemReviewed must be a Claim")
        else:
            appearance = item.get("appearance")
            if appearance is not None and not (isinstance(appearance, dict) and appearance.get("url")):
                problems.append("itemReviewed.appearance needs a url")
    return problems


def claim_reviews(report: Report) -> list[dict]:
    """One valid ClaimReview per published verdict in the report."""
    docs = []
    for entry in report.claims:
        doc = claim_review(report, entry)
        if doc is not None and not validate(doc):
            docs.append(doc)
    return docs


def render_claimreview(report: Report) -> str:
    """The ClaimReviews as JSON-LD: one object for one review, else a list."""
    docs = claim_reviews(report)
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)


def script_tag_json(report: Report) -> str:
    """JSON-LD safe to place inside <script type="application/ld+json">: the
    characters that could close the script element are escaped."""
    text = json.dumps(claim_reviews(report), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
