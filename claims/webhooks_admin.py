"""The admin pages of webhooks: subscribers are managed here; deliveries are read-only records.

Registered from ClaimsConfig.ready() (claims/apps.py) so claims/admin.py stays
the review work's module.
"""

from django import forms
from django.contrib import admin

from .models import WebhookDelivery, WebhookSubscriber
from .models.webhooks import WebhookEvent


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
