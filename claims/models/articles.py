"""The workbench's records: articles, their claims, sources, evidence, and the
append-only audit trail.

Rules about a single row live here (constraints, `clean()`); anything that
spans rows or starts a job lives in `claims/services.py`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    OTHER = "und", _("Other / unknown")


class Article(models.Model):
    class Origin(models.TextChoices):
        TEXT = "text", _("Pasted text")
        URL = "url", _("Fetched from a URL")

    class Status(models.TextChoices):
        # The intake job: queued -> fetching (URL only) -> extracting -> ready,
        # or failed with a reason at any step.
        QUEUED = "queued", _("Queued")
        FETCHING = "fetching", _("Fetching the page")
        EXTRACTING = "extracting", _("Finding claims")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    RUNNING_STATUSES = (Status.QUEUED, Status.FETCHING, Status.EXTRACTING)

    title = models.CharField(_("title"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.TEXT)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    failure_reason = models.TextField(blank=True)
    # How many claims intake found; more than were kept when the article
    # went over MAX_CLAIMS_PER_ARTICLE (the page says so).
    claims_found = models.PositiveIntegerField(default=0)
    content_sha256 = models.CharField(max_length=64, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    intake_attempts = models.PositiveSmallIntegerField(default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submitted_articles"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(origin="url") | ~models.Q(url=""),
                name="article_url_origin_has_url",
            ),
        ]

    def __str__(self):
        return self.title or self.url or f"Article {self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING_STATUSES

    @property
    def direction(self) -> str:
        return "rtl" if self.language == Language.ARABIC else "ltr"


class ClaimKind(models.TextChoices):
    STATISTIC = "statistic", _("Statistic")
    QUOTE = "quote", _("Quote")
    EVENT = "event", _("Event")
    ATTRIBUTION = "attribution", _("Attribution")
    TREATY = "treaty", _("Treaty or deal")
    CAUSAL = "causal", _("Causal")
    OPINION = "opinion", _("Opinion")
    OTHER = "other", _("Other")


class ClaimState(models.TextChoices):
    """Every state a claim can be in; which moves are allowed, and by whom,
    is the table in `claims/workflow.py`."""

    NEW = "new", _("New")
    TRIAGE = "triage", _("Triage")
    NOT_CHECKABLE = "not_checkable", _("Not checkable")
    RESEARCHING = "researching", _("Researching")
    IN_REVIEW = "in_review", _("In review")
    ON_HOLD = "on_hold", _("On hold")
    PROPOSED = "proposed", _("Verdict proposed")
    RETURNED = "returned", _("Returned for more work")
    PUBLISHED = "published", _("Approved and published")
    CORRECTED = "corrected", _("Corrected")


# --- the audit guard -----------------------------------------------------------
# The fields a person changes through the workflow. claims/workflow.py writes
# them and records a ClaimEvent in the same transaction; anywhere else a
# change would leave no trace, so the queryset and save() below refuse it.
# Machine output (score, kind, checkworthy, entities...) is not guarded: the
# text pipeline rewrites it, and a triage that changes it is recorded anyway.
AUDITED_FIELDS = ("status", "assignee_id", "due_at", "text", "start", "end")

_audited_writes = ContextVar("claim_audited_writes", default=False)


class UnauditedChange(ValueError):
    """An audited field of a claim was about to change outside the workflow."""


@contextmanager
def audited_writes():
    """Allow writes to audited fields inside the block.

    Only `claims/workflow.py` enters it, and it writes the ClaimEvent for
    every claim it changes in the same transaction.
    """
    token = _audited_writes.set(True)
    try:
        yield
    finally:
        _audited_writes.reset(token)


def _refuse_unaudited(model, names) -> None:
    if _audited_writes.get():
        return
    touched = sorted({model._meta.get_field(name).attname for name in names} & set(AUDITED_FIELDS))
    if touched:
        raise UnauditedChange(
            f"A claim's {', '.join(touched)} can only change through claims.workflow, which records it."
        )


class ClaimQuerySet(models.QuerySet):
    """Bulk writes may not skip the audit trail."""

    def update(self, **kwargs):
        _refuse_unaudited(self.model, kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse_unaudited(self.model, fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def delete(self):
        # A worked claim's events would go with it (they cascade).
        if not _audited_writes.get() and ClaimEvent.objects.filter(claim__in=self).exists():
            raise UnauditedChange("Claims with an audit trail cannot be deleted.")
        return super().delete()


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    # Offsets always point into article.body as submitted; normalisation is
    # only ever used for matching.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, default=ClaimKind.OTHER)
    checkworthy = models.BooleanField(default=False, db_index=True)
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    entities = models.JSONField(default=list, blank=True)
    quote_text = models.TextField(blank=True)
    speaker = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=ClaimState.choices, default=ClaimState.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every write bumps it, a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=1), name="claim_score_0_1"),
        ]
        indexes = [
            models.Index(fields=["status", "assignee"]),
            # One per work queue, in the queue's own order, so a page of 50 is
            # read straight off an index instead of sorting 200,000 claims.
            models.Index(models.F("score").desc(), "id", condition=models.Q(assignee__isnull=True),
                         name="claim_unassigned_by_score"),
            models.Index(fields=["assignee", "due_at", "-score", "id"], name="claim_assignee_due"),
            models.Index(fields=["status", "updated_at", "id"], name="claim_status_updated"),
            # status in the key: the overdue count is read from the index alone.
            models.Index(fields=["due_at", "status"], condition=models.Q(due_at__isnull=False), name="claim_due"),
            models.Index(models.F("updated_at").desc(), models.F("id").desc(),
                         condition=models.Q(status__in=["published", "corrected"]), name="claim_published_recent"),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if not self._state.adding and not _audited_writes.get():
            stored = getattr(self, "_audited_as_stored", {})
            saving = kwargs.get("update_fields")
            saving = AUDITED_FIELDS if saving is None else {self._meta.get_field(n).attname for n in saving}
            changed = [name for name in AUDITED_FIELDS if name in saving and name in self.__dict__
                       and (name not in stored or stored[name] != self.__dict__[name])]
            _refuse_unaudited(type(self), changed)
        super().save(*args, **kwargs)
        self._remember_audited()

    @classmethod
    def from_db(cls, db, field_names, values):
        claim = super().from_db(db, field_names, values)
        claim._remember_audited()
        return claim

    def _remember_audited(self, names=None) -> None:
        """Note the audited fields' stored values, to spot a change at save()."""
        remembered = getattr(self, "_audited_as_stored", {})
        if names is not None:
            names = {self._meta.get_field(name).attname for name in names}
        for name in AUDITED_FIELDS:
            if name in self.__dict__ and (names is None or name in names):
                remembered[name] = self.__dict__[name]
        self._audited_as_stored = remembered

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._remember_audited(fields)

    def delete(self, *args, **kwargs):
        if not _audited_writes.get() and self.events.exists():
            raise UnauditedChange("Claims with an audit trail cannot be deleted.")
        return super().delete(*args, **kwargs)

    def clean(self):
        body = self.article.body if self.article_id else ""
        if self.end > len(body):
            raise ValidationError({"end": _("The span ends after the article's text.")})
        if self.start >= self.end:
            raise ValidationError({"start": _("The span is empty.")})


