"""Webhooks: who is told about what (WebhookSubscriber), and every delivery (WebhookDelivery).

Subscribers are registered in the admin. `claims/webhooks.py` writes one
delivery row per subscriber and event in the transaction that caused it; a
worker sends it and records each attempt on the row.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    GATHERING_FINISHED = "gathering.finished", _("Gathering finished for an article")
    VERDICT_PUBLISHED = "verdict.published", _("A verdict was published (approved or corrected)")


def new_secret() -> str:
    """A fresh signing secret (256 bits, URL-safe), the default for a new subscriber."""
    return secrets.token_urlsafe(32)


class WebhookSubscriber(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField(max_length=2000, help_text=_("Receives a POST of JSON for each event."))
    secret = models.CharField(
        max_length=200, default=new_secret,
        help_text=_("Shared with the receiver, which checks the X-Factcheck-Signature header with it."))
    # A list of WebhookEvent values. JSON rather than a PostgreSQL array so the
    # SQLite default works too; there are few subscribers, filtered in Python.
    events = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if not isinstance(self.events, list) or not all(isinstance(e, str) for e in self.events):
            raise ValidationError({"events": _("A list of event names.")})
        unknown = sorted(set(self.events) - set(WebhookEvent.values))
        if unknown:
            raise ValidationError({"events": _("Unknown events: %(names)s.") % {"names": ", ".join(unknown)}})
        if len(self.secret) < 16:
            raise ValidationError({"secret": _("Use at least 16 characters.")})

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Failed; will retry")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscriber = models.ForeignKey(WebhookSubscriber, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    # Set when one occurrence must be told once only (two workers may both
    # notice that an article's gathering finished).
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    # One entry per attempt: {"at", "status" (HTTP or null), "error", "ms"}.
    history = models.JSONField(default=list, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event", "dedupe_key"], condition=~models.Q(dedupe_key=""),
                                    name="webhook_delivery_once_per_key"),
        ]

    def __str__(self):
        return f"{self.event} to {self.subscriber_id} ({self.status})"
