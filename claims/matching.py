""""Checked before?": match a claim against earlier fact-checks (plain Python, no Django).

The collection is whatever fact-checks the newsroom can see: an imported
ClaimReview feed (schema.org DataFeed JSON-LD, or the Google Fact Check Tools
`claims:search` format), and the workbench's own published verdicts. Each is a
`CheckedClaim`; `ClaimMatcher(collection).search(text, k)` returns the best
`Match`es.

Scoring is BM25 over the claim text together with the review's title and
subtitle (on the CheckThat! 2022 dev split this beat the claim alone, fusing
the two, word bigrams and expanding fact-checks with training tweets; see
bench/claim_matching.py). Queries are
cleaned first: links, picture links, @handles and the "— Name (@handle) date"
trailer of a pasted tweet say nothing about the claim. Arabic and English go
through the same tokenizer (claims/evidence.py); matching across the two
languages needs a translation or a multilingual model, which this module does
not have.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .evidence import BM25, tokenize


@dataclass
class CheckedClaim:
    """One earlier fact-check: the claim reviewed, its verdict and where it was published."""

    id: str
    claim: str
    title: str = ""
    subtitle: str = ""
    rating: str = ""
    url: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Match:
    """A fact-check found for a query, with its BM25 score (higher is better)."""

    checked: CheckedClaim
    score: float


_URL = re.compile(r"https?://\S+|\bpic\.twitter\.com/\S+|\bwww\.\S+", re.IGNORECASE)
_TRAILER = re.compile(r"\s[—–-]\s*[^—–\n]{0,80}\(@\w+\)\s*[A-Z][a-z]+ \d{1,2}, \d{4}\s*$")
_HANDLE = re.compile(r"@(\w+)")


def clean_query(text: str) -> str:
    """Remove links and a tweet's signature line; keep @handles' names as words."""
    text = _TRAILER.sub(" ", text)
    text = _URL.sub(" ", text)
    # "@JoeBiden" still names someone: split the handle into words.
    text = _HANDLE.sub(lambda m: " " + re.sub(r"(?<=[a-z])(?=[A-Z])", " ", m.group(1)) + " ", text)
    return re.sub(r"\s+", " ", text).strip()


# Tuned on the dev split (not dev-test): short documents, so less length normalisation.
K1, B = 0.8, 0.5


class ClaimMatcher:
    """Search a collection of `CheckedClaim`s for the ones a query restates."""

    def __init__(self, collection: list[CheckedClaim]):
        self.collection = list(collection)
        self._index = BM25(
            [tokenize(" ".join((c.claim, c.title, c.subtitle))) for c in self.collection], k1=K1, b=B
        )

    def search(self, query: str, k: int = 5) -> list[Match]:
        """The `k` fact-checks most likely to be about the claim in `query`, best first."""
        tokens = tokenize(clean_query(query))
        if not tokens or not self.collection:
            return []
        return [Match(self.collection[index], score) for index, score in self._index.top(tokens, k)]


# --- loading collections -----------------------------------------------------------


class FeedFormatError(ValueError):
    """The file is not a ClaimReview feed in a format we read."""


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _claim_from_review(review: dict, *, fallback_id: str) -> CheckedClaim | None:
    claim_text = (review.get("claimReviewed") or "").strip()
    if not claim_text:
        return None
    rating = review.get("reviewRating") or {}
    author = review.get("author") or {}
    item = review.get("itemReviewed") or {}
    return CheckedClaim(
        id=review.get("url") or fallback_id,
        claim=claim_text,
        title=(review.get("name") or review.get("headline") or "").strip(),
        rating=str(rating.get("alternateName") or rating.get("ratingValue") or ""),
        url=review.get("url") or "",
        publisher=author.get("name", "") if isinstance(author, dict) else "",
        date=review.get("datePublished") or "",
        language=(review.get("inLanguage") or "") if isinstance(review.get("inLanguage"), str) else "",
        extra={"claimant": ((item.get("author") or {}).get("name", "")) if isinstance(item, dict) else ""},
    )


def parse_claimreview_feed(data: dict | list | str | bytes) -> list[CheckedClaim]:
    """Read fact-checks from a ClaimReview feed: a schema.org DataFeed, a list of
    ClaimReview objects, or a Fact Check Tools `claims:search` response.

    Raises FeedFormatError when the data is none of these; items without a claim
    text are skipped.
    """
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise FeedFormatError(f"The feed is not valid JSON ({exc}).") from exc
    found: list[CheckedClaim] = []
    if isinstance(data, dict) and "dataFeedElement" in data:
        for n, element in enumerate(data.get("dataFeedElement") or []):
            for m, review in enumerate(element.get("item") or []):
                if isinstance(review, dict) and review.get("@type") == "ClaimReview":
                    checked = _claim_from_review(review, fallback_id=f"feed-{n}-{m}")
                    if checked:
                        found.append(checked)
        return found
    if isinstance(data, dict) and ("claims" in data or data == {} or "nextPageToken" in data):
        return parse_factcheck_api(data)
    if isinstance(data, list):
        for n, review in enumerate(data):
            if isinstance(review, dict) and review.get("@type") == "ClaimReview":
                checked = _claim_from_review(review, fallback_id=f"item-{n}")
                if checked:
                    found.append(checked)
        return found
    if isinstance(data, dict) and data.get("@type") == "ClaimReview":
        checked = _claim_from_review(data, fallback_id="item-0")
        return [checked] if checked else []
    raise FeedFormatError("This is not a ClaimReview feed (no dataFeedElement, claims or ClaimReview items).")


def parse_factcheck_api(data: dict) -> list[CheckedClaim]:
    """Fact-checks from a Google Fact Check Tools `claims:search` response (one per review)."""
    found = []
    for n, claim in enumerate(data.get("claims") or []):
        text = (claim.get("text") or "").strip()
        if not text:
            continue
        for m, review in enumerate(claim.get("claimReview") or [{}]):
            found.append(CheckedClaim(
                id=review.get("url") or f"api-{n}-{m}",
                claim=text,
                title=review.get("title", ""),
                rating=review.get("textualRating", ""),
                url=review.get("url", ""),
                publisher=(review.get("publisher") or {}).get("name", ""),
                date=review.get("reviewDate") or claim.get("claimDate") or "",
                language=review.get("languageCode", ""),
                extra={"claimant": claim.get("claimant", "")},
            ))
    return found


def load_vclaims_jsonl(path) -> list[CheckedClaim]:
    """Read a CheckThat! `vclaims.jsonl` collection (vclaim_id, vclaim, title, subtitle, author, date)."""
    collection = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            collection.append(CheckedClaim(
                id=row["vclaim_id"], claim=row.get("vclaim", ""), title=row.get("title", ""),
                subtitle=row.get("subtitle", ""), publisher=row.get("author", ""), date=row.get("date", ""),
            ))
    return collection
