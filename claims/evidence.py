"""Evidence for a claim, in plain Python (no Django): passages, ranking, checks.

A fetched source is split into passages; each passage is scored against the
claim with BM25 over the matching tokens of claims/text/tokens.py, plus the
share of the claim's entities and numbers it repeats. The best passages are
kept, with the words that matched so the page can highlight them. Two checks
compare the claim with the passages: the figures check (numbers, amounts,
years: match, mismatch or absent) and the title check (a position held on a
date). The stance suggestion lives in claims/stance.py.

Everything here takes strings and returns dataclasses; `claims/gathering.py`
calls it with rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text.bm25 import BM25
from .text.tokens import WORD, fold, stem_ar, tokenize

# --- numbers -----------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3,
    "الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9, "بليون": 1e9,
    "ترليون": 1e12, "تريليون": 1e12,
}
_SCALES_FOLDED = {fold(w): v for w, v in _SCALES.items()}
_PERCENT_WORDS = ("%", "٪", "percent", "per cent", "بالمئة", "بالمائة", "في المئة", "في المائة")
_SCALE_WORDS = sorted({fold(w) for w in _SCALES}, key=len, reverse=True)
# Matched on folded text (so "بالمئة" is written "بالمئه" there); a digit run may
# follow a letter ("و700") but not another digit or separator.
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(\s*(?:" + "|".join(re.escape(fold(w)) for w in _PERCENT_WORDS) + r"))?"
    r"(?:\s*(" + "|".join(re.escape(w) for w in _SCALE_WORDS) + r")(?!\w))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A number found in text: its value, its kind (percent, year, amount) and the words as written."""

    value: float
    kind: str
    text: str


def figures(text: str) -> list[Figure]:
    """Numbers, percentages, amounts with scale words and years in `text` (Arabic or English)."""
    found = []
    folded = fold(text)
    for match in _NUMBER.finditer(folded):
        whole, decimals, percent, scale = match.groups()
        value = float(whole.replace(",", "") + (f".{decimals}" if decimals else ""))
        if percent:
            kind = "percent"
        elif scale:
            value *= _SCALES_FOLDED[scale.lower()]
            kind = "amount"
        elif not decimals and "," not in whole and 1800 <= value <= 2100:
            kind = "year"
        else:
            kind = "amount"
        found.append(Figure(value=value, kind=kind, text=match.group(0).strip()))
    return found


def _same_value(a: float, b: float) -> bool:
    # Reports round: 1.2 million and 1,200,000 are the same figure, 700,000 and 700,500 nearly.
    return a == b or abs(a - b) <= 0.005 * max(abs(a), abs(b))


@dataclass
class FigureCheck:
    """One figure of the claim against the passages: match, mismatch or absent."""

    figure: str
    kind: str
    status: str  # "match" | "mismatch" | "absent"
    found: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"figure": self.figure, "kind": self.kind, "status": self.status, "found": self.found}


def check_figures(claim: str, passages: list[str]) -> list[FigureCheck]:
    """Compare every figure in `claim` with those in `passages`.

    match: the same value (within rounding) appears; mismatch: no equal value,
    but a figure of the same kind does (a different percentage, year or amount);
    absent: the passages give no figure of that kind.
    """
    theirs = [fig for passage in passages for fig in figures(passage)]
    results = []
    for mine in figures(claim):
        same_kind = [fig for fig in theirs if fig.kind == mine.kind]
        equal = [fig.text for fig in same_kind if _same_value(fig.value, mine.value)]
        if equal:
            results.append(FigureCheck(mine.text, mine.kind, "match", equal[:3]))
        elif same_kind:
            results.append(FigureCheck(mine.text, mine.kind, "mismatch", [fig.text for fig in same_kind[:3]]))
        else:
            results.append(FigureCheck(mine.text, mine.kind, "absent"))
    return results


# --- passages ----------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+|\n+")


