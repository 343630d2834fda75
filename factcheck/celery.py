"""The Celery app: queues and schedule in one place.

Queues: "fetch" (outbound HTTP for intake), "gather" (source gathering),
"export" (large reports), "webhooks" (outbound event POSTs), "default" (pipeline work).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "requeue-stale-intakes": {"task": "claims.tasks.requeue_stale_intakes", "schedule": 300.0},
    "retry-stale-gathering": {"task": "claims.tasks.retry_stale_gathering", "schedule": 120.0},
    "delete-expired-exports": {"task": "claims.tasks.delete_expired_exports", "schedule": 3600.0},
}
