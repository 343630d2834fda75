"""A real Celery worker over Redis, pointed at the test database.

Session-scoped: started once, after pytest-django created the test database,
for every test marked `integration` or `browser` that asks for `celery_worker`.
Tests that use it must commit their data (transactional_db / live_server).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
QUEUES = settings.CELERY_WORKER_QUEUES


def _database_url_for(name: str) -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start `celery worker` as a separate process; yield it; stop it."""
    from factcheck.celery import app

    broker = settings.CELERY_BROKER_URL
    # Messages left over from an earlier, aborted run would be run against
    # this run's database; start from an empty broker database.
    redis.Redis.from_url(broker).flushdb()
    with django_db_blocker.unblock():
        test_db = connection.settings_dict["NAME"]
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {**os.environ, "DATABASE_URL": _database_url_for(test_db), "REDIS_URL": broker,
           "PYTHONPATH": str(ROOT),
           # Retries of unreachable pages without the production backoff, so
           # the give-up path is tested in seconds.
           "INTAKE_RETRY_DELAY_SECONDS": "0",
           # Webhook backoff short enough to watch: 0.5 s, 1 s, 2 s ...
           "WEBHOOK_RETRY_DELAY_SECONDS": "0.5"}
    hostname = f"test-worker-{os.getpid()}@localhost"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.worker_main", "--pool=prefork", "--concurrency=2", "-Q", QUEUES,
         "--loglevel=INFO", "-n", hostname, "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"The Celery worker exited early:\n{log_path.read_text()[-4000:]}")
            if app.control.ping(destination=[hostname], timeout=1.0):
                break
        else:
            raise RuntimeError(f"The Celery worker did not answer within 60 s:\n{log_path.read_text()[-4000:]}")
        process.log_path = log_path
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        with django_db_blocker.unblock():
            _wait_for_other_sessions_to_end(test_db)


def _wait_for_other_sessions_to_end(database: str, timeout: float = 10.0) -> None:
    """The worker's processes may still be closing their connections; the test
    database can only be dropped once they have."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database]
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.2)


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2, message: str = "condition"):
    """Poll until `predicate()` is truthy; returns its value or fails the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout:.0f} s waiting for {message}")