@dataclass
class Passage:
    """A piece of a source's text; `start`/`end` index the source text."""

    text: str
    start: int
    end: int


def split_passages(text: str, *, max_chars: int = 700) -> list[Passage]:
    """Split `text` into passages of whole sentences, each at most about `max_chars` long.

    Paragraphs are kept whole when short enough; long ones are cut at sentence
    ends. Offsets point into `text`.
    """
    passages: list[Passage] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        chunk_start = None
        last_end = para.start()
        pos = para.start()
        sentence_bounds = []
        for sep in _SENTENCE_END.finditer(para.group(0)):
            sentence_bounds.append((pos, para.start() + sep.start()))
            pos = para.start() + sep.end()
        sentence_bounds.append((pos, para.end()))
        for s_start, s_end in sentence_bounds:
            if s_end <= s_start:
                continue
            if chunk_start is None:
                chunk_start = s_start
            elif s_end - chunk_start > max_chars:
                passages.append(_passage(text, chunk_start, last_end))
                chunk_start = s_start
            last_end = s_end
        if chunk_start is not None:
            passages.append(_passage(text, chunk_start, last_end))
    return [p for p in passages if p.text]


def _passage(text: str, start: int, end: int) -> Passage:
    raw = text[start:end]
    stripped = raw.strip()
    offset = raw.find(stripped) if stripped else 0
    return Passage(stripped, start + offset, start + offset + len(stripped))


# --- ranking -----------------------------------------------------------------------


@dataclass
class ScoredPassage:
    """A passage with its score against a claim and the claim words it contains."""

    text: str
    start: int
    end: int
    score: float
    bm25: float
    entity_overlap: float
    number_overlap: float
    coverage: float = 0.0
    matched_terms: list[str] = field(default_factory=list)


# Weights of the parts of a passage's score, measured on the CheckThat! 2019 Arabic
# passages (bench/passage_ranking.py). Coverage alone beat the earlier fusion
# (0.25/1/0.5/0.3): BM25 relative to the best passage and number overlap only
# added noise, so they weigh nothing now; a little entity overlap breaks ties.
W_BM25, W_COVER, W_ENTITY, W_NUMBER = 0.0, 1.0, 0.1, 0.0


def rank_passages(claim: str, passages: list[str], *, entities: list[str] | None = None,
                  top: int | None = 3) -> list[ScoredPassage]:
    """Score `passages` against `claim`, best first; keep `top` of them (all when None).

    The BM25 part is normalised by the best passage so it is comparable across
    sources; coverage is the share of the claim's distinct words in the
    passage; entity overlap is the share of `entities` (names in the claim) that
    occur in the passage; number overlap the share of the claim's figures that
    occur in it.
    """
    if not passages:
        return []
    query = tokenize(claim)
    docs = [tokenize(p) for p in passages]
    raw = BM25(docs).scores(query)
    best = max(raw) or 1.0
    entity_keys = [tokenize(name) for name in (entities or [])]
    entity_keys = [key for key in entity_keys if key]
    claim_figures = figures(claim)
    query_terms = set(query)
    scored = []
    for index, passage in enumerate(passages):
        doc_terms = set(docs[index])
        entity_overlap = (
            sum(1 for key in entity_keys if set(key) <= doc_terms) / len(entity_keys) if entity_keys else 0.0
        )
        if claim_figures:
            theirs = figures(passage)
            hits = sum(1 for mine in claim_figures if any(_same_value(mine.value, f.value) for f in theirs))
            number_overlap = hits / len(claim_figures)
        else:
            number_overlap = 0.0
        bm25 = raw[index] / best
        # Coverage (share of the claim's distinct words present) rewards a passage
        # that restates the whole claim over one that repeats a single rare word.
        coverage = len(query_terms & doc_terms) / len(query_terms) if query_terms else 0.0
        score = W_BM25 * bm25 + W_COVER * coverage + W_ENTITY * entity_overlap + W_NUMBER * number_overlap
        scored.append(ScoredPassage(
            text=passage, start=0, end=len(passage), score=score, bm25=raw[index],
            entity_overlap=entity_overlap, number_overlap=number_overlap, coverage=coverage,
            matched_terms=sorted(query_terms & doc_terms),
        ))
    scored.sort(key=lambda s: -s.score)
    return scored if top is None else scored[:top]


