"""The admin: the rating scale is configured here; everything else is shown
read-only, because claims, evidence and verdicts change only through
`claims/workflow.py`, which keeps the audit trail."""

from django import forms
from django.contrib import admin

from .models import (
    Article,
    Claim,
    ClaimEvent,
    Comment,
    Evidence,
    Notification,
    RatingLabel,
    Source,
    Verdict,
    WebhookDelivery,
    WebhookSubscriber,
)
from .models.webhooks import WebhookEvent


@admin.register(RatingLabel)
class RatingLabelAdmin(admin.ModelAdmin):
    list_display = ("name", "name_ar", "slug", "value", "position", "is_active")
    list_editable = ("value", "position", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("position", "pk")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to staff, changed only by the workbench's own services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "outlet", "language", "status", "submitted_by", "created_at")
    list_filter = ("status", "language", "origin")
    search_fields = ("title", "url", "outlet")
    list_select_related = ("submitted_by",)


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "article", "kind", "status", "assignee", "due_at", "score")
    list_filter = ("status", "kind", "checkworthy")
    search_fields = ("text",)
    list_select_related = ("article", "assignee")
    raw_id_fields = ("article",)


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "provider", "http_status", "fetched_at")
    search_fields = ("url", "title")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("claim", "source", "stance", "relied_on", "attached", "score")
    list_filter = ("stance", "relied_on", "attached")
    list_select_related = ("claim", "source")


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "action", "actor", "claim", "from_state", "to_state")
    list_filter = ("action",)
    list_select_related = ("actor", "claim")
    date_hierarchy = "created_at"


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    list_display = ("claim", "rating", "status", "is_current", "proposed_by", "approved_by", "approved_at")
    list_filter = ("status", "is_current", "rating")
    list_select_related = ("claim", "rating", "proposed_by", "approved_by")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("claim", "author", "created_at")
    list_select_related = ("claim", "author")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "kind", "claim", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    list_select_related = ("recipient", "claim")


# --- webhooks: subscribers are managed here; deliveries are read-only records ---
class WebhookSubscriberForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple,
                                       required=False)

    class Meta:
        model = WebhookSubscriber
        fields = ["name", "url", "secret", "events", "active"]


@admin.register(WebhookSubscriber)
class WebhookSubscriberAdmin(admin.ModelAdmin):
    form = WebhookSubscriberForm
    list_display = ("name", "url", "active", "event_list", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url")

    @admin.display(description="events")
    def event_list(self, obj):
        return ", ".join(obj.events or [])


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Every delivery and its attempts; written only by claims/webhooks.py."""

    list_display = ("pk", "event", "subscriber", "status", "attempts", "response_status", "created_at",
                    "delivered_at")
    list_filter = ("status", "event", "subscriber")
    list_select_related = ("subscriber",)
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
