"""The reviewer's records: the rating scale, verdicts, comments and notifications.

A verdict is never edited once proposed: a returned proposal stays as it was,
an approval stamps it, and a correction adds a new verdict that supersedes the
old one, so the published history stays readable. Every write to these rows
goes through `claims/workflow.py`, which records it in the claim's audit trail.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .articles import Claim


class RatingLabel(models.Model):
    """One step of the rating scale, edited in the admin.

    `value` is ClaimReview's `reviewRating.ratingValue`; the scale's best and
    worst ratings are the highest and lowest values among the active labels.
    """

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_ar = models.CharField(_("name in Arabic"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    value = models.SmallIntegerField(_("ClaimReview rating value"))
    position = models.PositiveSmallIntegerField(_("position on the scale"), default=0)
    is_active = models.BooleanField(_("offered to editors"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("rating label")

    def __str__(self):
        # The Arabic UI shows the scale's Arabic names where it has them.
        if self.name_ar and get_language() == "ar":
            return self.name_ar
        return self.name


class Verdict(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(RatingLabel, on_delete=models.PROTECT, related_name="verdicts")
    rationale = models.TextField(_("rationale"))
    claimant = models.CharField(_("claimant"), max_length=300, blank=True, help_text=_("Who made the claim."))
    appeared_url = models.URLField(_("first appeared at"), max_length=2000, blank=True)
    appeared_on = models.DateField(_("first appeared on"), null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    # The verdict in force: published and not superseded. One per claim at most.
    is_current = models.BooleanField(default=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    # Set on a verdict published as a correction of the one it supersedes.
    correction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(rationale=""), name="verdict_rationale_required"),
            models.UniqueConstraint(
                fields=["claim"], condition=models.Q(is_current=True), name="verdict_one_current_per_claim"
            ),
            models.UniqueConstraint(
                fields=["claim"], condition=models.Q(status="proposed"), name="verdict_one_proposal_per_claim"
            ),
        ]
        indexes = [models.Index(fields=["is_current", "-approved_at"], name="verdict_current_approved")]

    def __str__(self):
        return f"{self.rating} ({self.get_status_display()})"


MENTION_RE = re.compile(r"(?<![\w@.])@([\w.+-]{1,150})", re.UNICODE)


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="comment_not_empty")]

    def __str__(self):
        return self.body[:80]

    @staticmethod
    def mentioned_usernames(body: str) -> list[str]:
        """@names in `body`, in order, without duplicates (a trailing dot ends a sentence)."""
        seen = []
        for name in MENTION_RE.findall(body):
            name = name.rstrip(".")
            if name and name not in seen:
                seen.append(name)
        return seen


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to you")
        REVIEW_REQUESTED = "review_requested", _("Review requested")
        RETURNED = "returned", _("Returned for more work")
        APPROVED = "approved", _("Verdict approved")
        CORRECTED = "corrected", _("Verdict corrected")
        MENTIONED = "mentioned", _("Mentioned in a comment")
        SOURCE_FAILED = "source_failed", _("A source could not be added")

    # These are also sent by e-mail; a mention stays in the app.
    EMAIL_KINDS = (Kind.ASSIGNED, Kind.REVIEW_REQUESTED, Kind.RETURNED, Kind.APPROVED, Kind.CORRECTED)

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message[:80]
