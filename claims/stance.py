"""A learned stance suggester: multilingual-e5-small vectors of the claim and the
passage, plus the rule cues of `claims.evidence.stance_cues`, read by a small
multinomial logistic regression (plain Python and numpy, no Django).

The weights are trained by `bench/train_stance.py` on the ANS Arabic news-title
pairs (train split) and kept in `stance_weights.json` next to this module; the
labels are the corpus's agree / disagree / other, which the workbench reads as
supports / refutes / context. Whether the product uses this model or the rules
is decided by the figures in bench/stance.py (see `claims.evidence`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import semantic
from .evidence import (
    STANCE_UNRELATED_BELOW,
    StanceCues,
    StanceSuggestion,
    stance_cues,
    suggest_stance,
    tokenize,
)
from .matching import SAME_CLAIM_COSINE

WEIGHTS_PATH = Path(__file__).with_name("stance_weights.json")
TO_STANCE = {"agree": "supports", "disagree": "refutes", "other": "context"}


def features(claim_vector: np.ndarray, passage_vector: np.ndarray, cues: StanceCues) -> np.ndarray:
    """The model's input for one pair: u*v, |u-v|, the cosine and four rule cues."""
    u, v = np.asarray(claim_vector, dtype=np.float32), np.asarray(passage_vector, dtype=np.float32)
    rules = [cues.overlap, float(bool(cues.negation)), float(bool(cues.opposite)), float(bool(cues.mismatched))]
    return np.concatenate([u * v, np.abs(u - v), [float(u @ v)], rules]).astype(np.float32)


@lru_cache(maxsize=1)
def _weights(path: str) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        "labels": data["labels"], "mean": np.asarray(data["mean"], dtype=np.float32),
        "scale": np.asarray(data["scale"], dtype=np.float32), "W": np.asarray(data["W"], dtype=np.float32),
        "b": np.asarray(data["b"], dtype=np.float32),
    }


def probabilities(rows: np.ndarray, path: Path = WEIGHTS_PATH) -> list[dict[str, float]]:
    """Label probabilities (agree / disagree / other) for feature rows made by `features`."""
    model = _weights(str(path))
    logits = ((np.atleast_2d(rows) - model["mean"]) / model["scale"]) @ model["W"] + model["b"]
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    odds /= odds.sum(axis=1, keepdims=True)
    return [dict(zip(model["labels"], map(float, row), strict=True)) for row in odds]


def predict(claim: str, passage: str) -> tuple[str, dict[str, float]]:
    """The most likely stance label (agree / disagree / other) of `passage` on `claim`, with probabilities."""
    vectors = semantic.embed_queries([claim, passage])
    probs = probabilities(features(vectors[0], vectors[1], stance_cues(claim, passage)))[0]
    return max(probs, key=probs.get), probs


# Below this cosine (and with few shared words) a passage is "unrelated": the ANS
# pairs are all about one event, so the model never learned that class; the
# threshold is the one "checked before?" uses for the same claim.
UNRELATED_BELOW_COSINE = SAME_CLAIM_COSINE


# The model was trained on news titles: a passage is read through its sentence
# that shares most words with the claim, cut to about a title's length (which
# also keeps the embedding cheap on the gathering path).
SENTENCE_MAX_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+|\n+")


def closest_sentence(claim: str, passage: str) -> str:
    """The sentence of `passage` sharing most tokens with `claim` (the first on ties), at most ~300 characters."""
    claim_tokens = set(tokenize(claim))
    sentences = [s.strip() for s in _SENTENCE_END.split(passage) if s and s.strip()] or [passage]
    best = max(sentences, key=lambda s: len(claim_tokens & set(tokenize(s))))
    return best[:SENTENCE_MAX_CHARS]


@lru_cache(maxsize=4096)
def _vector(text: str):
    # While gathering, one claim meets many passages and one source (so its
    # sentences) serves several claims of an article: embed each text once per process.
    return semantic.embed_queries([text])[0]


def suggest(claim: str, passage: str) -> StanceSuggestion:
    """The stance the workbench suggests for `passage` on `claim` (supports, refutes, context, unrelated).

    The learned model when the embedding model and weights are there (it measured
    better than the rules, see bench/stance.py); the rules of
    `claims.evidence.suggest_stance` otherwise.
    """
    sentence = closest_sentence(claim, passage)
    try:
        vectors = [_vector(claim), _vector(sentence)]
        cues = stance_cues(claim, sentence)
        probs = probabilities(features(vectors[0], vectors[1], cues))[0]
    except (semantic.SemanticUnavailable, OSError, ValueError, KeyError):
        return suggest_stance(claim, passage)
    cosine = float(vectors[0] @ vectors[1])
    if cues.overlap < STANCE_UNRELATED_BELOW and cosine < UNRELATED_BELOW_COSINE:
        return StanceSuggestion("unrelated", cues.overlap, ["few of the claim's words appear, different meaning"])
    label = max(probs, key=probs.get)
    reasons = [f"learned model: {label} ({probs[label]:.0%}), similarity {cosine:.2f}"]
    if cues.mismatched and label == "agree":
        # A figure of the same kind with another value is the figures check's
        # finding; the titles the model learned from rarely carry one.
        label = "disagree"
        reasons.insert(0, "the passage gives a different figure")
    reasons += [reason for reason, present in (
        (f"negation on one side: {cues.negation}", cues.negation), (f"opposite words: {cues.opposite}", cues.opposite),
        (f"different figures: {', '.join(cues.mismatched)}", cues.mismatched)) if present]
    return StanceSuggestion(TO_STANCE[label], cues.overlap, reasons)