class Source(models.Model):
    """A page fetched through the safe fetcher and archived."""

    url = models.URLField(max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True)
    final_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    wayback_url = models.URLField(max_length=2000, blank=True)
    provider = models.CharField(max_length=40, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title or self.url


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    REFUTES = "refutes", _("Refutes")
    CONTEXT = "context", _("Context")
    UNRELATED = "unrelated", _("Unrelated")


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    passage = models.TextField(blank=True)
    score = models.FloatField(default=0.0)
    stance = models.CharField(max_length=16, choices=Stance.choices, blank=True)
    suggested_stance = models.CharField(max_length=16, choices=Stance.choices, blank=True)
    figures = models.JSONField(default=list, blank=True)
    # Why gathering proposed it: the provider that found it and the claim's
    # words its best passage shares (shown to the editor next to the score).
    provider = models.CharField(max_length=40, blank=True)
    matched_terms = models.JSONField(default=list, blank=True)
    relied_on = models.BooleanField(default=False)
    attached = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        # A redelivered gathering task must not add the same source twice.
        constraints = [models.UniqueConstraint(fields=["claim", "source"], name="evidence_once_per_claim_source")]

    def __str__(self):
        return f"{self.source} for claim {self.claim_id}"


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk paths that would rewrite history are refused too."""

    def update(self, **kwargs):
        raise ValueError("Audit events are append-only; they cannot be changed.")

    def delete(self):
        raise ValueError("Audit events are append-only; they cannot be deleted.")


class ClaimEvent(models.Model):
    """Append-only audit row: who did what, from which state to which, and why.

    Written in the same transaction as the change it records. Rows are never
    updated or deleted through the ORM.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} by {self.actor or 'system'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only; they cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only; they cannot be deleted.")
