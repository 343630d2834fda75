""""Checked before?" bench: MAP@5 of the project's claim matcher.

A contract other tools rely on:

    python bench/claim_matching.py --collection vclaims.jsonl --queries QUERIES.tsv --qrels QRELS.tsv

(files in the CheckThat! 2022 task 2A formats) runs `claims.matching.ClaimMatcher`
with its semantic stage and prints `MAP@5 <value>` on its last line. With no
arguments it runs on the shared dev-test split in ../shared/eval/claim-matching/en,
read at run time. The lexical matcher alone is measured in the same run;
`--baseline` also prints a plain BM25 (whitespace tokens, claim text only).
`--lexical-only` skips the semantic stage.

Passage vectors are cached in var/cache/claim-matching/ under a hash of the
collection file, so a second run (or another split over the same collection)
embeds only what it has not seen. Only the lexical top candidates of each query
are embedded, never the whole collection. `--tune` grid-searches the fusion
weights on the given split (use train or dev, never dev-test).
"""

import argparse
import csv
import hashlib
import itertools
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import matching, semantic  # noqa: E402
from claims.matching import ClaimMatcher, load_vclaims_jsonl  # noqa: E402
from claims.text.bm25 import BM25  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "claim-matching" / "en"
CACHE_DIR = ROOT / "var" / "cache" / "claim-matching"


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


def cache_path(collection: Path, cache_dir: Path) -> Path:
    """Where the passage vectors of `collection` are kept: named by the file's sha256 and the model."""
    digest = hashlib.sha256(collection.read_bytes()).hexdigest()[:16]
    return cache_dir / f"{digest}-{semantic.PACKAGE.replace('==', '-')}.npz"


def run_semantic(matcher: ClaimMatcher, queries: dict[str, str], ids: list[str], cache: Path) -> dict:
    """Ranked ids per query with the semantic stage, saving new vectors every 25 queries."""
    known = len(matcher.vectors)
    ranked = {}
    for n, query_id in enumerate(ids, start=1):
        ranked[query_id] = [m.checked.id for m in matcher.search(queries[query_id], k=5)]
        if n % 25 == 0 and len(matcher.vectors) > known:
            semantic.save_cache(cache, matcher.vectors)
            known = len(matcher.vectors)
    if len(matcher.vectors) > known:
        semantic.save_cache(cache, matcher.vectors)
    return ranked


GRID = {"lexical": (0.0, 0.1, 0.2, 0.3, 0.4), "title": (0.25, 0.5, 0.75, 1.0),
        "date": (0.0, 0.1, 0.2, 0.3, 0.5), "tau": (7, 15, 30, 60)}


def tune(matcher: ClaimMatcher, queries: dict[str, str], qrels: dict[str, set[str]], cache: Path) -> None:
    """Grid-search the fusion weights on this split (train or dev, never dev-test).

    Each query's score parts are computed once; every setting is scored by MAP@5
    and, since neighbouring settings often tie, the choice is the setting with the
    best MAP@5 averaged over itself and its grid neighbours.
    """
    parts = {q: matcher.score_parts(queries[q]) for q in qrels}
    semantic.save_cache(cache, matcher.vectors)
    names = list(GRID)
    maps = {}
    for setting in itertools.product(*GRID.values()):
        lexical, title, weight, tau = setting
        ranked = {}
        for q, part in parts.items():
            if part is None:
                continue
            order = np.argsort(-part.combine(lexical, 1.0, title, weight, tau), kind="stable")[:5]
            ranked[q] = [matcher.collection[part.indices[j]].id for j in order]
        maps[setting] = map_at_5(ranked, qrels)

    def smoothed(setting):
        position = [GRID[n].index(v) for n, v in zip(names, setting, strict=True)]
        values = []
        for step in itertools.product((-1, 0, 1), repeat=len(names)):
            moved = [p + d for p, d in zip(position, step, strict=True)]
            if all(0 <= m < len(GRID[n]) for m, n in zip(moved, names, strict=True)):
                values.append(maps[tuple(GRID[n][m] for n, m in zip(names, moved, strict=True))])
        return sum(values) / len(values)

    best = max(maps, key=smoothed)
    top = max(maps, key=maps.get)
    print(f"tuning on {len(qrels)} queries, {len(maps)} settings (lexical, title, date weight, tau days)")
    print(f"best single setting {top}: MAP@5 {maps[top]:.4f}")
    print(f"chosen (best averaged with its neighbours) {best}: MAP@5 {maps[best]:.4f}, "
          f"neighbourhood {smoothed(best):.4f}")
    no_date = max((k for k in maps if k[2] == 0.0), key=maps.get)
    print(f"best without the date prior {no_date}: MAP@5 {maps[no_date]:.4f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="MAP@5 of the claim matcher")
    parser.add_argument("--collection", type=Path, default=DEFAULT_DIR / "vclaims.jsonl")
    parser.add_argument("--queries", type=Path, default=DEFAULT_DIR / "dev-test" / "CT2022-Task2A-EN-Dev-Test_Queries.tsv")
    parser.add_argument("--qrels", type=Path, default=DEFAULT_DIR / "dev-test" / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv")
    parser.add_argument("--baseline", action="store_true", help="also measure plain BM25 in the same run")
    parser.add_argument("--lexical-only", action="store_true", help="no semantic stage")
    parser.add_argument("--tune", action="store_true", help="grid-search fusion weights on this split first")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
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
    lexical_map = map_at_5(ranked, qrels)
    if args.lexical_only:
        print(f"MAP@5 {lexical_map:.4f}")
        return
    print(f"lexical matcher (BM25, cleaned queries, claim+title+subtitle): MAP@5 {lexical_map:.4f}")

    args.cache_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_path(args.collection, args.cache_dir)
    vectors = semantic.load_cache(cache)
    matcher = ClaimMatcher(collection, semantic=True, vectors=vectors)
    if args.tune:
        tune(matcher, queries, qrels, cache)
    cached = len(vectors)
    started = time.perf_counter()
    ranked = run_semantic(matcher, queries, list(qrels), cache)
    elapsed = time.perf_counter() - started
    print(f"semantic stage: {len(matcher.vectors) - cached} passages embedded in this run "
          f"({cached} from {cache.relative_to(ROOT) if cache.is_relative_to(ROOT) else cache}); "
          f"{elapsed:.1f} s, {elapsed * 1000 / max(len(qrels), 1):.0f} ms/query; "
          f"depth {matching.RERANK_DEPTH}, weights lexical {matching.W_LEXICAL} claim {matching.W_CLAIM} "
          f"title {matching.W_TITLE} date {matching.W_DATE} (tau {matching.DATE_TAU_DAYS:g} days)")
    print(f"MAP@5 {map_at_5(ranked, qrels):.4f}")

if __name__ == "__main__":
    main()
