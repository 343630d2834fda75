"""Thin Celery tasks: they take ids, call a service, and are safe to re-run.

Sent after commit (`delay_on_commit`), acknowledged late, so a worker killed
mid-task leaves the message to be redelivered; the services make a second
run harmless.
"""

from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import services
from .fetch import TransientFetchError

INTAKE_MAX_RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=INTAKE_MAX_RETRIES, soft_time_limit=120, time_limit=150)
def ingest_article(self, article_id: int) -> None:
    """Fetch a URL submission, then find its claims."""
    try:
        fetched = services.fetch_article(article_id=article_id)
    except SoftTimeLimitExceeded:
        services.fail_intake(article_id=article_id, reason="Fetching the page took too long.")
        return
    except TransientFetchError as exc:
        if self.request.retries >= self.max_retries:
            services.fail_intake(article_id=article_id, reason=f"{exc} (gave up after {self.max_retries} retries)")
            return
        countdown = exc.retry_after or settings.INTAKE_RETRY_DELAY_SECONDS * 2**self.request.retries
        raise self.retry(exc=exc, countdown=min(countdown, 300)) from exc
    except Exception:
        # A bug must not leave the article "fetching" forever: record it, then
        # let Celery log the traceback.
        services.fail_intake(article_id=article_id, reason="Unexpected error while taking in the page.")
        raise
    if fetched:
        services.extract_claims(article_id=article_id)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def extract_claims_for_article(article_id: int) -> None:
    try:
        services.extract_claims(article_id=article_id)
    except SoftTimeLimitExceeded:
        services.fail_intake(article_id=article_id, reason="Finding claims took too long.")


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120)
def add_source_by_hand(claim_id: int, user_id: int, url: str, passage: str = "", stance: str = "") -> None:
    """Fetch and attach a source an editor gave by URL (queue "fetch")."""
    from . import review

    review.add_source_in_background(claim_id=claim_id, user_id=user_id, url=url, passage=passage, stance=stance)


@shared_task(ignore_result=True)
def requeue_stale_intakes() -> None:
    """Periodic (see factcheck/celery.py): restart intake jobs that stalled."""
    services.requeue_stale_intakes(older_than=timedelta(minutes=settings.INTAKE_STALE_MINUTES))


# --- Exports (issue 6): thin tasks over claims/reports/exports.py, queue "export" ---

@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1860)
def export_claims_csv(job_id: int) -> None:
    """Write one export job's CSV file."""
    from .reports import exports

    try:
        exports.run_export(job_id=job_id)
    except SoftTimeLimitExceeded:
        exports.fail_export(job_id=job_id, reason="The export took longer than its time limit.")


@shared_task(ignore_result=True)
def delete_expired_exports() -> None:
    """Periodic (see factcheck/celery.py): remove export files past their expiry."""
    from .reports import exports

    exports.delete_expired_exports()
# --- end of exports (issue 6) ---


# --- Webhooks (issue 6): a thin task over claims/webhooks.py, queue "webhooks" ---

@shared_task(bind=True, acks_late=True, max_retries=None, soft_time_limit=60, time_limit=90)
def deliver_webhook(self, delivery_id: int) -> None:
    """POST one webhook delivery; transient failures retry with backoff.

    max_retries is None because the row, not the message, counts the attempts
    (WEBHOOK_MAX_ATTEMPTS): webhooks.deliver stops raising once they are spent.
    """
    from . import webhooks

    try:
        webhooks.deliver(delivery_id=delivery_id, task_id=self.request.id or "")
    except webhooks.TransientDeliveryError as exc:
        raise self.retry(exc=exc, countdown=exc.retry_after) from exc
# --- end of webhooks (issue 6) ---


# --- Source gathering (issue 4): thin tasks over claims/gathering.py ---------------------------

@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def gather_for_article(article_id: int) -> None:
    """Fan out one gather_for_claim task per queued run of the article (queue "gather")."""
    from celery import group

    from . import gathering

    run_ids = gathering.queued_run_ids(article_id=article_id)
    if run_ids:
        group(gather_for_claim.s(run_id) for run_id in run_ids).apply_async()


@shared_task(bind=True, acks_late=True, max_retries=3, soft_time_limit=240, time_limit=300)
def gather_for_claim(self, run_id: int) -> None:
    """Ask the providers for one claim's run; transient failures retry with backoff."""
    from . import gathering

    try:
        gathering.gather_for_claim(run_id=run_id, task_id=self.request.id,
                                   allow_retry=self.request.retries < self.max_retries)
    except gathering.TransientGatherError as exc:
        countdown = exc.retry_after or 2 ** (self.request.retries + 2)
        raise self.retry(exc=exc, countdown=min(countdown, 300)) from exc
    except SoftTimeLimitExceeded:
        gathering.fail_run(run_id=run_id, reason="Gathering took longer than its time limit.")


@shared_task(ignore_result=True)
def retry_stale_gathering() -> None:
    """Periodic (see factcheck/celery.py): requeue gathering runs whose worker vanished."""
    from . import gathering

    gathering.retry_stale_runs(older_than=timedelta(minutes=settings.GATHER_STALE_MINUTES))
