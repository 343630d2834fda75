"""The bridge between reports and the review workflow's verdicts.

The review workflow (claims/models/review.py, claims/workflow.py) owns Verdict
and RatingLabel; reports only read them, here, so the report object and its
renderers never know how verdicts are stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Min, Prefetch

from ..models import RatingLabel, Verdict


@dataclass(frozen=True)
class Scale:
    """The numeric rating scale's ends, from the active labels (ClaimReview's
    bestRating and worstRating)."""

    best: int | None
    worst: int | None

    def value_of(self, label: RatingLabel) -> int | None:
        """The label's place on the numeric scale, or None for a label off the
        scale (such as "unverifiable", value 0: Google's worstRating is at
        least 1, so such a verdict is published by its name alone)."""
        if self.worst is None or label.value < self.worst or self.best == self.worst:
            return None
        return label.value


def rating_scale() -> Scale:
    ends = RatingLabel.objects.filter(is_active=True, value__gte=1).aggregate(best=Max("value"), worst=Min("value"))
    return Scale(best=ends["best"], worst=ends["worst"])


def prefetch(queryset):
    """Add every verdict of each claim, oldest first, to a Claim queryset."""
    verdicts = Verdict.objects.select_related("rating", "proposed_by", "approved_by").order_by("proposed_at", "pk")
    return queryset.prefetch_related(Prefetch("verdicts", queryset=verdicts, to_attr="report_verdicts"))


def shown_verdicts(claim) -> tuple[Verdict | None, list[Verdict]]:
    """The verdict a report shows (the one in force, else a pending proposal)
    and the earlier published verdicts it replaced, newest first."""
    verdicts = getattr(claim, "report_verdicts", None)
    if verdicts is None:
        verdicts = list(prefetch(type(claim).objects.filter(pk=claim.pk))[0].report_verdicts)
    current = next((v for v in verdicts if v.is_current), None)
    pending = next((v for v in reversed(verdicts) if v.status == Verdict.Status.PROPOSED), None)
    history = [v for v in reversed(verdicts) if v.status == Verdict.Status.SUPERSEDED]
    return current or pending, history


def is_published(verdict: Verdict) -> bool:
    return verdict.is_current and verdict.status == Verdict.Status.PUBLISHED
