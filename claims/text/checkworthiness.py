"""Check-worthiness: a score from 0 to 1, a flag, a kind and reasons in words.

Two parts are mixed on the log-odds scale:

* editor-readable cues (a figure, a date, a named person or body, an
  attribution, a quote, a treaty or deal, a comparison, a cause; against:
  hedges, opinion and prediction wording, questions, headings), with weights
  learned from labelled sentences (`models/cue-weights.json`) or set by hand
  where the training data has no examples, so the reasons shown are the
  reasons that counted;
* where a model file exists for the language (`models/checkworthiness-<lang>.json`),
  a linear model over word and character n-grams. Its `rule_mix` says how much
  the cues weigh against it. Arabic ships without one: on out-of-domain text
  the cues alone did as well (see `bench/train_checkworthiness.py`);
* when the caller passes the sentence's embedding and the language has an
  embedding head (`models/checkworthiness-<lang>-e5.json`), a logistic
  regression over the multilingual-e5-small vector, mixed in as the head says.

A per-language offset on the log-odds (`language_offset` in
`models/cue-weights.json`) moves the flag's cut-off where cross-validation on
that language's training data put it (Arabic: blocked by time, as its tweets
drift in topic); languages without one use 0.

Files are loaded once per process, lazily, from the repository.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import lexicons as lx
from .entities import Entity
from .normalize import normalize

MODEL_DIR = Path(__file__).with_name("models")
THRESHOLD = 0.5


@dataclass
class Cues:
    """What a sentence contains, as flags the score and the reasons read."""

    figure: bool = False
    date: bool = False
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    attribution: bool = False
    quote_speaker: str | None = None
    treaty: bool = False
    comparison: bool = False
    measure: bool = False
    causal: bool = False
    hedge: bool = False
    evaluative: bool = False
    prediction: bool = False
    question: bool = False
    heading: bool = False
    short: bool = False
    first_person: bool = False


_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w\-']+")


def _phrases(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![\w])", re.IGNORECASE)


# Arabic phrases may carry a leading و/ف/ب/ل clitic.
def _ar_phrases(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w])[وفبل]?(?:" + "|".join(re.escape(normalize(w)) for w in
                                                       sorted(words, key=len, reverse=True)) + r")(?![\w])")


_HEDGE = (_ar_phrases(lx.AR_HEDGES), _phrases(lx.EN_HEDGES))
_EVAL = (_ar_phrases(lx.AR_EVALUATIVE), _phrases(lx.EN_EVALUATIVE))
_TREATY = (_ar_phrases(lx.AR_TREATY), _phrases(lx.EN_TREATY))
_CAUSAL = (_ar_phrases(lx.AR_CAUSAL), _phrases(lx.EN_CAUSAL))
_MEASURE = (_ar_phrases(lx.AR_MEASURES), _phrases(lx.EN_MEASURES))
_COMPARE = (_ar_phrases(lx.AR_COMPARISON), _phrases(lx.EN_COMPARISON))
_NUMBER_WORDS = (_ar_phrases(lx.AR_NUMBER_WORDS + lx.AR_QUANTITY_WORDS), _phrases(lx.EN_NUMBER_WORDS))
_SOURCE = _ar_phrases(tuple(m.strip() for m in lx.AR_SOURCE_MARKERS))
_SPEECH = frozenset(lx.AR_SPEECH_VERBS | lx.EN_SPEECH_VERBS | lx.AR_REPORTING_NOUNS | lx.EN_REPORTING_NOUNS
                    | {"و" + w for w in lx.AR_REPORTING_NOUNS})
_AR_PREDICTION = re.compile(r"(?<![\w])(?:لن|سوف|من المتوقع|يتوقع|تتوقع|[وف]?س[يتن][\u0621-\u064a]{3,})(?![\w])")
# Words that start like a future verb (سيـ, ستـ, سنـ) but are nouns or names.
_AR_NOT_FUTURE = frozenset(normalize(w) for w in lx.AR_SIN_NOUNS)
# "قد" before an imperfect verb is "may" ("قد تعود"); before a perfect verb it
# is "has" ("قد أوقفت"), a statement. Feminine perfect verbs end in ت.
_AR_MAY = re.compile(r"(?<![\w])قد\s+(?:[ين][\u0621-\u064a]{2,}|ت[\u0621-\u064a]{1,}(?<!ت))(?![\w])")
_EN_PREDICTION = re.compile(r"\b(?:will|won't|would|going to|gonna|shall)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|we|we're|we've|my|our|you|your)\b|(?<![\w])(?:انا|نحن|انني|اننا)(?![\w])",
                           re.IGNORECASE)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _matches(patterns: tuple[re.Pattern, re.Pattern], norm: str, scripts: tuple[bool, bool]) -> bool:
    """Whether the (Arabic, English) pair matches, trying only the scripts the sentence has."""
    return any(p.search(norm) for p, present in zip(patterns, scripts, strict=True) if present)


def find_cues(text: str, kind: str, entities: list[Entity], quote_speaker: str | None) -> Cues:
    """Collect the cues of one sentence (`text` is its original text)."""
    norm = normalize(text)
    words = _WORDS.findall(norm)
    lowered = [w.lower() for w in words]
    scripts = (bool(_ARABIC_LETTER.search(norm)), bool(_LATIN_LETTER.search(norm)))
    cues = Cues(quote_speaker=quote_speaker)
    for e in entities:
        if e.label == "quantity":
            cues.figure = True
        elif e.label == "date":
            cues.date = True
        elif e.label == "person":
            cues.people.append(e.text)
        elif e.label == "organization":
            cues.organizations.append(e.text)
        elif e.label == "place":
            cues.places.append(e.text)
        elif e.label == "equipment":
            cues.equipment.append(e.text)
    cues.figure = cues.figure or _matches(_NUMBER_WORDS, norm, scripts) or bool(
        _DIGIT.search(norm) and not cues.date and not cues.equipment)
    cues.attribution = any(w in _SPEECH for w in lowered) or bool(_SOURCE.search(norm))
    cues.treaty = _matches(_TREATY, norm, scripts)
    cues.comparison = _matches(_COMPARE, norm, scripts)
    cues.measure = _matches(_MEASURE, norm, scripts)
    cues.causal = _matches(_CAUSAL, norm, scripts)
    cues.hedge = _matches(_HEDGE, norm, scripts) or bool(_AR_MAY.search(norm))
    cues.evaluative = _matches(_EVAL, norm, scripts)
    cues.prediction = bool(_EN_PREDICTION.search(norm)) or any(
        m.group().lstrip("وف") not in _AR_NOT_FUTURE and m.group() not in _AR_NOT_FUTURE
        for m in _AR_PREDICTION.finditer(norm))
    cues.first_person = bool(_FIRST_PERSON.search(norm))
    stripped = norm.rstrip(' "\')]»”')
    cues.question = stripped.endswith(("?", "؟"))
    cues.heading = kind == "heading"
    cues.short = len(words) < 5
    return cues


# Cue weights on the log-odds scale are learned by `bench/train_checkworthiness.py`
# (a logistic regression over the cue vectors of the CheckThat! training sets)
# and kept in `models/cue-weights.json`. Debates and tweets have no headings and
# few attributed quotes, treaties or model codes, so those weights are set by
# hand and override the learned ones; they also serve when the file is absent.
HAND_SET_WEIGHTS = {
    "heading": -4.0, "short": -1.0, "quote": 0.6, "treaty": 0.9, "equipment": 0.8, "evaluative": -1.0,
}
_DEFAULT_WEIGHTS = {
    "figure": 1.0, "date": 0.6, "person": 0.4, "organization": 0.4, "place": 0.3, "attribution": 0.4,
    "comparison": 0.4, "measure": 0.8, "causal": 0.4, "hedge": -1.0, "prediction": -0.4, "question": -1.5,
    "first_person": -0.2,
}
_DEFAULT_BIAS = -0.8


@lru_cache(maxsize=1)
def _cue_file() -> dict:
    path = MODEL_DIR / "cue-weights.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@lru_cache(maxsize=1)
def cue_weights() -> tuple[float, dict[str, float]]:
    """``(bias, weights)`` for the cues: learned ones from the repository, hand-set overrides."""
    data = _cue_file()
    bias, weights = data.get("bias", _DEFAULT_BIAS), dict(_DEFAULT_WEIGHTS)
    weights.update(data.get("weights", {}))
    weights.update(HAND_SET_WEIGHTS)
    return bias, weights


def language_offset(language: str) -> float:
    """Log-odds added for `language` (its cut-off as chosen by cross-validation), 0 if none."""
    return float(_cue_file().get("language_offset", {}).get(language, 0.0))


def cue_vector(cues: Cues) -> dict[str, float]:
    """The cues as numeric features (shared by the rules and the learned model)."""
    return {
        "figure": float(cues.figure), "date": float(cues.date),
        "person": min(len(cues.people), 2) / 1.0, "organization": min(len(cues.organizations), 2) / 1.0,
        "place": min(len(cues.places), 2) / 2.0, "equipment": float(bool(cues.equipment)),
        "attribution": float(cues.attribution), "quote": float(cues.quote_speaker is not None),
        "treaty": float(cues.treaty), "comparison": float(cues.comparison), "measure": float(cues.measure),
        "causal": float(cues.causal),
        "hedge": float(cues.hedge), "evaluative": float(cues.evaluative), "prediction": float(cues.prediction),
        "question": float(cues.question), "heading": float(cues.heading), "short": float(cues.short),
        "first_person": float(cues.first_person),
    }


def reasons_for(cues: Cues) -> list[str]:
    """Short editor-readable reasons, most telling first."""
    out = []
    if cues.heading:
        out.append("looks like a heading, not a statement")
    if cues.quote_speaker is not None:
        out.append(f"quotes {cues.quote_speaker}" if cues.quote_speaker else "contains a quotation")
    if cues.figure:
        out.append("has a figure")
    if cues.date:
        out.append("has a date")
    if cues.people:
        out.append("names a person: " + ", ".join(dict.fromkeys(cues.people[:3])))
    if cues.organizations:
        out.append("names a body: " + ", ".join(dict.fromkeys(cues.organizations[:3])))
    if cues.places:
        out.append("names a place: " + ", ".join(dict.fromkeys(cues.places[:3])))
    if cues.equipment:
        out.append("names equipment: " + ", ".join(dict.fromkeys(cues.equipment[:3])))
    if cues.attribution and cues.quote_speaker is None:
        out.append("attributed to a source")
    if cues.treaty:
        out.append("mentions a treaty or deal")
    if cues.comparison:
        out.append("makes a comparison")
    if cues.measure and not cues.figure:
        out.append("refers to a measurable quantity")
    if cues.causal:
        out.append("states a cause")
    if cues.hedge:
        out.append("hedged or opinion wording")
    if cues.evaluative:
        out.append("evaluative wording")
    if cues.prediction:
        out.append("a prediction")
    if cues.question:
        out.append("a question")
    if cues.short and not cues.heading:
        out.append("too short to check")
    return out


def kind_for(cues: Cues, score: float) -> str:
    """One of statistic, quote, event, attribution, treaty, causal, opinion, other."""
    if cues.heading:
        return "other"
    if cues.quote_speaker is not None:
        return "quote"
    if (cues.hedge or cues.evaluative or cues.prediction or cues.question) and score < THRESHOLD:
        return "opinion"
    if cues.treaty:
        return "treaty"
    if cues.figure or cues.measure:
        return "statistic"
    if cues.causal:
        return "causal"
    if cues.attribution:
        return "attribution"
    if cues.date or cues.people or cues.organizations or cues.places or cues.equipment:
        return "event"
    return "opinion" if score < 0.3 and len(cues.people) == 0 else "other"


def rule_logit(cues: Cues) -> float:
    """Log-odds from the cues alone."""
    bias, weights = cue_weights()
    return bias + sum(weights.get(k, 0.0) * v for k, v in cue_vector(cues).items())


# --- learned model -------------------------------------------------------

_TOKEN = re.compile(r"[\w']+|[^\w\s]")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")


def _tokens(text: str) -> list[str]:
    norm = normalize(text).lower()
    norm = _URL.sub(" URL ", norm)
    norm = _MENTION.sub(" @USER ", norm).replace("#", " ")
    return _TOKEN.findall(_DIGIT.sub("0", norm))


@lru_cache(maxsize=200_000)
def _char_grams(token: str) -> tuple[str, ...]:
    """Character 2-5 grams of one token, padded with spaces (cached: words repeat)."""
    padded = f" {token} "
    n = len(padded)
    return tuple("c:" + padded[i:i + size] for size in (2, 3, 4, 5) for i in range(n - size + 1))


def _word_features(tokens: list[str]) -> set[str]:
    words = {"w:" + t for t in tokens}
    words.update("b:" + a + " " + b for a, b in zip(tokens, tokens[1:], strict=False))
    return words


def text_features(text: str) -> dict[str, float]:
    """Word 1-2 grams (binary) and character 2-5 grams of the distinct words (counts).

    Each group is scaled by one over the square root of its size, so long and
    short sentences weigh alike. The same function builds the training matrix;
    `LinearModel.logit` computes the same sum faster with per-word caches.
    """
    tokens = _tokens(text)
    feats: dict[str, float] = {}
    words = _word_features(tokens)
    if words:
        feats.update(dict.fromkeys(words, 1.0 / math.sqrt(len(words))))
    grams = [g for t in set(tokens) for g in _char_grams(t)]
    if grams:
        scale = 1.0 / math.sqrt(len(grams))
        for g in grams:
            feats[g] = feats.get(g, 0.0) + scale
    return feats


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression stored as JSON: n-gram weights, cue weights, bias."""

    weights: dict[str, float]
    cue_weights: dict[str, float]
    bias: float
    rule_mix: float
    _cache: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def logit(self, text: str, cues: Cues) -> float:
        """Log-odds of the Yes class for one sentence (same value as over `text_features`)."""
        tokens = _tokens(text)
        total = self.bias
        words = _word_features(tokens)
        if words:
            get = self.weights.get
            total += sum(get(w, 0.0) for w in words) / math.sqrt(len(words))
        distinct = set(tokens)
        if distinct:
            n_grams = sum(len(_char_grams(t)) for t in distinct)
            total += sum(self._token_weight(t) for t in distinct) / math.sqrt(n_grams)
        for name, value in cue_vector(cues).items():
            total += self.cue_weights.get(name, 0.0) * value
        return total

    def _token_weight(self, token: str) -> float:
        cached = self._cache.get(token)
        if cached is None:
            get = self.weights.get
            cached = sum(get(g, 0.0) for g in _char_grams(token))
            if len(self._cache) < 500_000:
                self._cache[token] = cached
        return cached


