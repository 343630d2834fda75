"""One report object, read by every renderer (HTML, PDF, CSV, JSON, Markdown,
ClaimReview).

`build_report` reads the database once and returns plain dataclasses, so a
renderer never runs a query and every format says exactly the same thing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from .. import access
from ..models import Article, Claim, ClaimEvent, ClaimState, Evidence
from . import verdicts

NO_VERDICT = "No verdict"

# Audit actions that mean a person reviewed or approved a claim; they are
# listed under "reviewed by" in the report. The workflow names its actions;
# anything not listed here still appears in the timeline.
REVIEW_ACTIONS = {
    "assign": "assigned",
    "self_assign": "took the claim",
    "propose": "proposed a verdict",
    "approve": "approved",
    "return": "returned for more work",
    "correct": "corrected",
    "reopen": "reopened",
}


@dataclass(frozen=True)
class Person:
    username: str
    name: str

    def __str__(self):
        return self.name or self.username


@dataclass(frozen=True)
class EvidenceItem:
    title: str
    url: str
    archive_url: str
    fetched_at: datetime | None
    sha256: str
    stance: str
    stance_label: str
    passage: str
    provider: str


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: Person | None
    action: str
    from_state: str
    to_state: str
    reason: str
    claim_id: int | None


@dataclass(frozen=True)
class Review:
    """Someone who worked on the verdict: what they did and when."""

    person: Person | None
    role: str
    at: datetime


@dataclass(frozen=True)
class PastVerdict:
    """A published verdict later corrected."""

    rating_label: str
    rationale: str
    approved_by: Person | None
    approved_at: datetime | None


@dataclass(frozen=True)
class VerdictInfo:
    rating: str
    rating_label: str
    rating_label_ar: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None
    rationale: str
    claimant: str
    first_appeared_url: str
    first_appeared_at: date | None
    proposed_by: Person | None
    proposed_at: datetime | None
    approved_by: Person | None
    approved_at: datetime | None
    # False while the verdict is only proposed; ClaimReview and the summary
    # count published verdicts only.
    published: bool
    correction_reason: str = ""
    history: list[PastVerdict] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimEntry:
    id: int
    start: int
    end: int
    text: str
    kind: str
    state: str
    state_label: str
    checkworthy: bool
    score: float
    speaker: str
    assignee: Person | None
    verdict: VerdictInfo | None
    evidence: list[EvidenceItem]
    reviews: list[Review]
    timeline: list[TimelineEntry]

    @property
    def summary_label(self) -> str:
        return self.verdict.rating_label if self.verdict and self.verdict.published else NO_VERDICT


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    url: str
    final_url: str
    outlet: str
    author: str
    published_at: datetime | None
    language: str
    direction: str
    status: str
    origin: str
    content_sha256: str
    fetched_at: datetime | None
    submitted_by: Person | None
    submitted_at: datetime


@dataclass(frozen=True)
class Report:
    article: ArticleInfo
    claims: list[ClaimEntry]
    # (label, count) pairs, most frequent first; "No verdict" last.
    summary: list[tuple[str, int]]
    timeline: list[TimelineEntry]
    newsroom: str
    generated_at: datetime
    generated_by: Person | None
    # "article" for a whole-article report, "claim" for a single claim.
    scope: str = "article"
    extra: dict = field(default_factory=dict)

    @property
    def direction(self) -> str:
        return self.article.direction

    def as_dict(self) -> dict:
        """Plain data for JSON: dates stay datetime objects for the encoder."""
        data = dataclasses.asdict(self)
        data["summary"] = [{"label": label, "count": count} for label, count in self.summary]
        return data


def _person(user) -> Person | None:
    if user is None:
        return None
    return Person(username=user.get_username(), name=user.get_full_name())


def _timeline(events) -> list[TimelineEntry]:
    return [
        TimelineEntry(at=e.created_at, actor=_person(e.actor), action=e.action, from_state=e.from_state,
                      to_state=e.to_state, reason=e.reason, claim_id=e.claim_id)
        for e in events
    ]


def _evidence(items) -> list[EvidenceItem]:
    stance_labels = dict(Evidence._meta.get_field("stance").choices)
    return [
        EvidenceItem(
            title=e.source.title, url=e.source.final_url or e.source.url, archive_url=e.source.wayback_url,
            fetched_at=e.source.fetched_at, sha256=e.source.sha256, stance=e.stance,
            stance_label=str(stance_labels.get(e.stance, "")), passage=e.passage, provider=e.source.provider,
        )
        for e in items
        if e.relied_on and e.attached
    ]


def _verdict(claim: Claim, scale: verdicts.Scale) -> VerdictInfo | None:
    """The claim's verdict from the review workflow, when it has one."""
    verdict, history = verdicts.shown_verdicts(claim)
    if verdict is None:
        return None
    return VerdictInfo(
        rating=verdict.rating.slug, rating_label=verdict.rating.name, rating_label_ar=verdict.rating.name_ar,
        rating_value=scale.value_of(verdict.rating), best_rating=scale.best, worst_rating=scale.worst,
        rationale=verdict.rationale, claimant=verdict.claimant, first_appeared_url=verdict.appeared_url,
        first_appeared_at=verdict.appeared_on, proposed_by=_person(verdict.proposed_by),
        proposed_at=verdict.proposed_at, approved_by=_person(verdict.approved_by), approved_at=verdict.approved_at,
        published=verdicts.is_published(verdict), correction_reason=verdict.correction_reason,
        history=[
            PastVerdict(rating_label=v.rating.name, rationale=v.rationale, approved_by=_person(v.approved_by),
                        approved_at=v.approved_at)
            for v in history
        ],
    )


