"""Gathering throughput: 100 claims x 4 providers answering in 200 ms, through a real Celery worker.

Fake SearXNG, Fact Check Tools, GDELT and Wikipedia servers run on loopback with
a fixed latency per request; a real worker (tests/worker_main.py, the production
worker plus loopback access) runs the gathering tasks against a scratch
PostgreSQL database; Redis is the broker. The figure is the wall time from
"Gather sources" to the last run finished, against the ideal for the worker's
concurrency: claims x (the longest chain of sequential requests one claim makes
to one provider) x latency / concurrency, i.e. providers asked in parallel and
every worker slot busy all the time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench REDIS_URL=redis://127.0.0.1:6379/14 \
        python bench/gathering.py [--claims 100] [--latency 0.2] [--concurrency 2]
"""

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.http import Route  # noqa: E402
from tests.fakes.providers import ProviderFake, free_port  # noqa: E402


def delayed(handler, seconds):
    """The same answers, each sent `seconds` after the request arrived."""

    def answer(path, params):
        route = handler(path, params)
        if route is None or callable(route.body):
            return route
        body = route.body

        def slow(write):
            time.sleep(seconds)
            write(body)
        return Route(route.status, {**route.headers, "Content-Length": str(len(body))}, slow)
    return answer


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="gathering throughput")
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.2)
    # The worker concurrency `make run` configures (this machine has 2 cores).
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the bench runs a real worker.")

    ports = {name: free_port() for name in ("wiki", "searx", "factcheck", "gdelt", "pages")}
    os.environ.update({
        "WIKIPEDIA_API_URL": f"http://127.0.0.1:{ports['wiki']}/{{lang}}/w/api.php",
        "SEARXNG_URL": f"http://127.0.0.1:{ports['searx']}/",
        "GOOGLE_FACTCHECK_URL": f"http://127.0.0.1:{ports['factcheck']}/v1alpha1/claims:search",
        "GDELT_URL": f"http://127.0.0.1:{ports['gdelt']}/api/v2/doc/doc",
        "GDELT_MIN_INTERVAL_SECONDS": "0", "WAYBACK_AVAILABLE_URL": "", "GATHER_DOMAIN_INTERVAL_SECONDS": "0",
        "SOURCES_DEADLINE_SECONDS": "10",
    })
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection

    from claims import fetch, gathering
    from claims.models import Article, Claim, GatherRun, RunStatus
    from tests.fakes import factcheck as fake_factcheck
    from tests.fakes import gdelt as fake_gdelt
    from tests.fakes import searxng as fake_searxng
    from tests.fakes import wikipedia as fake_wikipedia

    os.environ["GOOGLE_FACTCHECK_API_KEY"] = fake_factcheck.KEY
    settings.GOOGLE_FACTCHECK_API_KEY = fake_factcheck.KEY
    fetch.allow_loopback_for_tests()

    pages = ProviderFake(lambda path, params: Route(200, {"Content-Type": "text/html; charset=utf-8"}, (
        "<html><body><article><p>" + "The Harbour of Examplia handled 1.2 million containers in 2023. " * 5
        + "</p></article></body></html>").encode()), port=ports["pages"])
    searx_state = fake_searxng.SearxFake()
    searx_state._server.server_close()
    searx_state.results = [{**fake_searxng.RESULTS[0], "url": f"http://127.0.0.1:{ports['pages']}/harbour"}]
    factcheck_state = fake_factcheck.FactCheckFake()
    factcheck_state._server.server_close()

    class FactCheck(ProviderFake):
        def _find(self, raw_path):
            factcheck_state.requests = self.requests
            route = factcheck_state._find(raw_path)
            return delayed(lambda p, q: route, args.latency)("", {}) if route else None

    gdelt_state = fake_gdelt.GdeltFake()
    gdelt_state._server.server_close()
    fakes = {
        "wikipedia": ProviderFake(delayed(fake_wikipedia.handler, args.latency), port=ports["wiki"]),
        "searxng": ProviderFake(delayed(searx_state.answer, args.latency), port=ports["searx"]),
        "factcheck": FactCheck(lambda p, q: None, port=ports["factcheck"]),
        "gdelt": ProviderFake(delayed(gdelt_state.answer, args.latency), port=ports["gdelt"]),
    }

    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    db = settings.DATABASES["default"]
    env = {**os.environ, "DATABASE_URL": f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
           f"{db.get('PORT') or 5432}/{test_db}", "PYTHONPATH": str(ROOT)}
    log = open(ROOT / "var" / "bench-gathering-worker.log", "w") if (ROOT / "var").is_dir() else subprocess.DEVNULL
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.worker_main", "--pool=prefork", f"--concurrency={args.concurrency}",
         "-Q", "gather", "--loglevel=WARNING", "-n", f"bench-{os.getpid()}@localhost", "--without-gossip",
         "--without-mingle"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for fake in (*fakes.values(), pages):
            fake.start()
        from factcheck.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"bench-{os.getpid()}@localhost"], timeout=1.0):
            if time.monotonic() > deadline or worker.poll() is not None:
                sys.exit("The worker did not start.")
        user = get_user_model().objects.create(username="bench")
        texts = [f"Claim {n}: the Harbour of Examplia handled {n} million containers in 2023" for n in range(args.claims)]
        body = "\n".join(texts)
        article = Article.objects.create(submitted_by=user, title="bench", body=body, language="en", status="ready")
        at = 0
        for text in texts:
            start = body.index(text, at)
            at = start + len(text)
            Claim.objects.create(article=article, start=start, end=at, text=text, checkworthy=True,
                                 entities=[{"text": "Examplia harbour", "label": "place", "start": 0, "end": 1}])
        started = time.monotonic()
        gathering.start_gathering(article=article, providers=list(fakes))
        while GatherRun.objects.filter(article=article, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
            time.sleep(0.1)
        wall = time.monotonic() - started
        statuses = Counter(GatherRun.objects.filter(article=article).values_list("status", flat=True))
        chain = max(len(fake.requests) / args.claims for fake in fakes.values())
        ideal = args.claims * chain * args.latency / args.concurrency
        per_provider = {name: round(len(fake.requests) / args.claims, 2) for name, fake in fakes.items()}
        print(f"claims {args.claims}, providers {len(fakes)}, latency {args.latency * 1000:.0f} ms, "
              f"worker concurrency {args.concurrency}; runs {dict(statuses)}")
        print(f"requests per claim per provider {per_provider}; longest chain {chain:.2f} requests")
        print(f"ideal {ideal:.2f} s, wall {wall:.2f} s, ratio {wall / ideal:.2f} (target <= 1.5)")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        for fake in (*fakes.values(), pages):
            fake.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
