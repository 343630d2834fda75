""""Checked before?" against an imported ClaimReview feed (no network).

CLAIMREVIEW_FEED_PATH names a JSON file the newsroom downloaded: a schema.org
DataFeed of ClaimReview items (the Data Commons / Fact Check Markup Tool feed),
a list of ClaimReview objects, or a saved Fact Check Tools `claims:search`
response. It is read once per process (again when the file changes) and
searched with `claims.matching.ClaimMatcher` and its semantic stage (lexical
candidates re-ranked with multilingual embeddings, and a prior for fact-checks
published close to the article). A feed small enough to embed whole makes every
fact-check a candidate, so a claim in Arabic also finds a check written in
English. A fact-check is proposed when it repeats enough of the claim's words
or means nearly the same.
"""

from __future__ import annotations

import os
import threading

from claims import semantic
from claims.matching import SAME_CLAIM_COSINE, ClaimMatcher, FeedFormatError, parse_claimreview_feed
from claims.text.tokens import tokenize

from .base import Candidate, ClaimQuery, ProviderError, setting

NAME = "claimreview"
MAX_RESULTS = 5
# Share of the claim's distinct words a fact-check must repeat to be proposed.
MIN_COVERAGE = 0.4
# Feeds up to this size are embedded whole on first use (about a minute on two
# busy cores, within a gathering task's time limit); larger ones only re-rank the
# fact-checks sharing words with the claim.
DENSE_ALL_MAX = 500

_lock = threading.Lock()
_cache: dict[str, tuple[float, ClaimMatcher]] = {}


def _matcher(path: str) -> ClaimMatcher:
    try:
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        raise ProviderError(f"The ClaimReview feed file cannot be read ({exc.strerror}).") from exc
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            with open(path, "rb") as handle:
                checks = parse_claimreview_feed(handle.read())
        except FeedFormatError as exc:
            raise ProviderError(str(exc)) from exc
        # Vectors survive a reload of the file: unchanged fact-checks are not embedded again.
        vectors = cached[1].vectors if cached else {}
        matcher = ClaimMatcher(checks, semantic=semantic.available(), vectors=vectors,
                               dense_all=len(checks) <= DENSE_ALL_MAX)
        _cache[path] = (mtime, matcher)
        return matcher


def search(query: ClaimQuery) -> list[Candidate]:
    """Earlier fact-checks in the imported feed that restate the claim."""
    path = setting("CLAIMREVIEW_FEED_PATH", "")
    if not path:
        raise ProviderError("No ClaimReview feed is configured (CLAIMREVIEW_FEED_PATH).")
    claim_terms = set(tokenize(query.text))
    candidates = []
    for match in _matcher(path).search(query.text, k=MAX_RESULTS, on=query.published):
        checked = match.checked
        coverage = len(claim_terms & set(tokenize(checked.claim))) / len(claim_terms) if claim_terms else 0.0
        if (coverage < MIN_COVERAGE and match.semantic < SAME_CLAIM_COSINE) or not checked.url:
            continue
        candidates.append(Candidate(
            url=checked.url, title=checked.title or checked.claim[:200], snippet=checked.claim, provider=NAME,
            language=checked.language, rank=len(candidates),
            extra={"kind": "factcheck", "rating": checked.rating, "publisher": checked.publisher,
                   "claim": checked.claim, "review_date": checked.date, "coverage": round(coverage, 3),
                   "similarity": round(match.semantic, 3)},
        ))
    return candidates