def _reviews(verdict: VerdictInfo | None, events: list[TimelineEntry]) -> list[Review]:
    reviews = [Review(person=e.actor, role=REVIEW_ACTIONS[e.action], at=e.at) for e in events if e.action in REVIEW_ACTIONS]
    if verdict and not reviews:
        # A verdict written outside the audited workflow (an import, say) still
        # names who proposed and approved it.
        if verdict.proposed_by and verdict.proposed_at:
            reviews.append(Review(person=verdict.proposed_by, role="proposed a verdict", at=verdict.proposed_at))
        if verdict.approved_by and verdict.approved_at:
            reviews.append(Review(person=verdict.approved_by, role="approved", at=verdict.approved_at))
    return reviews


def _summary(entries: list[ClaimEntry]) -> list[tuple[str, int]]:
    counts = Counter(entry.summary_label for entry in entries)
    no_verdict = counts.pop(NO_VERDICT, 0)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if no_verdict:
        ordered.append((NO_VERDICT, no_verdict))
    return ordered


def with_report_data(queryset):
    """A Claim queryset with everything `claim_entry` reads, fetched in bulk."""
    events = ClaimEvent.objects.select_related("actor").order_by("created_at", "pk")
    evidence = Evidence.objects.select_related("source").filter(relied_on=True, attached=True)
    queryset = queryset.select_related("assignee", "article").prefetch_related(
        Prefetch("events", queryset=events), Prefetch("evidence", queryset=evidence)
    )
    return verdicts.prefetch(queryset)


def claim_entry(claim: Claim, *, scale=None) -> ClaimEntry:
    """One claim as the report shows it (use a `with_report_data` queryset;
    pass the rating scale when building many)."""
    state_labels = dict(ClaimState.choices)
    kind_labels = dict(Claim._meta.get_field("kind").choices)
    timeline = _timeline(claim.events.all())
    verdict = _verdict(claim, scale or verdicts.rating_scale())
    return ClaimEntry(
        id=claim.pk, start=claim.start, end=claim.end, text=claim.text,
        kind=str(kind_labels.get(claim.kind, claim.kind)), state=claim.status,
        state_label=str(state_labels.get(claim.status, claim.status)), checkworthy=claim.checkworthy,
        score=claim.score, speaker=claim.speaker, assignee=_person(claim.assignee), verdict=verdict,
        evidence=_evidence(claim.evidence.all()), reviews=_reviews(verdict, timeline), timeline=timeline,
    )


def _article_info(article: Article) -> ArticleInfo:
    return ArticleInfo(
        id=article.pk, title=article.title, url=article.url, final_url=article.final_url, outlet=article.outlet,
        author=article.author, published_at=article.published_at, language=article.language,
        direction=article.direction, status=article.status, origin=article.origin,
        content_sha256=article.content_sha256, fetched_at=article.fetched_at,
        submitted_by=_person(article.submitted_by), submitted_at=article.created_at,
    )


def build_report(article: Article, *, user, claim_id: int | None = None, page: int | None = None) -> Report:
    """The verification report for `article` as `user` may see it.

    With `claim_id`, the report covers that one claim (the per-claim report).
    With `page`, it holds that page of CLAIMS_PAGE_SIZE claims (the summary
    still counts them all; the timeline keeps the article's own events and
    those of the page's claims), and `extra["page"]` says where it is.
    The article must be visible to `user` (callers look it up through
    `claims.access`); a claim outside the article raises Claim.DoesNotExist.
    """
    if not access.articles_visible_to(user).filter(pk=article.pk).exists():
        # Defence in depth: the views already 404 before this point.
        raise Article.DoesNotExist("This article is not visible to the user.")
    claims_qs = with_report_data(article.claims.all())
    if claim_id is not None:
        claims_qs = claims_qs.filter(pk=claim_id)
    scale = verdicts.rating_scale()
    entries = [claim_entry(claim, scale=scale) for claim in claims_qs]
    if claim_id is not None and not entries:
        raise Claim.DoesNotExist(f"Claim {claim_id} is not part of article {article.pk}.")
    summary = _summary(entries)
    if page is not None and claim_id is None:
        from django.core.paginator import Paginator

        paged = Paginator(entries, settings.CLAIMS_PAGE_SIZE).get_page(page)
        entries = list(paged.object_list)
        extra = {"page": {"number": paged.number, "pages": paged.paginator.num_pages,
                          "size": settings.CLAIMS_PAGE_SIZE, "total": paged.paginator.count,
                          "offset": paged.start_index() - 1 if entries else 0}}
        events = article.events.select_related("actor").filter(
            Q(claim_id__isnull=True) | Q(claim_id__in=[e.id for e in entries])
        ).order_by("created_at", "pk")
    elif claim_id is None:
        extra = {}
        events = article.events.select_related("actor").order_by("created_at", "pk")
    else:
        extra = {}
        events = article.events.select_related("actor").filter(claim_id=claim_id).order_by("created_at", "pk")
    return Report(
        article=_article_info(article), claims=entries, summary=summary, timeline=_timeline(events),
        newsroom=settings.NEWSROOM_NAME, generated_at=timezone.now(), generated_by=_person(user),
        scope="article" if claim_id is None else "claim", extra=extra,
    )


def build_claim_report(claim: Claim, *, user) -> Report:
    """The report for one claim (same object, same renderers)."""
    return build_report(claim.article, user=user, claim_id=claim.pk)
