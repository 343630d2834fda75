"""Webhooks: tell subscribers' systems (a CMS, a chat bot) that something happened.

`emit(event, payload)` writes one WebhookDelivery row per active subscriber
of `event` in the caller's transaction, and sends the delivery task after
commit: a rolled-back change announces nothing, a committed one is never
lost. The worker (`deliver`) POSTs the JSON body through `fetch.safe_post`,
so a subscriber URL pointing at this machine or the private network is
refused like any other unsafe URL.

Every request is signed. With the subscriber's secret, a receiver checks:

    X-Factcheck-Timestamp: 1767225600                (Unix seconds when sent)
    X-Factcheck-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + raw body)>

and refuses a timestamp older than a few minutes, so a captured request
cannot be replayed later; `X-Factcheck-Delivery` (the same on every retry)
lets it ignore a duplicate. `verify_signature` below is a reference receiver.

Connection failures, timeouts, 408, 429 and 5xx are retried with exponential
backoff (WEBHOOK_RETRY_DELAY_SECONDS, doubled each time, or the receiver's
Retry-After when longer) up to WEBHOOK_MAX_ATTEMPTS; anything else (4xx, an
unsafe URL) fails at once. Each attempt is recorded on the row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import fetch
from .models import WebhookDelivery, WebhookSubscriber
from .models.webhooks import WebhookEvent

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
# A receiver's answer is not used; it is read (capped) only to finish the exchange.
RESPONSE_MAX_BYTES = 64 * 1024
MAX_RETRY_DELAY_SECONDS = 3600


class TransientDeliveryError(Exception):
    """The attempt failed in a way worth retrying; `.retry_after` is the delay (seconds) to wait."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


# --- emitting ---------------------------------------------------------------------------


def emit(event: str, payload: dict, *, dedupe_key: str = "") -> list[WebhookDelivery]:
    """Queue `event` with `payload` for every active subscriber of it; returns the new rows.

    Call it inside the transaction that made the change. The rows are part of
    that transaction, and the delivery tasks are sent only once it commits.
    With `dedupe_key`, a subscriber already told about (event, key) is not
    told again. Raises ValueError for an unknown event or a payload that is
    not JSON (nothing is saved then).
    """
    if event not in WebhookEvent.values:
        raise ValueError(f"Unknown webhook event {event!r}; known: {', '.join(WebhookEvent.values)}.")
    if not isinstance(payload, dict):
        raise ValueError("A webhook payload is a JSON object (a dict).")
    try:
        # Stored as it will be sent: dates and decimals become strings now.
        payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"The webhook payload is not JSON-serialisable: {exc}") from exc
    from . import tasks

    created = []
    for subscriber in WebhookSubscriber.objects.filter(active=True):
        if not subscriber.wants(event):
            continue
        try:
            # A savepoint, so a duplicate key leaves the caller's transaction usable.
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    subscriber=subscriber, event=event, payload=payload, dedupe_key=dedupe_key[:200])
        except IntegrityError:
            if not dedupe_key:
                raise
            continue
        tasks.deliver_webhook.delay_on_commit(delivery.pk)
        created.append(delivery)
    return created


def emit_gathering_finished(*, article_id: int) -> list[WebhookDelivery]:
    """Emit "gathering.finished" if no gathering run of the article is queued or running.

    Called whenever a run ends. Two workers ending the article's last two runs
    at once may both see none left; the key (the newest run) lets only one of
    them announce it, and a later gathering of the same article (new runs)
    is announced again.
    """
    from .models import Article, GatherRun, RunStatus

    runs = GatherRun.objects.filter(article_id=article_id)
    if runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        return []
    finished = list(runs.order_by("-pk").values("pk", "status", "evidence_added", "finished_at"))
    article = Article.objects.filter(pk=article_id).values("pk", "title", "url", "language").first()
    if not finished or article is None:
        return []
    # Totals over every run the article has had: what a receiver needs to decide
    # whether to look; the details are behind the API link.
    return emit(WebhookEvent.GATHERING_FINISHED, {
        "article": {"id": article["pk"], "title": article["title"], "url": article["url"],
                    "language": article["language"], "api": f"/api/articles/{article['pk']}/"},
        "runs": {"done": sum(r["status"] == RunStatus.DONE for r in finished),
                 "failed": sum(r["status"] == RunStatus.FAILED for r in finished)},
        "evidence_added": sum(r["evidence_added"] or 0 for r in finished),
        "finished_at": max((r["finished_at"] for r in finished if r["finished_at"]), default=timezone.now()),
    }, dedupe_key=f"article:{article_id}:run:{finished[0]['pk']}")