def best_passages(claim: str, source_text: str, *, entities: list[str] | None = None,
                  top: int = 3) -> list[ScoredPassage]:
    """Split `source_text` into passages and return the `top` best for `claim`, with offsets."""
    pieces = split_passages(source_text)
    ranked = rank_passages(claim, [p.text for p in pieces], entities=entities, top=None)
    by_text = {}
    for piece in pieces:
        by_text.setdefault(piece.text, piece)
    for item in ranked:
        piece = by_text[item.text]
        item.start, item.end = piece.start, piece.end
    return ranked[:top]


def highlight_spans(passage: str, matched_terms: list[str]) -> list[tuple[int, int]]:
    """Offsets of the words in `passage` whose matching token is one of `matched_terms`.

    The template wraps them in <mark> (after escaping), so the editor sees why a
    passage was chosen.
    """
    wanted = set(matched_terms)
    spans = []
    for word in WORD.finditer(passage):
        tokens = tokenize(word.group(0))
        if tokens and tokens[0] in wanted:
            spans.append((word.start(), word.end()))
    return spans


# --- title check -----------------------------------------------------------------------

_FORMER = frozenset(fold(w) for w in ("former", "ex", "السابق", "السابقة", "الاسبق", "سابق"))


@dataclass
class Position:
    """A position held (Wikidata P39) with its start (P580) and end (P582), when known."""

    id: str
    labels: list[str]
    start: object = None  # datetime.date | None
    end: object = None

    def held_on(self, day) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        label = next((lbl for lbl in self.labels if lbl), self.id)
        return f"{label} ({self.start or '?'} – {self.end or 'now'})"

    def as_dict(self) -> dict:
        return {"id": self.id, "labels": self.labels, "start": str(self.start or ""), "end": str(self.end or "")}


@dataclass
class TitleCheck:
    """A title given to a person in the claim against the positions they held on a date."""

    title: str
    status: str  # "match" | "mismatch" | "unknown"
    reason: str


def check_title(title: str, positions: list[Position], on) -> TitleCheck:
    """Check `title` (e.g. "former US president", "الرئيس الأمريكي السابق") on the date `on`.

    The position is the one whose label shares the most words with the title. A
    title with "former"/"السابق" expects the position to have ended by then; one
    without expects it to be held then. No matching position gives "unknown".
    """
    words = set(tokenize(title))
    former = bool(set(WORD.findall(fold(title))) & _FORMER)
    words -= {stem_ar(w) for w in _FORMER} | _FORMER
    best, best_overlap = [], 0
    for position in positions:
        label_words = set()
        for label in position.labels:
            label_words |= set(tokenize(label))
        overlap = len(words & label_words)
        if overlap > best_overlap:
            best, best_overlap = [position], overlap
        elif overlap and overlap == best_overlap:
            best.append(position)
    if not best:
        return TitleCheck(title, "unknown", "no position held matches the title")
    held = [p for p in best if p.held_on(on)]
    ended = [p for p in best if p.end is not None and p.end < on]
    if former:
        if held:
            return TitleCheck(title, "mismatch", f"still held on {on}: {held[0].describe()}")
        if ended:
            return TitleCheck(title, "match", f"ended before {on}: {ended[0].describe()}")
        return TitleCheck(title, "unknown", f"not yet held on {on}: {best[0].describe()}")
    if held:
        return TitleCheck(title, "match", f"held on {on}: {held[0].describe()}")
    return TitleCheck(title, "mismatch", f"not held on {on}: {best[0].describe()}")
