"""Writes that span several rows or start background jobs.

Views, the API, commands and tasks call these functions; none of them writes
an Article or a Claim by itself. Every change leaves a ClaimEvent written in
the same transaction.
"""

import dataclasses
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, limits, semantic
from .models import Article, Claim, ClaimEvent
from .text.language import detect_language
from .text.pipeline import extract

logger = logging.getLogger(__name__)


class IntakeError(Exception):
    """The article cannot be taken in; the message is shown to the reporter."""


def record_event(*, article: Article, action: str, actor=None, claim: Claim | None = None,
                 from_state: str = "", to_state: str = "", changes: dict | None = None, reason: str = "") -> ClaimEvent:
    return ClaimEvent.objects.create(
        article=article, claim=claim, actor=actor, action=action, from_state=from_state,
        to_state=to_state, changes=changes or {}, reason=reason,
    )


def _checked_body(body: str) -> str:
    if not limits.has_visible_text(body):
        raise ValidationError({"body": _("The article text is empty.")})
    if len(body) > settings.ARTICLE_MAX_CHARS:
        raise ValidationError(
            {"body": _("The article text has %(n)s characters; the limit is %(max)s.")
             % {"n": f"{len(body):,}", "max": f"{settings.ARTICLE_MAX_CHARS:,}"}}
        )
    if limits.is_repeated_character(body):
        raise ValidationError({"body": _("The article text has no words to check, only one character repeated.")})
    return body


@transaction.atomic
def submit_article_text(*, by, title: str, body: str, outlet: str = "", url: str = "", author: str = "",
                        published_at: datetime | None = None, language: str = "") -> Article:
    """Save a pasted article and queue claim extraction once it is committed."""
    access.require_submitter(by)
    # Line endings are normalised once, here, so every later offset refers to
    # the same string the reporter sees.
    body = _checked_body(body.replace("\r\n", "\n").replace("\r", "\n"))
    article = Article(
        title=title.strip(), body=body, outlet=outlet.strip(), url=url.strip(), author=author.strip(),
        published_at=published_at, language=language or detect_language(body),
        origin=Article.Origin.TEXT, status=Article.Status.QUEUED, submitted_by=by,
    )
    return _save_submission(article, by=by, changes={"origin": "text", "language": article.language})


@transaction.atomic
def submit_article_url(*, by, url: str, outlet: str = "", language: str = "") -> Article:
    """Save a URL submission; the page is fetched by a worker, never here."""
    access.require_submitter(by)
    article = Article(
        url=url.strip(), outlet=outlet.strip(), language=language, origin=Article.Origin.URL,
        status=Article.Status.QUEUED, submitted_by=by,
    )
    return _save_submission(article, by=by, changes={"origin": "url", "url": article.url})


def _save_submission(article: Article, *, by, changes: dict) -> Article:
    """Validate and save a new article, record it, and queue its intake job
    for after the commit (a URL is fetched first; text goes straight to
    claim extraction)."""
    article.full_clean()
    article.save()
    record_event(article=article, actor=by, action="submitted", to_state=article.status, changes=changes)
    _intake_task(article.origin, has_body=bool(article.body)).delay_on_commit(article.pk)
    return article


def _intake_task(origin: str, *, has_body: bool):
    """The task that (re)starts an intake job: a URL whose page is not in yet
    is fetched first; anything with text goes straight to claim extraction."""
    from .tasks import extract_claims_for_article, ingest_article

    return ingest_article if origin == Article.Origin.URL and not has_body else extract_claims_for_article


def _claim_intake(article_id: int, to_status: str) -> bool:
    """Take the intake job for this article; False when it is already finished.

    A job re-delivered after a worker died finds its article still running
    and simply runs again: claims are replaced in one transaction, so a
    second run never duplicates anything.
    """
    return bool(
        Article.objects.filter(pk=article_id, status__in=Article.RUNNING_STATUSES).update(
            status=to_status, intake_attempts=F("intake_attempts") + 1, updated_at=timezone.now()
        )
    )


def fetch_article(*, article_id: int) -> bool:
    """Fetch and parse a URL submission. Returns False when there is nothing to do.

    Raises fetch.TransientFetchError for the task to retry; any other failure
    marks the article failed with its reason.
    """
    from . import fetch, intake

    if not _claim_intake(article_id, Article.Status.FETCHING):
        return False
    article = Article.objects.get(pk=article_id)
    try:
        page = fetch.safe_get(article.url)
        parsed = intake.parse_html(page.text, url=page.final_url)
        body = _checked_body(parsed.text)
    except fetch.TransientFetchError:
        raise
    except (fetch.FetchError, intake.NoArticleFound) as exc:
        fail_intake(article_id=article_id, reason=str(exc))
        return False
    except ValidationError as exc:
        fail_intake(article_id=article_id, reason=" ".join(exc.messages))
        return False
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        article.title = article.title or parsed.title[:500]
        article.author = article.author or ", ".join(parsed.authors)[:300]
        article.published_at = article.published_at or parsed.published
        article.language = article.language or parsed.language
        article.body = body
        article.final_url = page.final_url[:2000]
        article.content_sha256 = page.sha256
        article.fetched_at = page.fetched_at
        article.status = Article.Status.EXTRACTING
        article.save()
        record_event(article=article, action="fetched", from_state=Article.Status.FETCHING,
                     to_state=article.status,
                     changes={"final_url": article.final_url, "http_status": page.status, "sha256": page.sha256})
    return True