def emit_verdict_published(verdict) -> list[WebhookDelivery]:
    """Emit "verdict.published" for a verdict just approved or corrected (same transaction)."""
    claim = verdict.claim
    return emit(WebhookEvent.VERDICT_PUBLISHED, {
        "claim": {"id": claim.pk, "article": claim.article_id, "text": claim.text,
                  "api": f"/api/claims/{claim.pk}/",
                  "claimreview": f"/api/claims/{claim.pk}/claimreview/"},
        "verdict": {"id": verdict.pk, "rating": verdict.rating.slug, "rating_label": verdict.rating.name,
                    "rationale": verdict.rationale, "claimant": verdict.claimant,
                    "approved_by": verdict.approved_by.get_username() if verdict.approved_by else None,
                    "approved_at": verdict.approved_at,
                    "correction_reason": getattr(verdict, "correction_reason", "") or ""},
    }, dedupe_key=f"verdict:{verdict.pk}")


# --- signing ----------------------------------------------------------------------------


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes POSTed for `delivery`: the same on every attempt."""
    envelope = {"id": delivery.pk, "event": delivery.event, "created_at": delivery.created_at,
                "data": delivery.payload}
    return json.dumps(envelope, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The X-Factcheck-Signature value: "sha256=" + HMAC-SHA256(secret, b"<timestamp>." + body)."""
    message = str(timestamp).encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, *, timestamp: str, signature: str,
                     tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent (replays refused)."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent_at, body), signature or "")


# --- delivering -------------------------------------------------------------------------


def retry_delay(retries_so_far: int, retry_after: float | None = None) -> float:
    """Seconds before the next attempt: the base delay doubled per retry, or the
    receiver's Retry-After when that is longer; never more than an hour."""
    delay = float(settings.WEBHOOK_RETRY_DELAY_SECONDS) * 2**retries_so_far
    if retry_after:
        delay = max(delay, retry_after)
    return min(delay, MAX_RETRY_DELAY_SECONDS)


def _claim(delivery_id: int, task_id: str) -> bool:
    """Take the row for this attempt; a redelivered message of ours may resume it."""
    mine = Q(status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING])
    if task_id:
        mine |= Q(status=WebhookDelivery.Status.SENDING, task_id=task_id)
    return bool(WebhookDelivery.objects.filter(mine, pk=delivery_id).update(
        status=WebhookDelivery.Status.SENDING, task_id=task_id, attempts=F("attempts") + 1,
        last_attempt_at=timezone.now(), next_attempt_at=None))


def deliver(*, delivery_id: int, task_id: str = "") -> WebhookDelivery | None:
    """Make one attempt to deliver; the body of the `deliver_webhook` task.

    Returns the row, or None when it is not ours to send (done, or another
    worker has it). Raises TransientDeliveryError when the attempt failed in a
    retryable way and fewer than WEBHOOK_MAX_ATTEMPTS were made; the row then
    says "retrying" and when the next attempt is due.
    """
    if not _claim(delivery_id, task_id):
        return None
    delivery = WebhookDelivery.objects.select_related("subscriber").get(pk=delivery_id)
    subscriber = delivery.subscriber
    started = time.monotonic()
    status_code, error, transient, retry_after = None, "", False, None
    if not subscriber.active:
        error = "The subscriber was deactivated before the delivery was sent."
    else:
        body = body_of(delivery)
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(subscriber.secret, timestamp, body),
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.pk),
        }
        try:
            answer = fetch.safe_post(subscriber.url, data=body, headers=headers, max_bytes=RESPONSE_MAX_BYTES,
                                     deadline=settings.WEBHOOK_TIMEOUT_SECONDS)
            status_code = answer.status
        except fetch.TransientFetchError as exc:
            status_code, error, transient, retry_after = getattr(exc, "status", None), str(exc), True, exc.retry_after
        except fetch.FetchTooLarge:
            # The receiver took the event and answered at length; the answer is not ours to read.
            status_code = None
        except fetch.FetchError as exc:
            status_code, error = getattr(exc, "status", None), str(exc)
    now = timezone.now()
    attempt = {"at": now.isoformat(), "status": status_code, "error": error[:1000],
               "ms": round((time.monotonic() - started) * 1000)}
    fields = {"history": [*delivery.history, attempt], "response_status": status_code, "error": error[:5000]}
    # The row counts attempts, not the task: a redelivered message cannot add more.
    will_retry = transient and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS
    delay = retry_delay(delivery.attempts - 1, retry_after)
    if not error:
        fields.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=now)
    elif will_retry:
        fields.update(status=WebhookDelivery.Status.RETRYING, next_attempt_at=now + timedelta(seconds=delay))
    else:
        if transient:
            fields["error"] = f"{error} (gave up after {delivery.attempts} attempts)"[:5000]
        fields.update(status=WebhookDelivery.Status.FAILED)
    WebhookDelivery.objects.filter(pk=delivery_id).update(**fields)
    delivery.refresh_from_db()
    if will_retry:
        raise TransientDeliveryError(error, retry_after=delay)
    if delivery.status == WebhookDelivery.Status.FAILED:
        logger.warning("webhook delivery %s to %s failed: %s", delivery.pk, subscriber.url, delivery.error)
    return delivery