@lru_cache(maxsize=4)
def load_model(language: str) -> LinearModel | None:
    """The model for `language` from `MODEL_DIR`, once per process; None if absent."""
    path = MODEL_DIR / f"checkworthiness-{language}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return LinearModel(data["weights"], data["cue_weights"], data["bias"], data.get("rule_mix", 0.5))


# --- sentence-embedding head ---------------------------------------------
# A logistic regression over the sentence's multilingual-e5-small vector (the
# "query: " embedding, see `claims/semantic.py`), trained by
# `bench/train_checkworthiness.py` and kept in `models/checkworthiness-<lang>-e5.json`.
# The vector knows what a sentence is about beyond its words (a claim about
# jobs phrased in words never seen in training), which n-grams cannot. The
# pipeline stays pure: the caller passes the vectors in; without them the
# score is the text model's alone, so nothing depends on the embedding model.


@dataclass(frozen=True)
class EmbeddingHead:
    """Weights over an embedding and how its log-odds mix with the text score.

    ``logit = (1 - rule_mix) * ((1 - mix) * text + mix * head) + rule_mix * cues + offset``,
    where `text` is the n-gram model's log-odds (the cues' when the language
    has no n-gram model). All four numbers were chosen together by
    cross-validation on the training data, and `offset` replaces the
    language offset of the text-only path.
    """

    weights: tuple[float, ...]
    bias: float
    mix: float
    rule_mix: float
    offset: float

    def logit(self, vector) -> float:
        """The head's own log-odds for one embedding (any sequence of floats)."""
        if len(vector) != len(self.weights):
            raise ValueError(f"expected a vector of {len(self.weights)} numbers, got {len(vector)}")
        return self.bias + math.fsum(w * float(v) for w, v in zip(self.weights, vector, strict=True))


