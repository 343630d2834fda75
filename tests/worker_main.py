"""Entry point of the Celery worker that integration tests start.

It is the production worker with one test-only change: the safe fetcher may
reach the loopback fake servers the tests run. Nothing in settings or the
environment can do that; only this file, which lives in tests/.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from claims import fetch  # noqa: E402
from factcheck.celery import app  # noqa: E402

if __name__ == "__main__":
    fetch.allow_loopback_for_tests()
    app.worker_main(["worker", *sys.argv[1:]])
