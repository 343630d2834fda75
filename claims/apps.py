from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Fact-check workbench"

    def ready(self):
        # Webhook admin pages (issue 6) live in their own module, beside admin.py.
        from . import webhooks_admin  # noqa: F401
