"""Train the learned stance suggester (claims/stance.py) on the ANS Arabic pairs.

Reads ../shared/eval/claim-pairs-ar/stance/train.csv at run time, embeds both
titles with multilingual-e5-small (vectors cached in var/cache/stance/), and
fits a multinomial logistic regression (numpy, full-batch gradient descent with
L2, classes weighted by inverse frequency so the rare "other" counts). The
weights are written to claims/stance_weights.json; the dev split is only
measured, never trained on, and bench/stance.py compares the result with the
rules and the baselines.

    python bench/train_stance.py [--l2 1.0] [--steps 600]

L2 was picked on dev among 0.01, 0.1, 1 and 3 (dev macro-F1 0.61, 0.71, 0.74, 0.69), so
bench/stance.py also reports the test split, never used for any choice.
"""

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from claims import semantic  # noqa: E402
from claims import stance as stance_model  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from stance import DATA, LABELS, read, scores  # noqa: E402

CACHE = ROOT / "var" / "cache" / "stance" / f"ans-{semantic.PACKAGE.replace('==', '-')}.npz"


def feature_rows(pairs, cache: dict) -> np.ndarray:
    """Features of every (s1, s2) pair, embedding titles not yet in `cache`."""
    texts = list(dict.fromkeys(t for s1, s2, _ in pairs for t in (s1, s2)))
    for start in range(0, len(texts), 200):
        semantic.query_vectors(texts[start:start + 200], cache)
        semantic.save_cache(CACHE, cache)
    rows = []
    for s1, s2, _ in pairs:
        u, v = semantic.query_vectors([s1, s2], cache)
        rows.append(stance_model.features(u, v, stance_model.stance_cues(s1, s2)))
    return np.stack(rows)


def fit(x: np.ndarray, y: np.ndarray, *, l2: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression with class weights, Adam on the full batch."""
    n, d = x.shape
    k = len(LABELS)
    counts = np.bincount(y, minlength=k)
    weight = (n / (k * np.maximum(counts, 1)))[y]
    onehot = np.eye(k)[y]
    w, b = np.zeros((d, k)), np.zeros(k)
    m = [np.zeros_like(w), np.zeros_like(b)]
    s = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * weight[:, None] / weight.sum()
        grads = [x.T @ g + l2 * w, g.sum(axis=0)]
        for i, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * grad
            s[i] = 0.999 * s[i] + 0.001 * grad ** 2
            param -= 0.01 * (m[i] / (1 - 0.9 ** t)) / (np.sqrt(s[i] / (1 - 0.999 ** t)) + 1e-8)
    return w, b


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--out", type=Path, default=stance_model.WEIGHTS_PATH)
    args = parser.parse_args(argv)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    cache = semantic.load_cache(CACHE)
    started = time.perf_counter()
    train, dev = read(DATA / "train.csv"), read(DATA / "dev.csv")
    x_train, x_dev = feature_rows(train, cache), feature_rows(dev, cache)
    print(f"features for {len(train)} train and {len(dev)} dev pairs: {time.perf_counter() - started:.1f} s")
    y_train = np.array([LABELS.index(label) for _, _, label in train])
    mean, scale = x_train.mean(axis=0), x_train.std(axis=0) + 1e-6
    w, b = fit((x_train - mean) / scale, y_train, l2=args.l2, steps=args.steps)
    model = {"labels": list(LABELS), "mean": mean.tolist(), "scale": scale.tolist(), "W": w.tolist(),
             "b": b.tolist(), "features": "u*v, |u-v|, cosine, overlap, negation, opposite, figure mismatch",
             "trained_on": f"ANS stance train ({len(train)} pairs, {dict(Counter(y_train.tolist()))})",
             "l2": args.l2, "steps": args.steps, "embeddings": semantic.PACKAGE}
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    for name, x, pairs in (("train", x_train, train), ("dev", x_dev, dev)):
        predicted = [max(p, key=p.get) for p in stance_model.probabilities(x, args.out)]
        accuracy, macro, disagree = scores([label for _, _, label in pairs], predicted)
        print(f"{name}: accuracy {accuracy:.3f}  macro-F1 {macro:.3f}  disagree-F1 {disagree:.3f}")
    print(f"weights written to {args.out}")


if __name__ == "__main__":
    main()
