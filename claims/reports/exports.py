"""Claim lists for export: the UI's filters, and CSV rows read in chunks so a
list of any length streams in constant memory."""

import gc
import logging
import tempfile
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from .. import access
from ..models import ClaimKind, ClaimState, ExportJob
from .csv import claim_row, csv_lines
from .report import claim_entry, with_report_data
from .verdicts import rating_scale

logger = logging.getLogger(__name__)
CHUNK = 1000
FILTERS = ("state", "kind", "checkworthy", "article", "assignee", "q")


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: gettext("%(value)s is not a number.") % {"value": repr(value)}}) from None


def filter_claims(claims: QuerySet, params) -> QuerySet:
    """Narrow a claim queryset by query parameters (a QueryDict or a dict).

    state and kind may repeat; checkworthy is yes/no; article is an id;
    assignee is a username (or "none"); q searches the claim text. A value
    that makes no sense is a ValidationError, never silently ignored.
    """
    if hasattr(params, "getlist"):
        getlist = params.getlist
    else:  # a plain dict, as stored on an export job: a value may be a list
        def getlist(key):
            value = params.get(key)
            return list(value) if isinstance(value, list | tuple) else ([value] if value else [])
    states = [s for s in getlist("state") if s]
    if unknown := set(states) - set(ClaimState.values):
        raise ValidationError({"state": gettext("Unknown state(s): %(names)s.") % {"names": ", ".join(sorted(unknown))}})
    if states:
        claims = claims.filter(status__in=states)
    kinds = [k for k in getlist("kind") if k]
    if unknown := set(kinds) - set(ClaimKind.values):
        raise ValidationError({"kind": gettext("Unknown kind(s): %(names)s.") % {"names": ", ".join(sorted(unknown))}})
    if kinds:
        claims = claims.filter(kind__in=kinds)
    if checkworthy := params.get("checkworthy"):
        if checkworthy not in ("yes", "no", "true", "false"):
            raise ValidationError({"checkworthy": gettext("Use yes or no.")})
        claims = claims.filter(checkworthy=checkworthy in ("yes", "true"))
    if article := params.get("article"):
        claims = claims.filter(article_id=_int("article", article))
    if assignee := params.get("assignee"):
        claims = claims.filter(assignee__isnull=True) if assignee == "none" else claims.filter(
            assignee__username=assignee)
    if q := (params.get("q") or "").strip():
        claims = claims.filter(text__icontains=q[:200])
    return claims.order_by("article_id", "start", "pk")


def list_rows(claims: QuerySet) -> Iterator[list]:
    """CSV rows for the claims, fetched CHUNK at a time."""
    scale = rating_scale()
    for n, claim in enumerate(with_report_data(claims).iterator(chunk_size=CHUNK), 1):
        yield claim_row(claim.article, claim_entry(claim, scale=scale))
        if n % CHUNK == 0:
            # A claim and its prefetched events point at each other, so a
            # finished chunk is freed only by the cycle collector; run it now
            # rather than let chunks pile up until it runs by itself.
            gc.collect()


# --- export jobs: long lists written by a worker into a file ----------------


def _visible_filtered(job):
    return filter_claims(access.claims_visible_to(job.requested_by), job.filters)


@transaction.atomic
def request_export(*, by, filters: dict) -> ExportJob:
    """Record an export job for the claims `by` may see, filtered as given,
    and queue it once committed. Bad filters are refused before any row is
    written."""
    from ..tasks import export_claims_csv

    access.require_submitter(by)
    filters = {k: v for k, v in filters.items() if k in FILTERS}
    filter_claims(access.claims_visible_to(by), filters)  # raises on a filter that makes no sense
    job = ExportJob.objects.create(requested_by=by, filters=filters)
    export_claims_csv.delay_on_commit(job.pk)
    return job


def run_export(*, job_id: int) -> bool:
    """Write the job's CSV. Returns False when another worker has it or it is
    finished (a redelivered task does nothing).

    Rows are written to a temporary file as they are read, CHUNK claims at a
    time, so memory stays flat for any number of claims; progress is saved
    every chunk so the page can show it.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return False
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        claims = _visible_filtered(job)
        ExportJob.objects.filter(pk=job_id).update(rows_total=claims.count())
        with tempfile.TemporaryFile(mode="w+b") as handle:
            written = 0
            for n, line in enumerate(csv_lines(list_rows(claims))):
                handle.write(line.encode("utf-8"))
                written = n  # the first line is the header
                if written and written % CHUNK == 0:
                    ExportJob.objects.filter(pk=job_id).update(rows_written=written)
            handle.seek(0)
            name = f"claims-{job.pk}-{timezone.now():%Y%m%d-%H%M%S}.csv"
            job.file.save(name, File(handle), save=False)
        job.status = ExportJob.Status.DONE
        job.rows_written = written
        job.finished_at = timezone.now()
        job.expires_at = job.finished_at + timedelta(hours=settings.EXPORT_TTL_HOURS)
        job.save(update_fields=["status", "rows_written", "file", "finished_at", "expires_at"])
    except Exception as exc:
        logger.exception("export %s failed", job_id)
        fail_export(job_id=job_id, reason=f"The export failed: {exc}")
        return False
    return True


def fail_export(*, job_id: int, reason: str) -> None:
    ExportJob.objects.filter(pk=job_id, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]).update(
        status=ExportJob.Status.FAILED, error=reason[:2000], finished_at=timezone.now())


def delete_expired_exports(*, now=None) -> int:
    """Delete the files of finished exports past their expiry; returns how many."""
    now = now or timezone.now()
    expired = ExportJob.objects.filter(status=ExportJob.Status.DONE, expires_at__lte=now)
    count = 0
    for job in expired:
        if job.file:
            job.file.delete(save=False)
        job.status = ExportJob.Status.EXPIRED
        job.save(update_fields=["status", "file"])
        count += 1
    return count
