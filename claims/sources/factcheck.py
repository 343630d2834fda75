"""Google Fact Check Tools `claims:search`: earlier fact-checks of the same claim.

Needs an API key (GOOGLE_FACTCHECK_API_KEY, from the environment). Each review
becomes a candidate whose `extra` carries the verdict, publisher and claimant.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .base import Candidate, ClaimQuery, ProviderError, get_json, setting

NAME = "factcheck"


def search(query: ClaimQuery) -> list[Candidate]:
    """Fact-checks whose claim matches the query, newest reviews as the API orders them."""
    key = setting("GOOGLE_FACTCHECK_API_KEY", "")
    if not key:
        raise ProviderError("No Google Fact Check Tools API key is configured (GOOGLE_FACTCHECK_API_KEY).")
    params = {"query": query.short, "pageSize": 10}
    if query.language in ("ar", "en"):
        params["languageCode"] = query.language
    url = f"{setting('GOOGLE_FACTCHECK_URL')}?{urlencode(params)}"
    # The key goes in a header so it never appears in a logged URL.
    data = get_json(url, headers={"X-Goog-Api-Key": key})
    if not isinstance(data, dict):
        raise ProviderError("Fact Check Tools answered with an unexpected JSON shape.")
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        raise ProviderError(f"Fact Check Tools error {error.get('status', '')}: {error.get('message', '')}")
    candidates = []
    for claim in data.get("claims") or []:
        for review in claim.get("claimReview") or []:
            if not review.get("url"):
                continue
            candidates.append(Candidate(
                url=review["url"], title=review.get("title") or claim.get("text", "")[:200],
                snippet=claim.get("text", ""), provider=NAME, language=review.get("languageCode", ""),
                rank=len(candidates),
                extra={"kind": "factcheck", "rating": review.get("textualRating", ""),
                       "publisher": (review.get("publisher") or {}).get("name", ""),
                       "claimant": claim.get("claimant", ""), "claim": claim.get("text", ""),
                       "review_date": review.get("reviewDate", "")},
            ))
    return candidates
