"""Benchmark the PDF report: an article with 50 claims, target at most 3 s.

Run from the project root:

    .venv/bin/python bench/pdf_report.py [--claims 50] [--runs 3]

Builds a throw-away in-memory SQLite database, writes an Arabic article with
the given number of claims (each with relied-on evidence, half of them with a
published verdict through the real review workflow), then times
build_report + render_pdf and prints the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

TARGET_SECONDS = 3.0
SENTENCE = "قال المتحدث رقم {n} إن الصادرات ارتفعت بنسبة {p} بالمئة في عام 2023 حسب تقرير GDP."


def build_article(n_claims: int):
    from claims.reports import build_report  # noqa: F401  (imported before timing)
    from tests.personas import make_personas
    from tests.report_data import add_claim, add_evidence, make_article, publish

    people = make_personas()
    body = " ".join(SENTENCE.format(n=i, p=i % 40 + 1) for i in range(n_claims))
    article = make_article(people.reporter, body=body, title="تقرير الأداء", language="ar")
    for i in range(n_claims):
        claim = add_claim(article, SENTENCE.format(n=i, p=i % 40 + 1))
        add_evidence(claim, url=f"https://stats.example.org/{i}", title=f"جدول الإحصاء {i}",
                     passage=f"بلغت الصادرات {i % 40 + 2} بالمئة في التقرير السنوي.")
        if i % 2 == 0:
            publish(claim, people=people, claimant=f"المتحدث {i}", rationale="الأرقام الرسمية تخالف ذلك.")
    return article, people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    article, people = build_article(args.claims)

    from claims.reports import build_report
    from claims.reports.pdf import render_pdf

    render_pdf(build_report(article, user=people.editor))  # warm fonts and templates
    timings, cpu, size = [], [], 0
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf = render_pdf(build_report(article, user=people.editor))
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        size = len(pdf)
    median = statistics.median(timings)
    print(f"PDF report, {args.claims} claims (Arabic, {args.claims // 2 + args.claims % 2} published verdicts)")
    print(f"  runs: {', '.join(f'{t:.2f} s' for t in timings)}")
    print(f"  median: {median:.2f} s (target <= {TARGET_SECONDS:.1f} s) -> {'PASS' if median <= TARGET_SECONDS else 'FAIL'}")
    # On a shared machine the wall time includes waiting for a core; the CPU
    # time is what the rendering itself costs.
    print(f"  CPU time: {', '.join(f'{t:.2f} s' for t in cpu)} (load average {os.getloadavg()[0]:.1f})")
    print(f"  size: {size / 1024:.0f} KiB")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
