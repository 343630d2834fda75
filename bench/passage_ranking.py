"""Passage ranking on CheckThat! 2019 task 2 (Arabic): precision@3 of useful passages.

Reads ../shared/eval/evidence-ar at run time (never copied into the project).
For each claim, all its judged passages are ranked against the claim text; the
figure is the share of useful passages among the top 3, averaged over claims.
Printed next to baselines measured in the same run: document order, plain BM25
on whitespace tokens (no Arabic normalisation), and each part of our score alone.

    python bench/passage_ranking.py [--data ../shared/eval/evidence-ar]
"""

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import evidence  # noqa: E402
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
    model = evidence.BM25([p.split() for p in passages])
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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "evidence-ar")
    args = parser.parse_args(argv)
    items = load(args.data)
    useful = sum(sum(labels) for _, _, labels in items) / sum(len(labels) for _, _, labels in items)
    print(f"claims {len(items)}, passages {sum(len(p) for _, p, _ in items)}, useful share {useful:.3f}")
    rows = [
        ("baseline: document order", rank_document_order),
        ("baseline: plain BM25 (whitespace tokens)", rank_plain_bm25),
        ("ours: BM25 only (normalised, stemmed)", _ranker(bm25=1.0, cover=0.0, entity=0.0, number=0.0)),
        ("ours: coverage only", _ranker(bm25=0.0, cover=1.0, entity=0.0, number=0.0)),
        ("ours: rank_passages (BM25+coverage+entities+numbers)", _ranker()),
    ]
    for name, rank in rows:
        started = time.perf_counter()
        value = precision_at_3(items, rank)
        print(f"{name:52s} P@3 {value:.3f}  ({(time.perf_counter() - started) * 1000:.0f} ms)")
    print(f"P@3 {precision_at_3(items, _ranker()):.3f}")


if __name__ == "__main__":
    main()
