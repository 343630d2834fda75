"""API representations. Input is validated by the same Django forms as the
web pages, so the API accepts exactly what the UI accepts."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework import serializers

from . import workflow
from .models import Article, Claim, Evidence, RatingLabel
from .reports import verdicts


class ArticleSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    # Plain strings: a pasted article has no URL, and "" is not a valid "uri" in the schema.
    url = serializers.CharField(read_only=True)
    final_url = serializers.CharField(read_only=True)
    claims = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "final_url", "outlet", "author", "published_at", "language", "origin",
                  "status", "failure_reason", "claims_found", "content_sha256", "fetched_at", "submitted_by", "created_at",
                  "updated_at", "claims", "report"]
        read_only_fields = fields

    def get_claims(self, article) -> int:
        return getattr(article, "n_claims", None) or article.claims.count()

    def get_report(self, article) -> str:
        return reverse("api:article-report", args=[article.pk, "json"])


class ArticleSubmitSerializer(serializers.Serializer):
    """Either `body` (pasted text, with a title) or `url` (fetched by a worker)."""

    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    body = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=300)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.ChoiceField(required=False, allow_blank=True, choices=["", "ar", "en"])

    def validate(self, data):
        from .forms import ArticleTextForm, ArticleURLForm

        # With a body the article is pasted text (`url` is then only where it
        # came from); with a URL alone the worker fetches the page.
        if data.get("body"):
            mode, form = "text", ArticleTextForm(data={k: v for k, v in data.items() if v is not None})
        elif data.get("url"):
            mode, form = "url", ArticleURLForm(data={k: data[k] for k in ("url", "outlet", "language") if k in data})
        else:
            raise serializers.ValidationError("Send either `body` (with a `title`) or `url`.")
        if not form.is_valid():
            raise serializers.ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
        return {"mode": mode, "fields": form.cleaned_data}


class VerdictSerializer(serializers.Serializer):
    rating = serializers.CharField()
    rating_label = serializers.CharField()
    rationale = serializers.CharField()
    claimant = serializers.CharField()
    appeared_url = serializers.CharField()
    appeared_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    published = serializers.BooleanField()
    proposed_by = serializers.CharField()
    approved_by = serializers.CharField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


def _verdict_data(claim) -> dict | None:
    verdict, _history = verdicts.shown_verdicts(claim)
    if verdict is None:
        return None
    return {
        "rating": verdict.rating.slug, "rating_label": verdict.rating.name, "rationale": verdict.rationale,
        "claimant": verdict.claimant, "appeared_url": verdict.appeared_url, "appeared_on": verdict.appeared_on,
        "status": verdict.status, "published": verdicts.is_published(verdict),
        "proposed_by": verdict.proposed_by.get_username(),
        "approved_by": verdict.approved_by.get_username() if verdict.approved_by else None,
        "approved_at": verdict.approved_at,
    }


class ClaimSerializer(serializers.ModelSerializer):
    assignee = serializers.CharField(source="assignee.username", read_only=True, default=None, allow_null=True)
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "article", "start", "end", "text", "kind", "checkworthy", "score", "reasons", "speaker",
                  "quote_text", "status", "assignee", "due_at", "version", "verdict", "created_at", "updated_at"]
        read_only_fields = fields

    def get_verdict(self, claim) -> VerdictSerializer(allow_null=True):  # type: ignore[valid-type]
        data = _verdict_data(claim)
        return VerdictSerializer(data).data if data else None


class EvidenceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="source.title", read_only=True)
    url = serializers.SerializerMethodField()
    archive_url = serializers.CharField(source="source.wayback_url", read_only=True)
    fetched_at = serializers.DateTimeField(source="source.fetched_at", read_only=True)
    sha256 = serializers.CharField(source="source.sha256", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "title", "url", "archive_url", "fetched_at", "sha256", "passage", "score", "stance",
                  "suggested_stance", "relied_on", "attached", "created_at"]
        read_only_fields = fields

    def get_url(self, evidence) -> str:
        return evidence.source.final_url or evidence.source.url


TRANSITION_ACTIONS = list(workflow.STATE_ACTIONS)


class TransitionSerializer(serializers.Serializer):
    """One workflow action; which fields it needs is the workflow table's say."""

    action = serializers.ChoiceField(choices=TRANSITION_ACTIONS)
    version = serializers.IntegerField(min_value=1, help_text="The claim's version you last read.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    assignee = serializers.CharField(required=False, max_length=150, help_text="Username, for assign.")
    due_at = serializers.DateTimeField(required=False, allow_null=True)
    checkworthy = serializers.BooleanField(required=False, allow_null=True)
    rating = serializers.SlugField(required=False, help_text="Rating label code, for propose and correct.")
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=300)
    appeared_url = serializers.URLField(required=False, allow_blank=True, max_length=2000)
    appeared_on = serializers.DateField(required=False, allow_null=True)

    def validate_assignee(self, value):
        try:
            return get_user_model().objects.get(username=value, is_active=True)
        except get_user_model().DoesNotExist:
            raise serializers.ValidationError(f"No active user {value!r}.") from None

    def validate_rating(self, value):
        try:
            return RatingLabel.objects.get(slug=value)
        except RatingLabel.DoesNotExist:
            raise serializers.ValidationError(f"No rating label {value!r}.") from None
