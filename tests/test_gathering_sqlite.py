"""The embedded default (SQLite + filesystem broker, as `make run` starts it) under full concurrency.

Two `celery worker` processes with two pool processes each share one SQLite
file: an Arabic article goes through intake, then every claim is gathered
from four providers at once. Nothing may fail with "database is locked"; WAL,
the busy timeout and IMMEDIATE transactions (factcheck/settings.py) and the
short write transactions in claims/gathering.py are what make that hold.

The processes get their own database and broker folder in a temporary
directory, so the test needs no PostgreSQL or Redis; it is marked
`integration` because it starts real workers and takes about half a minute.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakes import wikipedia as fake_wikipedia
from tests.fakes.providers import ProviderFake, free_port, serving

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration

# Written for this test: a port's figures, each sentence a check-worthy claim.
ARTICLE = (
    "قال وزير النقل إن ميناء إكسامبليا تعامل مع 1.2 مليون حاوية عام 2023. "
    "وأضاف أن الميناء افتتح عام 2019 بتكلفة 900 مليون دولار. "
    "وذكر التقرير أن عدد العاملين في الميناء بلغ 4500 عامل في نهاية العام. "
    "وأعلنت الحكومة أن صادرات إكسامبليا ارتفعت بنسبة 12 في المئة خلال عام 2023. "
    "وقال مدير الميناء إن السفن الراسية زادت إلى 3100 سفينة في العام الماضي. "
    "وأكدت الوزارة أن الميناء سيستقبل 2 مليون حاوية بحلول عام 2026. "
    "وبحسب البنك المركزي فإن عائدات الميناء بلغت 340 مليون دولار عام 2023. "
    "وأشار الوزير إلى أن الحكومة خصصت 150 مليون دولار لتوسعة الرصيف الشرقي. "
)


def _env(tmp: Path, wiki_port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "BROKER_DIR": str(tmp / "broker"),
        "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "WIKIPEDIA_API_URL": f"http://127.0.0.1:{wiki_port}/{{lang}}/w/api.php",
        "SOURCES_ENABLED": "archive,verdicts,wikipedia,feeds", "WAYBACK_AVAILABLE_URL": "",
        "GATHER_DOMAIN_INTERVAL_SECONDS": "0", "SEMANTIC_ENABLED": "0",
    })
    return env


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _query(db: Path, sql: str):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def _wait(predicate, *, timeout: float, message: str, logs: list[Path]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    tail = "\n".join(log.read_text()[-3000:] for log in logs)
    pytest.fail(f"Timed out waiting for {message}\n{tail}")


def test_it_gathers_a_whole_article_with_two_workers_on_sqlite_without_a_lock_error(tmp_path):
    wiki_port = free_port()
    env = _env(tmp_path, wiki_port)
    db = tmp_path / "db.sqlite3"
    _manage(env, "migrate", "--noinput")
    assert _query(db, "PRAGMA journal_mode")[0][0] == "wal"
    logs, workers = [], []
    try:
        for n in (1, 2):
            log = tmp_path / f"worker{n}.log"
            logs.append(log)
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "tests.worker_main", "--pool=prefork", "--concurrency=2",
                 "-Q", "default,fetch,gather,export,webhooks", "--loglevel=INFO", "-n", f"sqlite{n}@localhost",
                 "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
        with serving(ProviderFake(fake_wikipedia.handler, port=wiki_port)):
            _manage(env, "shell", "-c", (
                "from django.contrib.auth import get_user_model; from claims import services; "
                "u = get_user_model().objects.create_user('sqlite-reporter', is_superuser=True); "
                f"services.submit_article_text(by=u, title='ميناء', body={ARTICLE!r}, language='ar')"))
            _wait(lambda: _query(db, "SELECT status FROM claims_article") == [("ready",)], timeout=120,
                  message="intake to finish", logs=logs)
            n_claims = _query(db, "SELECT count(*) FROM claims_claim WHERE checkworthy")[0][0]
            assert n_claims >= 6
            _manage(env, "shell", "-c", (
                "from claims import gathering; from claims.models import Article; "
                "gathering.start_gathering(article=Article.objects.get())"))
            _wait(lambda: _query(db, "SELECT count(*) FROM claims_gatherrun WHERE status IN ('queued', 'running')")
                  == [(0,)], timeout=180, message="gathering to finish", logs=logs)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
    runs = _query(db, "SELECT status, attempts FROM claims_gatherrun")
    assert len(runs) == n_claims and {status for status, _ in runs} == {"done"}
    assert all(attempts == 1 for _, attempts in runs)  # nothing was retried
    providers = _query(db, "SELECT provider, status, reason FROM claims_providerrun")
    assert len(providers) == 4 * n_claims and {status for _, status, _ in providers} == {"done"}, providers
    assert _query(db, "SELECT count(*) FROM claims_evidence")[0][0] >= n_claims
    text = "".join(log.read_text() for log in logs)
    assert "database is locked" not in text
    assert "Traceback" not in text
