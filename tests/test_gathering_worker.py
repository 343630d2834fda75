"""Source gathering through a real Celery worker (Redis, PostgreSQL), with fake providers on loopback.

The worker is a separate process started once per session (tests/worker.py); it
reads provider URLs from its environment, so this module picks loopback ports
and puts them in the environment when it is imported, before any worker starts.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from claims import gathering
from claims.models import Article, Claim, Evidence, GatherRun, RunStatus, Source
from tests.fakes import searxng as fake_searxng
from tests.fakes import wikipedia as fake_wikipedia
from tests.fakes.http import Route
from tests.fakes.providers import ProviderFake, free_port, serving
from tests.worker import wait_for

WIKI_PORT, SEARX_PORT = free_port(), free_port()
os.environ.setdefault("WIKIPEDIA_API_URL", f"http://127.0.0.1:{WIKI_PORT}/{{lang}}/w/api.php")
os.environ.setdefault("SEARXNG_URL", f"http://127.0.0.1:{SEARX_PORT}/")
os.environ.setdefault("WAYBACK_AVAILABLE_URL", "")
os.environ.setdefault("SOURCES_DEADLINE_SECONDS", "5")
os.environ.setdefault("GATHER_DOMAIN_INTERVAL_SECONDS", "0")

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _searx(wrap=None):
    """The SearXNG fake's answers (state) served on the port the worker was told (fixed)."""
    state = fake_searxng.SearxFake()
    state._server.server_close()  # only its answers are used
    fixed = ProviderFake(wrap(state.answer) if wrap else state.answer, port=SEARX_PORT)
    return state, fixed


def _article(n_claims=2):
    user, _ = get_user_model().objects.get_or_create(username="worker-reporter")
    texts = [f"The Harbour of Examplia handled {n} million containers in 2023" for n in range(5, 5 + n_claims)]
    body = " ".join(t + "." for t in texts)
    article = Article.objects.create(submitted_by=user, title="A", body=body, language="en", status="ready")
    for text in texts:
        start = body.index(text)
        Claim.objects.create(article=article, start=start, end=start + len(text), text=text, checkworthy=True,
                             entities=[{"text": "Examplia", "label": "place", "start": 0, "end": 8}])
    return article


def _all_finished(article):
    runs = list(GatherRun.objects.filter(article=article))
    return runs and all(r.status in (RunStatus.DONE, RunStatus.FAILED) for r in runs)


def test_it_gathers_every_claim_on_the_worker(celery_worker):
    state, searx = _searx()
    with serving(ProviderFake(fake_wikipedia.handler, port=WIKI_PORT)), serving(searx):
        article = _article()
        gathering.start_gathering(article=article, providers=["wikipedia", "searxng", "archive"])
        wait_for(lambda: _all_finished(article), timeout=60, message="gathering to finish")
    runs = GatherRun.objects.filter(article=article)
    assert {r.status for r in runs} == {RunStatus.DONE}
    assert all(p.status == RunStatus.DONE for r in runs for p in r.provider_runs.all())
    assert Evidence.objects.filter(claim__article=article).count() >= 2
    # Both claims met the same Wikipedia pages: archived once, used twice.
    assert Source.objects.filter(provider="wikipedia").count() == 2


def test_it_retries_a_rate_limited_provider_and_records_a_broken_one(celery_worker):
    state, searx = _searx()
    calls = {"n": 0}

    def limited_once(path, params):
        calls["n"] += 1
        if calls["n"] == 1:
            return Route(429, {"Content-Type": "text/plain", "Retry-After": "1"}, b"Too Many Requests")
        return fake_wikipedia.handler(path, params)

    with serving(ProviderFake(limited_once, port=WIKI_PORT)), serving(searx):
        searx.fail("html")
        article = _article(n_claims=1)
        gathering.start_gathering(article=article, providers=["wikipedia", "searxng"])
        wait_for(lambda: _all_finished(article), timeout=60, message="gathering to finish")
    run = GatherRun.objects.get(article=article)
    assert run.status == RunStatus.DONE and run.attempts == 2
    assert run.provider_runs.get(provider="wikipedia").status == RunStatus.DONE
    broken = run.provider_runs.get(provider="searxng")
    assert broken.status == RunStatus.FAILED and "text/html" in broken.reason


def _pool_children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(c) for c in text)
    return children


def test_it_finishes_without_duplicates_after_a_worker_process_is_killed(celery_worker):
    def slowly(answer_of):
        def slow_search(path, params):
            answer = answer_of(path, params)
            if answer is not None and path == "/search":
                body = answer.body

                def slow(write):
                    time.sleep(2)
                    write(body)
                return Route(answer.status, {**answer.headers, "Content-Length": str(len(body))}, slow)
            return answer
        return slow_search

    _state, fixed = _searx(slowly)
    with serving(ProviderFake(fake_wikipedia.handler, port=WIKI_PORT)), serving(fixed):
        article = _article(n_claims=1)
        gathering.start_gathering(article=article, providers=["wikipedia", "searxng"])
        wait_for(lambda: GatherRun.objects.filter(article=article, status=RunStatus.RUNNING).exists(),
                 timeout=30, message="the run to start")
        time.sleep(0.5)
        for child in _pool_children(celery_worker.pid):
            os.kill(child, signal.SIGKILL)
        wait_for(lambda: _all_finished(article), timeout=90, message="the redelivered task to finish")
    run = GatherRun.objects.get(article=article)
    assert run.status == RunStatus.DONE and run.attempts >= 2
    assert not GatherRun.objects.filter(status=RunStatus.RUNNING).exists()
    sources = list(Evidence.objects.filter(claim__article=article).values_list("source_id", flat=True))
    assert len(sources) == len(set(sources)) and sources