def extract_claims(*, article_id: int) -> int:
    """Split the article into claims; returns how many were saved.

    All claims of the article are written in one transaction, so a job that
    dies half-way leaves none of its rows behind.
    """
    if not _claim_intake(article_id, Article.Status.EXTRACTING):
        return 0
    article = Article.objects.get(pk=article_id)
    try:
        result = extract(article.body, article.language or None, embed=semantic.sentence_embedder())
    except Exception as exc:  # the pipeline is meant never to raise; record it if it does
        logger.exception("claim extraction failed for article %s", article_id)
        fail_intake(article_id=article_id, reason=f"Claim extraction failed: {exc}")
        return 0
    if result.embedding_note:
        logger.warning("article %s scored without sentence embeddings: %s", article_id, result.embedding_note)
    # A run of one repeated character ("aaaa") is not a claim, whatever the model says.
    spans = [kept for span in result.claims if span.end > span.start
             and (kept := limits.without_repeated_runs(span)) is not None]
    cap = settings.MAX_CLAIMS_PER_ARTICLE
    kept = limits.keep_most_checkworthy(spans, cap)
    note = ""
    if len(kept) < len(spans):
        note = (f"The article has {len(spans):,} claims; the {cap:,} most check-worthy were kept "
                f"(MAX_CLAIMS_PER_ARTICLE).")
    claims = [
        Claim(
            article=article, start=span.start, end=span.end, text=span.text, kind=span.kind,
            checkworthy=span.checkworthy, score=min(max(span.score, 0.0), 1.0), reasons=list(span.reasons),
            entities=[dataclasses.asdict(e) for e in span.entities],
            quote_text=span.quote.text if span.quote else "", speaker=(span.quote.speaker if span.quote else "")[:300],
        )
        for span in kept
    ]
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status != Article.Status.EXTRACTING:
            return 0
        article.claims.all().delete()
        Claim.objects.bulk_create(claims)
        from_state = article.status
        article.status = Article.Status.READY
        article.language = article.language or result.language
        article.failure_reason = ""
        article.claims_found = len(spans)
        article.save()
        record_event(article=article, action="claims_extracted", from_state=from_state, to_state=article.status,
                     changes={"claims": len(claims), "checkworthy": sum(c.checkworthy for c in claims),
                              "scored_with": result.scored_with, "claims_found": len(spans)},
                     reason=note)
    return len(claims)


def fail_intake(*, article_id: int, reason: str) -> None:
    """Mark the intake job failed, keep the reason for the reporter."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status not in Article.RUNNING_STATUSES:
            return
        from_state = article.status
        article.status = Article.Status.FAILED
        article.failure_reason = reason[:2000]
        article.save(update_fields=["status", "failure_reason", "updated_at"])
        record_event(article=article, action="intake_failed", from_state=from_state, to_state=article.status,
                     reason=article.failure_reason)


def requeue_stale_intakes(*, older_than: timedelta, max_attempts: int = 5) -> int:
    """Find intake jobs that stopped moving (their worker and message lost)
    and send them again, or fail them once they have had enough attempts.

    Returns how many articles were touched. Run periodically by Celery beat.
    """
    cutoff = timezone.now() - older_than
    stale = Article.objects.filter(status__in=Article.RUNNING_STATUSES, updated_at__lt=cutoff)
    touched = 0
    for article_id, origin, has_body, attempts in stale.values_list(
        "pk", "origin", models.Q(body__gt=""), "intake_attempts"
    ):
        touched += 1
        if attempts >= max_attempts:
            fail_intake(article_id=article_id, reason=f"The intake job stalled {attempts} times; giving up.")
            continue
        # Touch the row so the next sweep does not send it again at once.
        Article.objects.filter(pk=article_id).update(updated_at=timezone.now())
        _intake_task(origin, has_body=has_body).delay_on_commit(article_id)
    return touched


@transaction.atomic
def retry_intake(*, article: Article, by) -> Article:
    """Queue a failed intake again (for example after a site was down)."""
    access.require_submitter(by)
    if article.status != Article.Status.FAILED:
        raise ValidationError(_("Only a failed article can be retried."))
    article.status = Article.Status.QUEUED
    article.failure_reason = ""
    article.save(update_fields=["status", "failure_reason", "updated_at"])
    record_event(article=article, actor=by, action="intake_retried", from_state=Article.Status.FAILED,
                 to_state=article.status)
    _intake_task(article.origin, has_body=bool(article.body)).delay_on_commit(article.pk)
    return article
