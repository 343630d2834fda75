""""Checked before?" bench: MAP@5 of the project's claim matcher.

A contract other tools rely on:

    python bench/claim_matching.py --collection vclaims.jsonl --queries QUERIES.tsv --qrels QRELS.tsv

(files in the CheckThat! 2022 task 2A formats) runs `claims.matching.ClaimMatcher`
and prints `MAP@5 <value>` on its last line. With no arguments it runs on the
shared dev-test split in ../shared/eval/claim-matching/en, read at run time.
`--baseline` also prints a plain BM25 (whitespace tokens, claim text only)
measured in the same run, for comparison.
"""

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.evidence import BM25  # noqa: E402
from claims.matching import ClaimMatcher, load_vclaims_jsonl  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "claim-matching" / "en"


def read_queries(path: Path) -> dict[str, str]:
    """`id<TAB>text` rows; a header row (iclaim_id / tweet_id) is skipped."""
    queries = {}
    csv.field_size_limit(10_000_000)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) < 2 or row[0] in ("iclaim_id", "tweet_id"):
                continue
            queries[row[0]] = row[1]
    return queries


def read_qrels(path: Path) -> dict[str, set[str]]:
    """`query_id 0 vclaim_id relevance` rows (tabs or spaces); relevance > 0 counts."""
    qrels = defaultdict(set)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            qrels[parts[0]].add(parts[2])
    return qrels


def map_at_5(ranked: dict[str, list[str]], qrels: dict[str, set[str]]) -> float:
    """Mean over judged queries of average precision in the top 5."""
    total = 0.0
    for query_id, relevant in qrels.items():
        hits, precision_sum = 0, 0.0
        for rank, doc_id in enumerate(ranked.get(query_id, [])[:5], start=1):
            if doc_id in relevant:
                hits += 1
                precision_sum += hits / rank
        total += precision_sum / min(len(relevant), 5)
    return total / len(qrels) if qrels else 0.0


def _plain(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="MAP@5 of the claim matcher")
    parser.add_argument("--collection", type=Path, default=DEFAULT_DIR / "vclaims.jsonl")
    parser.add_argument("--queries", type=Path, default=DEFAULT_DIR / "dev-test" / "CT2022-Task2A-EN-Dev-Test_Queries.tsv")
    parser.add_argument("--qrels", type=Path, default=DEFAULT_DIR / "dev-test" / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv")
    parser.add_argument("--baseline", action="store_true", help="also measure plain BM25 in the same run")
    args = parser.parse_args(argv)

    collection = load_vclaims_jsonl(args.collection)
    queries = read_queries(args.queries)
    qrels = read_qrels(args.qrels)
    qrels = {q: r for q, r in qrels.items() if q in queries}

    if args.baseline:
        started = time.perf_counter()
        plain = BM25([_plain(c.claim) for c in collection])
        ranked = {q: [collection[i].id for i, _ in plain.top(_plain(queries[q]), 5)] for q in qrels}
        print(f"baseline plain BM25 (vclaim only): MAP@5 {map_at_5(ranked, qrels):.4f} "
              f"({time.perf_counter() - started:.1f} s)")

    started = time.perf_counter()
    matcher = ClaimMatcher(collection)
    built = time.perf_counter() - started
    started = time.perf_counter()
    ranked = {q: [m.checked.id for m in matcher.search(queries[q], k=5)] for q in qrels}
    searched = time.perf_counter() - started
    print(f"collection {len(collection)}, queries {len(qrels)}; index {built:.1f} s, "
          f"search {searched * 1000 / max(len(qrels), 1):.1f} ms/query")
    print(f"MAP@5 {map_at_5(ranked, qrels):.4f}")


if __name__ == "__main__":
    main()
