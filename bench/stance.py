"""Stance suggester on Arabic news-title pairs (ANS corpus, ../shared/eval/claim-pairs-ar).

Each pair (s1, s2) is labelled agree / disagree / other. The suggester reads s1
as the claim and s2 as the passage; supports counts as agree, refutes as
disagree, context and unrelated as other. Prints accuracy, macro F1 and the F1
of "disagree" (what an editor most needs flagged) next to two baselines measured
in the same run: always the majority class of train, and always "agree"; then
the rules (`claims.stance.suggest_by_rules`), the learned model alone
(`claims.stance`, trained on train by bench/train_stance.py) and the product's
suggester (`claims.stance.suggest`: the model, with "unrelated" for pairs far
apart). Title vectors are cached in var/cache/stance/.

    python bench/stance.py [--split dev|test]
"""

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from claims import semantic  # noqa: E402
from claims import stance as stance_model  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "claim-pairs-ar" / "stance"
LABELS = ("agree", "disagree", "other")
TO_LABEL = {"supports": "agree", "refutes": "disagree", "context": "other", "unrelated": "other"}


def read(path: Path) -> list[tuple[str, str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["s1"], row["s2"], row["stance"]) for row in csv.DictReader(handle)]


def scores(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1s = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1s[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, sum(f1s.values()) / len(LABELS), f1s["disagree"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    majority = Counter(label for _, _, label in read(args.data / "train.csv")).most_common(1)[0][0]
    pairs = read(args.data / f"{args.split}.csv")
    gold = [label for _, _, label in pairs]
    print(f"pairs {len(pairs)} ({args.split}): {dict(Counter(gold))}")
    rows = [
        (f"baseline: always {majority} (train majority)", [majority] * len(pairs)),
        ("baseline: always agree", ["agree"] * len(pairs)),
        ("rules: stance.suggest_by_rules", [TO_LABEL[stance_model.suggest_by_rules(s1, s2).stance] for s1, s2, _ in pairs]),
    ]
    cache_path = ROOT / "var" / "cache" / "stance" / f"ans-{semantic.PACKAGE.replace('==', '-')}.npz"
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache = semantic.load_cache(cache_path)
    semantic.query_vectors(list(dict.fromkeys(t for s1, s2, _ in pairs for t in (s1, s2))), cache)
    semantic.save_cache(cache_path, cache)
    learned, product = [], []
    for s1, s2, _ in pairs:
        u, v = semantic.query_vectors([s1, s2], cache)
        probs = stance_model.probabilities(stance_model.features(u, v, stance_model.stance_cues(s1, s2)))[0]
        learned.append(max(probs, key=probs.get))
        # What claims.stance.suggest does, with cached vectors: the passage read
        # through its closest sentence, "unrelated" when far apart.
        sentence = stance_model.closest_sentence(s1, s2)
        v = v if sentence == s2 else semantic.query_vectors([sentence], cache)[0]
        cues = stance_model.stance_cues(s1, sentence)
        probs = stance_model.probabilities(stance_model.features(u, v, cues))[0]
        unrelated = cues.overlap < stance_model.STANCE_UNRELATED_BELOW and float(np.dot(u, v)) < \
            stance_model.UNRELATED_BELOW_COSINE
        label = max(probs, key=probs.get)
        product.append("other" if unrelated else "disagree" if cues.mismatched and label == "agree" else label)
    rows += [("learned: e5 + logistic regression", learned), ("product: claims.stance.suggest", product)]
    for name, predicted in rows:
        accuracy, macro, disagree = scores(gold, predicted)
        print(f"{name:42s} accuracy {accuracy:.3f}  macro-F1 {macro:.3f}  disagree-F1 {disagree:.3f}")


if __name__ == "__main__":
    main()
