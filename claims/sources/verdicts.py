""""Checked before?" against the workbench's own published verdicts (no network).

Every claim with a verdict in force (published, not superseded) is a fact-check
this newsroom already made. The collection is read from the database on each
search (it is small and changes as editors publish) and matched with
`claims.matching.ClaimMatcher` with its semantic stage over the whole
collection, so an Arabic claim finds an English check of the same claim and the
other way round. Passage vectors are kept in this process between searches, so
each verdict is embedded once.

Without the embedding model (package missing) matching falls back to shared
words, which still works within one language; the reason is logged.
"""

from __future__ import annotations

import logging
import threading

from claims import semantic
from claims.matching import SAME_CLAIM_COSINE, CheckedClaim, ClaimMatcher
from claims.text.tokens import tokenize

from .base import Candidate, ClaimQuery, setting

NAME = "verdicts"
# Asked in the task's own thread, where its database connection and transaction are.
USES_DATABASE = True
MAX_RESULTS = 5
# A verdict is proposed when it repeats this share of the claim's distinct words,
# or when its claim's cosine with the query reaches SEMANTIC_MIN (see
# claims/matching.py for how thin that margin is; the similarity is shown).
MIN_COVERAGE = 0.4
SEMANTIC_MIN = SAME_CLAIM_COSINE

logger = logging.getLogger(__name__)
_vectors: dict = {}
_vectors_lock = threading.Lock()
# Beyond this many vectors the process cache is dropped (it only saves time).
_MAX_CACHED = 50_000


def published_checks(*, exclude_claim_id: int | None = None) -> list[CheckedClaim]:
    """The verdicts in force, as fact-checks (the claim judged, its rating and rationale)."""
    from django.conf import settings

    from claims.models import Verdict
    from claims.reports.claimreview import review_url

    rows = (Verdict.objects.filter(is_current=True, status=Verdict.Status.PUBLISHED)
            .select_related("claim__article", "rating").order_by("-approved_at", "-pk"))
    if exclude_claim_id:
        rows = rows.exclude(claim_id=exclude_claim_id)
    checks = []
    # The latest verdicts only: each is embedded once per worker process, and the
    # first search must fit in a gathering task's time limit.
    for verdict in rows[:setting("VERDICTS_MATCH_MAX", 1000)]:
        claim = verdict.claim
        checks.append(CheckedClaim(
            id=str(verdict.pk), claim=claim.text, rating=verdict.rating.name,
            # One address per verdict, so a correction is archived as a new source.
            url=f"{review_url(claim.pk)}?verdict={verdict.pk}",
            publisher=getattr(settings, "NEWSROOM_NAME", ""),
            date=(verdict.approved_at or verdict.proposed_at).date().isoformat(),
            language=claim.article.language or "",
            extra={"claim_id": claim.pk, "rationale": verdict.rationale, "claimant": verdict.claimant,
                   "rating_ar": verdict.rating.name_ar},
        ))
    return checks


def _matcher(checks: list[CheckedClaim]) -> ClaimMatcher:
    if not semantic.available():
        logger.warning("verdicts provider: embedding model unavailable, matching on shared words only")
        return ClaimMatcher(checks)
    with _vectors_lock:
        if len(_vectors) > _MAX_CACHED:
            _vectors.clear()
    return ClaimMatcher(checks, semantic=True, vectors=_vectors, dense_all=True)


def search(query: ClaimQuery) -> list[Candidate]:
    """Claims this newsroom already judged that restate the claim, in either language."""
    checks = published_checks(exclude_claim_id=query.claim_id)
    if not checks:
        return []
    claim_terms = set(tokenize(query.text))
    candidates = []
    # No date prior (`on`): the newsroom's own verdicts cluster in the weeks around
    # its articles, so being close in time says little about being the same claim.
    for match in _matcher(checks).search(query.text, k=MAX_RESULTS):
        checked = match.checked
        shared = claim_terms & set(tokenize(checked.claim))
        coverage = len(shared) / len(claim_terms) if claim_terms else 0.0
        if coverage < MIN_COVERAGE and match.semantic < SEMANTIC_MIN:
            continue
        candidates.append(Candidate(
            url=checked.url, title=f"{checked.rating}: {checked.claim[:200]}", snippet=checked.claim,
            provider=NAME, language=checked.language, rank=len(candidates),
            # The archived text: what was judged, the rating and why.
            text=f"{checked.claim}\n\n{checked.rating}\n\n{checked.extra['rationale']}",
            extra={"kind": "factcheck", "rating": checked.rating, "publisher": checked.publisher,
                   "claim": checked.claim, "review_date": checked.date, "coverage": round(coverage, 3),
                   "similarity": round(match.semantic, 3), "verdict_id": int(checked.id),
                   "claim_id": checked.extra["claim_id"]},
        ))
    return candidates
