"""Passage ranking on CheckThat! 2019 task 2 (Arabic): precision@3 of useful passages.

Reads ../shared/eval/evidence-ar at run time (never copied into the project).
For each claim, all its judged passages are ranked against the claim text; the
figure is the share of useful passages among the top 3, averaged over claims.
Printed next to baselines measured in the same run: document order, plain BM25
on whitespace tokens (no Arabic normalisation), and each part of our score alone.
With `--semantic`, also the cosine of multilingual-e5-small embeddings (claim
as "query: ", passage as "passage: ") alone and fused with our score; passage
vectors are cached in var/cache/passage-ranking/ (the first run embeds 1,940
passages, several minutes on two cores). There is no train split (50 claims),
so fusion weights are also reported under 5-fold cross-validation by claim.

    python bench/passage_ranking.py [--data ../shared/eval/evidence-ar] [--semantic]
"""

import argparse
import hashlib
import itertools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from claims import evidence, semantic  # noqa: E402
from claims.text.bm25 import BM25  # noqa: E402
from claims.text.pipeline import extract  # noqa: E402


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(data: Path) -> list[tuple[str, list[str], list[int]]]:
    """(claim text, passages in document order, usefulness labels) per claim."""
    claims = {row["claimID"]: row["text"] for row in _jsonl(data / "CT19-T2-Claims_with_Results.json")}
    texts = {}
    for page in _jsonl(data / "CT19-T2-Passages_Text.json"):
        for par in page["paragraphs"]:
            texts[par["parID"]] = par["text"]
    judged = defaultdict(list)
    for line in (data / "CT19-T2-Passages_Usefulness.csv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        claim_id, _page, par_id, label = line.strip().split(",")
        if par_id in texts:
            judged[claim_id].append((par_id, int(label)))
    items = []
    for claim_id, rows in sorted(judged.items()):
        rows.sort()
        items.append((claims[claim_id], [texts[p] for p, _ in rows], [label for _, label in rows]))
    return items


def precision_at_3(items, rank) -> float:
    total = 0.0
    for claim, passages, labels in items:
        order = rank(claim, passages)[:3]
        total += sum(labels[i] for i in order) / min(3, len(order))
    return total / len(items)


def rank_document_order(claim, passages):
    return list(range(len(passages)))


def rank_plain_bm25(claim, passages):
    model = BM25([p.split() for p in passages])
    scores = model.scores(claim.split())
    return sorted(range(len(passages)), key=lambda i: -scores[i])


def _entities(claim: str) -> list[str]:
    # The names the extraction pipeline finds, as the gathering job passes them.
    return [entity.text for entity in extract(claim, "ar").entities]


def _ranker(**weights):
    def rank(claim, passages):
        names = ("W_BM25", "W_COVER", "W_ENTITY", "W_NUMBER")
        saved = {name: getattr(evidence, name) for name in names}
        for name in names:
            setattr(evidence, name, weights.get(name[2:].lower(), saved[name]))
        try:
            ranked = evidence.rank_passages(claim, passages, entities=_entities(claim), top=None)
        finally:
            for name, value in saved.items():
                setattr(evidence, name, value)
        index = {}
        for i, p in enumerate(passages):
            index.setdefault(p, []).append(i)
        return [index[s.text].pop(0) for s in ranked]
    return rank


def _features(items) -> list[np.ndarray]:
    """Per claim, one row per passage: BM25 (relative to the best), coverage, entity and number overlap."""
    out = []
    for claim, passages, _ in items:
        ranked = evidence.rank_passages(claim, passages, entities=_entities(claim), top=None)
        best = max(s.bm25 for s in ranked) or 1.0
        index = {}
        for i, p in enumerate(passages):
            index.setdefault(p, []).append(i)
        rows = np.zeros((len(passages), 4))
        for s in ranked:
            rows[index[s.text].pop(0)] = (s.bm25 / best, s.coverage, s.entity_overlap, s.number_overlap)
        out.append(rows)
    return out


def _cosines(items, cache_dir: Path) -> list[np.ndarray]:
    """Per claim, the cosine of each passage with the claim (vectors cached on disk)."""
    texts = "\n".join(p for _, passages, _ in items for p in passages)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{hashlib.sha256(texts.encode()).hexdigest()[:16]}-{semantic.PACKAGE.replace('==', '-')}.npz"
    cache = semantic.load_cache(path)
    known = len(cache)
    out = []
    for n, (claim, passages, _) in enumerate(items, start=1):
        out.append(semantic.passage_vectors(passages, cache) @ semantic.embed_queries([claim])[0])
        if n % 5 == 0 and len(cache) > known:
            semantic.save_cache(path, cache)
            known = len(cache)
    semantic.save_cache(path, cache)
    return out


def _p3_of_scores(items, scores, subset) -> float:
    total = 0.0
    for j in subset:
        labels = items[j][2]
        order = np.argsort(-scores[j], kind="stable")[:3]
        total += sum(labels[i] for i in order) / min(3, len(order))
    return total / len(subset)


def cross_validated(items, score_sets: dict[tuple, list[np.ndarray]], folds: int = 5) -> tuple[float, list[tuple]]:
    """P@3 when each fold's weights are picked on the other folds (claims shuffled with a fixed seed)."""
    order = np.random.default_rng(0).permutation(len(items))
    total, picked = 0.0, []
    for test in np.array_split(order, folds):
        train = [i for i in order if i not in set(test)]
        key = max(score_sets, key=lambda k: _p3_of_scores(items, score_sets[k], train))
        picked.append(key)
        total += _p3_of_scores(items, score_sets[key], list(test)) * len(test)
    return total / len(items), picked


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "evidence-ar")
    parser.add_argument("--semantic", action="store_true", help="also measure e5 embeddings (slow on first run)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var" / "cache" / "passage-ranking")
    args = parser.parse_args(argv)
    items = load(args.data)
    useful = sum(sum(labels) for _, _, labels in items) / sum(len(labels) for _, _, labels in items)
    print(f"claims {len(items)}, passages {sum(len(p) for _, p, _ in items)}, useful share {useful:.3f}")
    rows = [
        ("baseline: document order", rank_document_order),
        ("baseline: plain BM25 (whitespace tokens)", rank_plain_bm25),
        ("ours: BM25 only (normalised, stemmed)", _ranker(bm25=1.0, cover=0.0, entity=0.0, number=0.0)),
        ("ours: coverage only", _ranker(bm25=0.0, cover=1.0, entity=0.0, number=0.0)),
        ("before: BM25 0.25 + coverage 1 + entities 0.5 + numbers 0.3", _ranker(bm25=0.25, cover=1.0, entity=0.5, number=0.3)),
        ("ours: rank_passages (current weights)", _ranker()),
    ]
    for name, rank in rows:
        started = time.perf_counter()
        value = precision_at_3(items, rank)
        print(f"{name:62s} P@3 {value:.3f}  ({(time.perf_counter() - started) * 1000:.0f} ms)")

    # Weights chosen on other claims than those measured (no train split exists).
    features = _features(items)
    grid = {w: [f @ np.array(w) for f in features]
            for w in itertools.product((0, 0.1, 0.25, 0.5), (1.0,), (0, 0.1, 0.25, 0.5), (0, 0.1, 0.3, 0.5))}
    value, picked = cross_validated(items, grid)
    print(f"{'lexical weights, 5-fold cross-validated':62s} P@3 {value:.3f}  (picked {sorted(set(picked))})")
    if args.semantic:
        started = time.perf_counter()
        cosines = _cosines(items, args.cache_dir)
        print(f"e5 vectors: {time.perf_counter() - started:.1f} s")
        print(f"{'semantic: e5 cosine only':62s} P@3 {_p3_of_scores(items, cosines, range(len(items))):.3f}")
        ours = [f @ np.array((evidence.W_BM25, evidence.W_COVER, evidence.W_ENTITY, evidence.W_NUMBER))
                for f in features]
        fused = {w: [o + w * c for o, c in zip(ours, cosines, strict=True)] for w in (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)}
        for w, scores in fused.items():
            print(f"{'semantic: ours + ' + str(w) + ' x cosine':62s} P@3 {_p3_of_scores(items, scores, range(len(items))):.3f}")
        value, picked = cross_validated(items, fused)
        print(f"{'semantic: ours + w x cosine, 5-fold cross-validated':62s} P@3 {value:.3f}  (picked {picked})")
    print(f"P@3 {precision_at_3(items, _ranker()):.3f}")


if __name__ == "__main__":
    main()
