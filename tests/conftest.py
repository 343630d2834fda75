"""Suite-wide set-up: service checks, personas, and a real Celery worker.

`make test` points DATABASE_URL at PostgreSQL and REDIS_URL at Redis. When a
service cannot be reached the suite says so plainly; with CI=true that is a
failure, otherwise the tests that need it are skipped with the reason.
"""

import os
import socket
from urllib.parse import urlsplit

import pytest

from tests.personas import make_personas

IN_CI = os.environ.get("CI", "").lower() == "true"


def _reachable(url: str, default_port: int) -> str | None:
    """None if a TCP connection to the URL's host succeeds, else the reason."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or default_port
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as exc:
        return f"{parts.scheme} at {host}:{port} is not reachable ({exc})"


def _service_problems() -> list[str]:
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        problem = _reachable(database_url, 5432)
        if problem:
            problems.append(problem)
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        problems.append("REDIS_URL is not set: the integration tests need Redis (make test sets it)")
    elif problem := _reachable(redis_url, 6379):
        problems.append(problem)
    if not database_url.startswith("postgres"):
        problems.append("DATABASE_URL does not point at PostgreSQL: the integration tests need it (make test sets it)")
    return problems


SERVICE_PROBLEMS = _service_problems()


def pytest_configure(config):
    config.service_problems = SERVICE_PROBLEMS
    from django.conf import settings

    # Personas are created for every test class; the production hasher's
    # deliberate slowness would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(trylast=True)  # after -m has deselected what this run leaves out
def pytest_collection_modifyitems(config, items):
    needs_services = [item for item in items if item.get_closest_marker("integration") or item.get_closest_marker("browser")]
    if not needs_services or not SERVICE_PROBLEMS:
        return
    message = "; ".join(SERVICE_PROBLEMS)
    if IN_CI:
        pytest.exit(f"CI=true and a service the tests need is missing: {message}", returncode=3)
    skip = pytest.mark.skip(reason=f"services missing: {message}")
    for item in needs_services:
        item.add_marker(skip)


def pytest_report_header(config):
    db = os.environ.get("DATABASE_URL", "sqlite (default)")
    return [f"database: {db}", f"broker: {os.environ.get('REDIS_URL') or 'filesystem (default)'}",
            *(f"service problem: {p}" for p in SERVICE_PROBLEMS)]


@pytest.fixture
def personas(db):
    return make_personas()


@pytest.fixture
def personas_committed(transactional_db):
    return make_personas()


pytest_plugins = ["tests.worker", "tests.fakes.http", "tests.browser"]
