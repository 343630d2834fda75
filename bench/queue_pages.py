"""Queue and claim pages at newsroom scale: p50/p95 with 20 concurrent editors.

Creates its own PostgreSQL database (factcheck_bench, dropped at the end
unless --keep), migrates it, seeds 10,000 articles and 200,000 claims with
COPY (assignees, due dates, verdicts, comments, notifications and audit
events in realistic proportions), starts gunicorn on 127.0.0.1 against it
with production settings (DJANGO_DEBUG=false, persistent connections), logs
20 editors in through the login form, and has them load the five queues
(with and without filters, first and later pages) and claim pages, each user
on its own thread with its own session, pausing 1-3 s between pages as
locust's between(1, 3) would (--think 0 0: back to back, the saturation
case). Request counts are bounded (--rounds). The target is p95 <= 300 ms per
page. It also prints the server's CPU time per request and how busy the whole
machine was, since other work on the same cores shows up as latency here.

    python bench/queue_pages.py [--articles 10000] [--claims-per-article 20] [--users 20] [--rounds 3]
        [--workers 4] [--think 1 3] [--explain] [--keep] [--reuse]

--explain also runs every page once in process and prints EXPLAIN ANALYZE
timings for its queries (the plan of any taking over 20 ms). --reuse keeps a
database seeded by an earlier --keep run. The server is PostgreSQL at
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/factcheck_bench).
"""

import argparse
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench"
PASSWORD = "bench-password-not-secret-123"
TARGET_P95_MS = 300

# Claim states in roughly the proportions of a busy newsroom: most claims are
# never worked, a fifth is in someone's hands, a tenth published.
STATES = [("new", 45), ("triage", 10), ("researching", 8), ("in_review", 12), ("on_hold", 2), ("proposed", 4),
          ("returned", 2), ("published", 11), ("corrected", 1), ("not_checkable", 5)]
ASSIGNED = {"in_review", "on_hold", "proposed", "returned", "published", "corrected"}
OPEN = {"new", "triage", "researching", "in_review", "on_hold", "proposed", "returned"}
KINDS = ["statistic", "quote", "event", "attribution", "treaty", "causal", "opinion", "other"]
EN_WORDS = ("minister said unemployment fell percent last year budget ministry report government council "
            "rose billion dollars according figures agreement signed hospital schools water prices").split()
