"""Peak memory of a claim export, for growing numbers of claims.

The CSV export must run in constant memory (claims are read and written a
chunk at a time). This measures the peak traced allocation of
`claims.reports.exports.run_export` for N and 4N claims in a fresh SQLite
database, in this process alone (no other threads), and prints the ratio: a
list built in memory would make it about 4.

    .venv/bin/python bench/export_memory.py [--claims 3000] [--json]
"""

import argparse
import json
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=3000, help="the smaller size; the larger is four times it")
    parser.add_argument("--json", action="store_true", help="print one JSON object (for the test suite)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="export-memory-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from claims.models import Article, Claim
    from claims.reports import exports

    settings.MEDIA_ROOT = workdir
    call_command("migrate", verbosity=0)
    editor = get_user_model().objects.create_user("bench-editor")
    editor.groups.add(Group.objects.get(name="editor"))

    def peak_for(n_claims: int) -> int:
        article = Article.objects.create(title="bench", body="x" * 20, submitted_by=editor, status="ready")
        Claim.objects.bulk_create(
            Claim(article=article, start=0, end=10, text=f"=claim {i}") for i in range(n_claims)
        )
        job = exports.request_export(by=editor, filters={"article": str(article.pk)})
        tracemalloc.start()
        exports.run_export(job_id=job.pk)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        job.refresh_from_db()
        assert job.rows_written == n_claims, (job.rows_written, job.error)
        return peak

    peak_for(200)  # one-time costs (imports, caches) are not what is measured
    small, large = peak_for(args.claims), peak_for(4 * args.claims)
    result = {"claims": [args.claims, 4 * args.claims], "peak_bytes": [small, large], "ratio": large / small}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"export peak memory: {args.claims} claims {small / 1e6:.1f} MB, "
              f"{4 * args.claims} claims {large / 1e6:.1f} MB, ratio {large / small:.2f} (a list in memory: ~4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