@lru_cache(maxsize=4)
def load_embedding_head(language: str) -> EmbeddingHead | None:
    """The embedding head for `language` from `MODEL_DIR`, once per process; None if absent."""
    path = MODEL_DIR / f"checkworthiness-{language}-e5.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return EmbeddingHead(tuple(data["weights"]), data["bias"], data["mix"], data["rule_mix"], data["offset"])


def score(text: str, cues: Cues, language: str, vector=None) -> float:
    """Probability-like score in [0, 1] that the sentence is worth checking.

    `vector` is the sentence's e5 embedding when the caller has one; it is
    used only where the language has an embedding head.
    """
    rule = rule_logit(cues)
    if cues.heading:
        return round(_sigmoid(rule), 4)
    model = load_model(language)
    text_logit = model.logit(text, cues) if model is not None else rule
    head = load_embedding_head(language) if vector is not None else None
    if head is not None:
        mixed = (1 - head.mix) * text_logit + head.mix * head.logit(vector)
        return round(_sigmoid((1 - head.rule_mix) * mixed + head.rule_mix * rule + head.offset), 4)
    logit = rule
    if model is not None:
        logit = model.rule_mix * rule + (1 - model.rule_mix) * text_logit
    return round(_sigmoid(logit + language_offset(language)), 4)



def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))
