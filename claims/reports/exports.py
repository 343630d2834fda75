"""Claim lists for export: the UI's filters, and CSV rows read in chunks so a
list of any length streams in constant memory."""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from ..models import ClaimKind, ClaimState
from .csv import claim_row
from .report import claim_entry, with_report_data
from .verdicts import rating_scale

CHUNK = 1000
FILTERS = ("state", "kind", "checkworthy", "article", "assignee", "q")


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: f"{value!r} is not a number."}) from None


def filter_claims(claims: QuerySet, params) -> QuerySet:
    """Narrow a claim queryset by query parameters (a QueryDict or a dict).

    state and kind may repeat; checkworthy is yes/no; article is an id;
    assignee is a username (or "none"); q searches the claim text. A value
    that makes no sense is a ValidationError, never silently ignored.
    """
    getlist = params.getlist if hasattr(params, "getlist") else (lambda k: [params[k]] if params.get(k) else [])
    states = [s for s in getlist("state") if s]
    if unknown := set(states) - set(ClaimState.values):
        raise ValidationError({"state": f"Unknown state(s): {', '.join(sorted(unknown))}."})
    if states:
        claims = claims.filter(status__in=states)
    kinds = [k for k in getlist("kind") if k]
    if unknown := set(kinds) - set(ClaimKind.values):
        raise ValidationError({"kind": f"Unknown kind(s): {', '.join(sorted(unknown))}."})
    if kinds:
        claims = claims.filter(kind__in=kinds)
    if checkworthy := params.get("checkworthy"):
        if checkworthy not in ("yes", "no", "true", "false"):
            raise ValidationError({"checkworthy": "Use yes or no."})
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
    for claim in with_report_data(claims).iterator(chunk_size=CHUNK):
        yield claim_row(claim.article, claim_entry(claim, scale=scale))
