"""Source gathering as rows: one GatherRun per claim and run, one ProviderRun per
provider asked, so the page shows progress live and a stuck job is visible.
Feeds are the RSS/Atom feeds editors add for the feeds provider.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article, Claim


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class GatherRun(models.Model):
    """Gathering sources for one claim: which providers, how far it got."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gather_runs")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="gather_runs")
    providers = models.JSONField(default=list)
    # The outlet the article cites ("according to ..."), for the cited-source provider.
    cited_outlet = models.CharField(max_length=200, blank=True)
    # The Celery task that owns the run: its own redelivered message may resume it.
    task_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True)
    reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    evidence_added = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim_id", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self):
        return f"Gathering for claim {self.claim_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def failed_providers(self) -> list:
        """The providers that failed (reads the prefetched provider_runs)."""
        return [p for p in self.provider_runs.all() if p.status == RunStatus.FAILED]


class ProviderRun(models.Model):
    """One provider asked for one claim: queued, running, done (with a count) or failed (with a reason)."""

    run = models.ForeignKey(GatherRun, on_delete=models.CASCADE, related_name="provider_runs")
    provider = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    reason = models.TextField(blank=True)
    transient = models.BooleanField(default=False)
    candidates = models.PositiveIntegerField(default=0)
    # What the provider found, kept so a run resumed after a crash need not ask it again.
    found = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_id", "provider"]
        constraints = [models.UniqueConstraint(fields=["run", "provider"], name="provider_run_once_per_run")]

    def __str__(self):
        return f"{self.provider}: {self.status}"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class Feed(models.Model):
    """An RSS or Atom feed an editor added; read by the feeds provider through the safe fetcher."""

    url = models.URLField(_("feed URL"), max_length=2000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    enabled = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self):
        return self.title or self.url
