"""The admin: the rating scale is configured here; everything else is shown
read-only, because claims, evidence and verdicts change only through
`claims/workflow.py`, which keeps the audit trail."""

from django.contrib import admin

from .models import Article, Claim, ClaimEvent, Comment, Evidence, Notification, RatingLabel, Source, Verdict


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
