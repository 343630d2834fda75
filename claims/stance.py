"""Stance of a passage on a claim: supports, refutes, context or unrelated (plain Python and numpy, no Django).

Two readers in one place. The rules (`stance_cues`, `suggest_by_rules`) read
word overlap and contradiction cues: a negation on one side only, an opposite
word pair, a figure of the same kind with another value. The learned model
reads multilingual-e5-small vectors of the claim and the passage plus those
cues, with a small multinomial logistic regression; `suggest` is what the
workbench offers the editor (the model when it can load, the rules otherwise).

The weights are trained by `bench/train_stance.py` on the ANS Arabic news-title
pairs (train split) and kept in `stance_weights.json` next to this module; the
labels are the corpus's agree / disagree / other, which the workbench reads as
supports / refutes / context. bench/stance.py measures both readers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import semantic
from .evidence import check_figures
from .matching import SAME_CLAIM_COSINE
from .text.tokens import WORD, fold, tokenize

# --- rules ------------------------------------------------------------------------

# Negation and denial cues (folded forms). A cue present on one side only
# suggests the two texts disagree.
_NEGATION = frozenset(
    """لا لم لن ليس ليست غير عدم نفى نفت ينفي تنفي بدون دون ينفى لايوجد كذب كذبت زيف مزيف مفبرك شائعة شائعات
    خطا ينكر انكر تنكر يرفض رفض رفضت ترفض not no never false fake denied denies deny hoax debunked myth untrue
    without""".split()
)
# Opposite poles: a word containing a stem of one pole in the claim and of the
# other pole in the passage (and not the first) reads as a contradiction. Stems
# are folded forms matched inside words, so clitics and inflections still match.
_POLES = [
    (("رتفع", "ارتفاع", "صعود", "يصعد", "تصعد", "قفز", "زياد", "يزيد", "تزيد", "مكاسب", "rise", "rose", "increase", "up", "gain", "higher"),
     ("نخفض", "انخفاض", "تراجع", "هبوط", "هبط", "تهوي", "يهوي", "تدهور", "خفض", "fall", "fell", "decrease", "drop", "down", "lower")),
    (("فوز", "فاز", "يفوز", "تفوز", "انتصار", "won", "win"), ("خسر", "خسار", "هزيم", "lost", "lose", "defeat")),
    (("منح", "يمنح", "تمنح", "سمح", "يسمح", "وافق", "يوافق", "قبول", "allow", "approve", "grant"),
     ("منع", "يمنع", "تمنع", "رفض", "يرفض", "ترفض", "حظر", "ban", "reject", "refuse", "deny")),
    (("اتفاق", "تعاون", "توافق", "تحالف", "agree", "deal"), ("خلاف", "نزاع", "قطيع", "dispute", "rift")),
    (("هدوء", "تهدئ", "سلام", "calm", "peace"), ("اشتباك", "مواجهات", "تصعيد", "حرب", "هجوم", "clash", "war", "attack")),
    (("يباشر", "بدء", "تبدا", "يبدا", "انطلاق", "افتتاح", "start", "begin", "open"),
     ("تاجيل", "الغاء", "توقف", "وقف", "اغلاق", "postpone", "cancel", "close", "halt")),
    (("نجاح", "نجح", "تنجح", "ينجح", "success"), ("فشل", "تفشل", "يفشل", "fail")),
    (("وفاه", "مقتل", "موت", "قتل", "died", "dead", "killed"), ("نجا", "ينجو", "على قيد الحياه", "alive", "survive")),
    (("اعتقال", "سجن", "توقيف", "arrest", "jail"), ("افراج", "اطلاق سراح", "release", "freed")),
    (("اعدام", "ادانه", "convict", "sentence"), ("براءه", "تبرئه", "acquit")),
    (("ازمه", "انهيار", "crisis", "collapse"), ("يتعافى", "تتعافى", "تعافي", "انتعاش", "recover")),
    (("احتجاج", "تظاهر", "غضب", "protest", "anger"), ("يشيد", "اشاد", "تشيد", "ترحيب", "praise", "welcome")),
    (("اكبر", "اعلى", "اكثر", "larger", "more"), ("اصغر", "ادنى", "اقل", "smaller", "less", "fewer")),
]
_POLES = [(tuple(fold(w) for w in a), tuple(fold(w) for w in b)) for a, b in _POLES]

# Relevance below which a passage is "unrelated", and above which agreement
# without contradiction cues is "supports" rather than "context".
STANCE_UNRELATED_BELOW = 0.12
STANCE_SUPPORTS_FROM = 0.45


@dataclass
class StanceSuggestion:
    """A suggested stance with the reasons an editor can read."""

    stance: str  # supports | refutes | context | unrelated
    overlap: float
    reasons: list[str] = field(default_factory=list)


def _plain_words(text: str) -> set[str]:
    return set(WORD.findall(fold(text)))


def _pole_hits(text: str, stems: tuple[str, ...]) -> set[str]:
    words = WORD.findall(text)
    hits = set()
    for stem in stems:
        if " " in stem:
            if stem in text:
                hits.add(stem)
        elif stem.isascii():
            # English stems must be whole words or simple inflections ("rise" in "rises", not "enterprise").
            if any(w == stem or (w.startswith(stem) and len(w) - len(stem) <= 3) for w in words):
                hits.add(stem)
        elif any(stem in w for w in words):
            hits.add(stem)
    return hits


def _opposite(claim: str, passage: str) -> str | None:
    """A pair of opposite words, one pole in the claim and the other only in the passage."""
    a, b = fold(claim), fold(passage)
    for left, right in _POLES:
        for mine, theirs in ((left, right), (right, left)):
            in_claim, in_passage = _pole_hits(a, mine), _pole_hits(b, theirs)
            if in_claim and in_passage and not _pole_hits(b, mine) and not _pole_hits(a, theirs):
                return f"{sorted(in_claim)[0]} / {sorted(in_passage)[0]}"
    return None


@dataclass
class StanceCues:
    """What the stance rules read in a claim and a passage (also features of the learned model)."""

    overlap: float  # share of the claim's tokens found in the passage
    negation: str = ""  # negation words present on one side only
    opposite: str = ""  # a pair of opposite words, one on each side
    mismatched: list[str] = field(default_factory=list)  # the claim's figures the passage contradicts


def stance_cues(claim: str, passage: str) -> StanceCues:
    """Overlap and contradiction cues between `claim` and `passage`."""
    claim_tokens = set(tokenize(claim))
    passage_tokens = set(tokenize(passage))
    overlap = len(claim_tokens & passage_tokens) / len(claim_tokens) if claim_tokens else 0.0
    claim_words, passage_words = _plain_words(claim), _plain_words(passage)
    neg_claim, neg_passage = claim_words & _NEGATION, passage_words & _NEGATION
    negation = ", ".join(sorted(neg_claim or neg_passage)) if bool(neg_claim) != bool(neg_passage) else ""
    return StanceCues(
        overlap=overlap, negation=negation, opposite=_opposite(claim, passage) or "",
        mismatched=[c.figure for c in check_figures(claim, [passage]) if c.status == "mismatch"],
    )


def suggest_by_rules(claim: str, passage: str) -> StanceSuggestion:
    """Suggest how `passage` bears on `claim`: supports, refutes, context or unrelated.

    Overlap is the share of the claim's tokens found in the passage. Contradiction
    cues are a negation on one side only, an opposite word pair, or a figure of the
    same kind with a different value. It is a suggestion; the editor decides.
    """
    cues = stance_cues(claim, passage)
    overlap = cues.overlap
    if overlap < STANCE_UNRELATED_BELOW:
        return StanceSuggestion("unrelated", overlap, ["few of the claim's words appear"])
    reasons = []
    if cues.negation:
        reasons.append(f"negation on one side: {cues.negation}")
    if cues.opposite:
        reasons.append(f"opposite words: {cues.opposite}")
    if cues.mismatched:
        reasons.append(f"different figures: {', '.join(cues.mismatched)}")
    if reasons:
        return StanceSuggestion("refutes", overlap, reasons)
    if overlap >= STANCE_SUPPORTS_FROM:
        return StanceSuggestion("supports", overlap, ["most of the claim's words appear, no contradiction cue"])
    return StanceSuggestion("context", overlap, ["related, neither confirms nor contradicts"])


# --- learned model ---------------------------------------------------------------

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
    better than the rules, see bench/stance.py); `suggest_by_rules` otherwise.
    """
    sentence = closest_sentence(claim, passage)
    try:
        vectors = [_vector(claim), _vector(sentence)]
        cues = stance_cues(claim, sentence)
        probs = probabilities(features(vectors[0], vectors[1], cues))[0]
    except (semantic.SemanticUnavailable, OSError, ValueError, KeyError):
        return suggest_by_rules(claim, passage)
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