AR_WORDS = ("قال الوزير إن البطالة انخفضت بنسبة في المئة العام الماضي الميزانية الحكومة التقرير "
            "المجلس ارتفعت مليار دولار وفقا الأرقام الاتفاقية المستشفى المدارس المياه الأسعار").split()


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def admin_url(url: str) -> tuple[str, str]:
    """The maintenance database's URL on the same server, and the bench database's name."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    maintenance, name = admin_url(url)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    maintenance, name = admin_url(url)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- seeding ----------------------------------------------------------------------


def seed(*, articles: int, per_article: int, rng: random.Random) -> dict:
    """Users through the ORM, everything else with COPY; returns counts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection

    from claims import roles
    from claims.models import RatingLabel

    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: every bench user shares it
    people = {"editor": 16, "chief": 4, "reporter": 100}
    users = [User(username=f"{kind}{i:03d}", email=f"{kind}{i:03d}@example.org", password=password)
             for kind, count in people.items() for i in range(count)]
    User.objects.bulk_create(users)
    users = {u.username: u for u in User.objects.all()}
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL_ROLES}
    for username, user in users.items():
        role = {"editor": roles.EDITOR, "chief": roles.CHIEF_EDITOR, "reporter": roles.REPORTER}[username[:-3]]
        user.groups.add(groups[role])
    editors = [u.pk for name, u in users.items() if name.startswith(("editor", "chief"))]
    chiefs = [u.pk for name, u in users.items() if name.startswith("chief")]
    reporters = [u.pk for name, u in users.items() if name.startswith("reporter")]
    ratings = list(RatingLabel.objects.values_list("pk", flat=True))

    now = datetime.now(UTC)
    states = [s for s, weight in STATES for _ in range(weight)]
    counts = defaultdict(int)
    connection.ensure_connection()
    raw = connection.connection  # the psycopg connection Django opened, in autocommit mode
    with raw.cursor() as cur:
        article_rows, claim_rows, verdict_rows, event_rows, comment_rows = [], [], [], [], []
        claim_id = verdict_id = 0
        for article_id in range(1, articles + 1):
            arabic = rng.random() < 0.5
            words = AR_WORDS if arabic else EN_WORDS
            created = now - timedelta(days=rng.uniform(0, 365))
            sentences = [" ".join(rng.choices(words, k=rng.randint(10, 22))) + "." for _ in range(per_article)]
            body = " ".join(sentences)
            article_rows.append((
                article_id, " ".join(rng.choices(words, k=6)), body, "The Daily Bench", "", "", "",
                created, "ar" if arabic else "en", "text", "ready", "", "", None, 1,
                rng.choice(reporters), created, created,
            ))
            event_rows.append((article_id, None, None, "claims_extracted", "extracting", "ready",
                               json.dumps({"claims": per_article}), "", created))
            offset = 0
            for sentence in sentences:
                claim_id += 1
                start, end = offset, offset + len(sentence)
                offset = end + 1
                state = rng.choice(states)
                assignee = rng.choice(editors) if state in ASSIGNED or (
                    state == "researching" and rng.random() < 0.5) else None
                due = now + timedelta(days=rng.uniform(-10, 20)) if assignee and state in OPEN else None
                updated = created + timedelta(hours=rng.uniform(0, 24 * 30)) if state != "new" else created
                claim_rows.append((
                    claim_id, article_id, start, end, sentence, rng.choice(KINDS), state != "new" or
                    rng.random() < 0.6, round(rng.random(), 4), "[]", "[]", "", "", state, assignee, due,
                    1 + (state != "new") * rng.randint(1, 6), created, updated,
                ))
                if state != "new":
                    event_rows.append((article_id, claim_id, rng.choice(editors), "triage", "new", "triage",
                                       "{}", "", created + timedelta(minutes=5)))
                if assignee:
                    event_rows.append((article_id, claim_id, rng.choice(chiefs), "assign", "researching",
                                       "in_review", json.dumps({"assignee_id": [None, assignee]}), "",
                                       created + timedelta(minutes=30)))
                if state in ("proposed", "returned", "published", "corrected"):
                    verdict_id += 1
                    status = {"proposed": "proposed", "returned": "returned"}.get(state, "published")
                    approver = rng.choice([c for c in chiefs if c != assignee]) if status == "published" else None
                    first = verdict_id
                    verdict_rows.append([
                        verdict_id, claim_id, rng.choice(ratings), "Because the official figures say so.",
                        "A minister", "", None, status, status == "published", assignee, updated,
                        approver, updated if approver else None, None, "",
                    ])
                    event_rows.append((article_id, claim_id, assignee, "propose", "in_review", "proposed",
                                       json.dumps({"verdict": verdict_id}), "", updated - timedelta(hours=1)))
                    comment_rows.append((claim_id, assignee, "Sources attached; please review.",
                                         updated - timedelta(hours=1)))
                    if approver:
                        event_rows.append((article_id, claim_id, approver, "approve", "proposed", "published",
                                           json.dumps({"verdict": verdict_id}), "", updated))
                    if state == "corrected":
                        verdict_id += 1
                        verdict_rows[-1][7], verdict_rows[-1][8], verdict_rows[-1][13] = "superseded", False, verdict_id
                        verdict_rows.append([
                            verdict_id, claim_id, rng.choice(ratings), "Corrected: newer figures.", "A minister",
                            "", None, "published", True, approver, updated, approver, updated, None,
                            "The ministry revised its figures.",
                        ])
                        event_rows.append((article_id, claim_id, approver, "correct", "published", "corrected",
                                           json.dumps({"verdict": verdict_id, "superseded": first}),
                                           "The ministry revised its figures.", updated))
        copy(cur, "claims_article", ["id", "title", "body", "outlet", "url", "final_url", "author", "published_at",
                                     "language", "origin", "status", "failure_reason", "content_sha256",
                                     "fetched_at", "intake_attempts", "submitted_by_id", "created_at",
                                     "updated_at"], article_rows)
        copy(cur, "claims_claim", ["id", "article_id", "start", "end", "text", "kind", "checkworthy", "score",
                                   "reasons", "entities", "quote_text", "speaker", "status", "assignee_id",
                                   "due_at", "version", "created_at", "updated_at"], claim_rows)
        # Superseded verdicts point at verdicts written later: load them unlinked, then link.
        links = [(row[13], row[0]) for row in verdict_rows if row[13]]
        for row in verdict_rows:
            row[13] = None
        copy(cur, "claims_verdict", ["id", "claim_id", "rating_id", "rationale", "claimant", "appeared_url",
                                     "appeared_on", "status", "is_current", "proposed_by_id", "proposed_at",
                                     "approved_by_id", "approved_at", "superseded_by_id", "correction_reason"],
             verdict_rows)
        cur.executemany("UPDATE claims_verdict SET superseded_by_id = %s WHERE id = %s", links)
        copy(cur, "claims_claimevent", ["article_id", "claim_id", "actor_id", "action", "from_state", "to_state",
                                        "changes", "reason", "created_at"], event_rows)
        copy(cur, "claims_comment", ["claim_id", "author_id", "body", "created_at"], comment_rows)
        notification_rows = [
            (rng.choice(editors), rng.choice(chiefs), rng.randint(1, claim_id), "assigned", "You were assigned a claim.",
             now - timedelta(hours=rng.uniform(0, 24 * 60)), None if rng.random() < 0.3 else now)
            for _ in range(len(editors) * 200)
        ]
        copy(cur, "claims_notification", ["recipient_id", "actor_id", "claim_id", "kind", "message", "created_at",
                                          "read_at"], notification_rows)
        for table in ("claims_article", "claims_claim", "claims_verdict"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        counts.update(articles=len(article_rows), claims=len(claim_rows), verdicts=len(verdict_rows),
                      events=len(event_rows), comments=len(comment_rows), notifications=len(notification_rows),
                      users=len(users))
    with raw.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    return dict(counts)


def copy(cur, table: str, columns: list[str], rows) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    with cur.copy(f"COPY {table} ({names}) FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)


# --- the server and its users --------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "factcheck.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--pythonpath", f"{ROOT},{ROOT / 'bench'}", "--log-level", "warning",
         "--timeout", "60"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code < 500:
                return server
        except requests.RequestException:
            time.sleep(0.5)  # the workers are still importing Django
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def log_in(base: str, username: str):
    """A requests session logged in through the login form, as a browser would."""
    import requests

    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    answer = session.post(f"{base}/accounts/login/", timeout=60, allow_redirects=False, data={
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"],
    }, headers={"Referer": f"{base}/accounts/login/"})
    if answer.status_code != 302:
        sys.exit(f"login of {username} failed: HTTP {answer.status_code}")
    return session


def pages(*, user_id: int, editor_ids: list[int], article_ids: list[int], rng: random.Random) -> list[tuple]:
    """(label, path) for one round of one user: every queue with and without
    filters, a later page, and claim pages."""
    article = rng.choice(article_ids)
    other = rng.choice(editor_ids)
    return [
        ("queue mine", "/queue/mine/"),
        ("queue unassigned", "/queue/unassigned/"),
        ("queue approval", "/queue/approval/"),
        ("queue overdue", "/queue/overdue/"),
        ("queue published", "/queue/published/"),
        ("queue unassigned, page 20", "/queue/unassigned/?page=20"),
        ("mine, state filter", "/queue/mine/?state=in_review"),
        ("unassigned, language+kind+score", "/queue/unassigned/?language=ar&kind=statistic&min_score=0.5"),
        ("unassigned, state filter", "/queue/unassigned/?state=triage"),
        ("unassigned, article filter", f"/queue/unassigned/?article={article}"),
        ("approval, kind filter", "/queue/approval/?kind=quote"),
        ("overdue, assignee filter", f"/queue/overdue/?assignee={other}"),
        ("published, language filter", "/queue/published/?language=en"),
        ("published, assignee+kind", f"/queue/published/?assignee={other}&kind=event"),
        ("claim page", None), ("claim page", None), ("claim page", None), ("claim page", None),
    ]


def run_load(base: str, sessions: list, *, editor_ids, article_ids, claim_ids, rounds: int, seed: int,
             think: tuple[float, float] = (0, 0)):
    """Every user thread loads `rounds` rounds of pages, pausing a random
    `think` interval (seconds) between pages; returns {label: [milliseconds]},
    the failures and the wall time."""
    timings, failures, lock = defaultdict(list), [], threading.Lock()

    def user(index: int, session):
        rng = random.Random(seed + index)
        for _ in range(rounds):
            work = pages(user_id=index, editor_ids=editor_ids, article_ids=article_ids, rng=rng)
            rng.shuffle(work)
            for label, path in work:
                path = path or f"/claims/{rng.choice(claim_ids)}/"
                started = time.perf_counter()
                answer = session.get(base + path, timeout=60)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if answer.status_code != 200:
                        failures.append((path, answer.status_code))
                    timings[label].append(elapsed)
                if think[1]:
                    time.sleep(rng.uniform(*think))

    threads = [threading.Thread(target=user, args=(i, s)) for i, s in enumerate(sessions)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, failures, time.perf_counter() - started


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every process on the machine has used so far (all cores)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def workers_of(server: subprocess.Popen) -> list[int]:
    with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
        return [int(pid) for pid in children.read().split()]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def explain(username: str, paths: list[str]) -> None:
    """Each page once in process; EXPLAIN ANALYZE of every query it ran."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        print(f"\n{path}  HTTP {status}, {len(captured)} queries")
        with connection.cursor() as cur:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cur.fetchall()]
                took = float(plan[-1].split(":")[1].split()[0])
                print(f"  {took:8.2f} ms  {sql[:110]}")
                if took > 20:
                    print("    " + "\n    ".join(plan))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="queue and claim pages at newsroom scale")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims-per-article", type=int, default=20)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 18 pages per user")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    # Like locust's wait_time = between(1, 3): an editor reads a page before the
    # next click. --think 0 0 sends requests back to back (saturation).
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds each user pauses between pages (default 1 3)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each page's queries")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database an earlier --keep run seeded")
    args = parser.parse_args(argv)

    url = database_url()
    secret = secrets.token_hex(32)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "queue_pages_settings",
           "DJANGO_DEBUG": "false", "SECRET_KEY": secret, "ALLOWED_HOSTS": "127.0.0.1,testserver",
           "DB_CONN_MAX_AGE": "60", "LOG_LEVEL": "WARNING", "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}"}
    env.pop("REDIS_URL", None)  # no page here queues a task; keep the bench off the team's Redis
    os.environ.clear()
    os.environ.update(env)

    import django

    if not args.reuse:
        started = time.perf_counter()
        recreate_database(url)
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        counts = seed(articles=args.articles, per_article=args.claims_per_article, rng=random.Random(5))
        print(f"seeded in {time.perf_counter() - started:.0f} s: "
              + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    else:
        django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from claims.models import Article, Claim

    User = get_user_model()
    editors = list(User.objects.filter(username__regex=r"^(editor|chief)").order_by("username"))
    editor_ids = [u.pk for u in editors]
    article_ids = list(Article.objects.values_list("pk", flat=True))
    claim_ids = list(Claim.objects.values_list("pk", flat=True))
    if args.explain:
        sample = pages(user_id=0, editor_ids=editor_ids, article_ids=article_ids, rng=random.Random(1))
        explain(editors[0].username, [p or f"/claims/{claim_ids[len(claim_ids) // 2]}/" for _, p in sample][:15])
    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port, args.workers)
    try:
        users = [editors[i % len(editors)].username for i in range(args.users)]
        sessions = [None] * len(users)

        def login(i):
            sessions[i] = log_in(base, users[i])
        threads = [threading.Thread(target=login, args=(i,)) for i in range(len(users))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if any(s is None for s in sessions):
            sys.exit("not every user could log in")
        # One round to warm the workers' connections and PostgreSQL's cache; not counted.
        run_load(base, sessions, editor_ids=editor_ids, article_ids=article_ids, claim_ids=claim_ids, rounds=1,
                 seed=99)
        workers = workers_of(server)
        cpu_before, busy_before = cpu_seconds(workers), machine_busy_seconds()
        timings, failures, wall = run_load(base, sessions, editor_ids=editor_ids, article_ids=article_ids,
                                           claim_ids=claim_ids, rounds=args.rounds, seed=7, think=args.think)
        server_cpu, busy = cpu_seconds(workers) - cpu_before, machine_busy_seconds() - busy_before
    finally:
        stop_server(server)
        if not args.keep:
            drop_database(url)

    total = sum(len(v) for v in timings.values())
    cores = os.cpu_count()
    print(f"\n{args.users} concurrent users (think {args.think[0]:g}-{args.think[1]:g} s), {total} requests in "
          f"{wall:.1f} s ({total / wall:.0f} req/s), gunicorn {args.workers} workers, {cores} CPUs")
    print(f"gunicorn CPU {server_cpu / total * 1000:.1f} ms per request; machine busy {busy / wall / cores:.0%} "
          f"of {cores} cores, of which this bench's server {server_cpu / max(busy, 1e-9):.0%}")
    print(f"{'page':36} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for label, values in timings.items():
        p95 = percentile(values, 95)
        worst = max(worst, p95)
        print(f"{label:36} {len(values):5d} {statistics.median(values):8.0f} {p95:8.0f} {max(values):8.0f}")
    every = [v for values in timings.values() for v in values]
    print(f"{'all pages':36} {len(every):5d} {statistics.median(every):8.0f} {percentile(every, 95):8.0f} "
          f"{max(every):8.0f}")
    if failures:
        print(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    verdict = "PASS" if worst <= TARGET_P95_MS and not failures else "FAIL"
    print(f"{verdict}: worst page p95 {worst:.0f} ms (target <= {TARGET_P95_MS} ms)")
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
