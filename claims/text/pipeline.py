"""From an article's text to claims anchored at exact spans.

`extract()` segments the text (`segment.py`: sentences, headings, captions),
splits a sentence at a clause break only where its two halves are statements
of different kinds (a fact and a hedged opinion), finds entities (`entities.py`), quotes and their
speakers (`quotes.py`) and cited sources, and scores each claim
(`checkworthiness.py`). Every claim is returned, check-worthy or not, so an
editor sees opinions too, flagged low. Offsets always index the original text:
``text[claim.start:claim.end] == claim.text``.

Sentence embeddings sharpen the score where the language has an embedding
head. The pipeline does not load a model itself: the caller passes `embed`, a
function from a list of sentences to their vectors (`claims.semantic.embed_queries`
in the workbench), so this module stays pure Python and fast tests stay fast.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import checkworthiness as cw
from . import lexicons as lx
from .entities import Entity, find_entities
from .language import detect_language
from .normalize import match_key
from .quotes import Quote, find_cited_sources, find_quote
from .segment import STATEMENT_KINDS, Segment, segment

__all__ = ["ClaimSpan", "Entity", "Extraction", "Quote", "extract"]


@dataclass(frozen=True)
class ClaimSpan:
    """One claim: its text at original ``[start, end)``, score, kind and reasons."""

    text: str
    start: int
    end: int
    checkworthy: bool
    score: float
    kind: str
    reasons: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quote: Quote | None = None


@dataclass(frozen=True)
class Extraction:
    """The result for one text: its language, claims, entities and cited sources."""

    language: str
    claims: list[ClaimSpan]
    entities: list[Entity] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    # "text" (n-grams and cues) or "text+embeddings"; when embeddings were asked
    # for but not used, `embedding_note` says why.
    scored_with: str = "text"
    embedding_note: str = ""


Embedder = Callable[[list[str]], Sequence[Sequence[float]]]
# Embedding costs 30-60 ms a sentence on one core: an article of a few hundred
# sentences takes seconds, a 5 MB dump would take an hour. Beyond this many
# units the text model alone scores them (the caller can lift the limit).
MAX_EMBEDDED_UNITS = 400
# The encoder's cost grows faster than the length of its input (about 0.15 s for
# 20 words, 5 s for 500, minutes for a 16,000-word run on one core), and the
# heads were trained on sentences of a few dozen words: each unit is embedded
# from its first words only.
EMBED_MAX_WORDS = 64

_HAS_WORD = re.compile(r"\w")
_AR_SPLIT = re.compile(
    r"[،,]\s*(?=(?:" + "|".join(sorted(lx.AR_CLAUSE_SPLITTERS, key=len, reverse=True)) + r")(?![\w]))"
    r"|[؛;]\s*"
)
_EN_SPLIT = re.compile(r",\s+(?=(?:" + "|".join(lx.EN_CLAUSE_SPLITTERS) + r")\b)|;\s+")
_QUOTE_CHARS = re.compile(r'["«»“”„]')
_CONCESSIVE = re.compile(r"(?<![\w])(?:و?رغم|بالرغم|على الرغم|although|though|even though)(?![\w])", re.IGNORECASE)
_CONCESSIVE_MAIN = re.compile(r"إلا|الا")
# Both halves need this many words to stand as claims of their own.
_MIN_CLAUSE_WORDS = 5


def extract(text: str, language: str | None = None, *, lines: bool = False, embed: Embedder | None = None,
            embed_limit: int | None = MAX_EMBEDDED_UNITS) -> Extraction:
    """Extract claims from `text`.

    `language` is "ar", "en", or None/"auto" to detect it. With ``lines=True``
    every line is one claim, in order (blank lines give empty claims), and no
    segmentation or clause splitting happens. `embed` (optional) turns a list
    of sentences into their e5 vectors; it is called once, for at most
    `embed_limit` units (None: no limit). Never raises on odd input, nor when
    `embed` fails: the text model then scores alone.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if language not in ("ar", "en"):
        language = detect_language(text)
    if lines:
        units = _line_units(text)
    else:
        units = [s for seg in segment(text) for s in _split_clauses(text, seg, language)]
    claims: list[ClaimSpan] = []
    all_entities: list[Entity] = []
    sources: dict[str, str] = {}
    known_people: set[str] = set()
    last_person: str | None = None
    vectors, note = _unit_vectors(text, units, language, embed, embed_limit)
    for index, unit in enumerate(units):
        claim = _claim(text, unit, language, known_people, last_person, vectors.get(index))
        claims.append(claim)
        all_entities.extend(claim.entities)
        people = [e.text for e in claim.entities if e.label == "person"]
        if people:
            last_person = people[-1]
        if unit.end > unit.start:
            for name in find_cited_sources(text, unit.start, unit.end):
                sources.setdefault(match_key(name), name)
    return Extraction(language=language, claims=claims, entities=all_entities, cited_sources=list(sources.values()),
                      scored_with="text+embeddings" if vectors else "text", embedding_note=note)


def _unit_vectors(text: str, units: list[Segment], language: str, embed: Embedder | None,
                  limit: int | None) -> tuple[dict[int, Sequence[float]], str]:
    """Vectors of the units worth embedding, by unit index, and a note when none were made."""
    if embed is None:
        return {}, ""
    head = cw.load_embedding_head(language)
    if head is None:  # the language is scored by its text model alone, by design
        return {}, ""
    # Headings, captions and pieces cut from a run with no punctuation are not
    # sentences like the ones the head learned from; the text model scores them.
    wanted = [i for i, u in enumerate(units)
              if u.kind in STATEMENT_KINDS and u.whole and _HAS_WORD.search(text, u.start, u.end)]
    if not wanted:
        return {}, ""
    if limit is not None and len(wanted) > limit:
        return {}, f"{len(wanted)} sentences, more than the {limit} that are embedded"
    try:
        vectors = list(embed([_embedding_input(text[units[i].start:units[i].end]) for i in wanted]))
    except Exception as exc:  # the embedder is the caller's; its failure must not lose the claims
        return {}, f"embedding failed: {exc}"
    if len(vectors) != len(wanted):
        return {}, f"embedding returned {len(vectors)} vectors for {len(wanted)} sentences"
    if any(len(v) != len(head.weights) for v in vectors):
        return {}, f"embedding vectors are not {len(head.weights)} numbers long"
    if not all(math.isfinite(x) for v in vectors for x in v):
        return {}, "embedding returned a vector with NaN or infinity"
    return dict(zip(wanted, vectors, strict=True)), ""


def _embedding_input(sentence: str) -> str:
    words = sentence.split()
    return sentence if len(words) <= EMBED_MAX_WORDS else " ".join(words[:EMBED_MAX_WORDS])


def _claim(text: str, unit: Segment, language: str, known_people: set[str], last_person: str | None,
           vector: Sequence[float] | None = None) -> ClaimSpan:
    start, end = unit.start, unit.end
    body = text[start:end]
    if not _HAS_WORD.search(body) or unit.kind == "noise":
        return ClaimSpan(body, start, end, False, 0.0, "other", ["no words to check"])
    statement = unit.kind in STATEMENT_KINDS
    entities = find_entities(text, start, end, known_people)
    quote = find_quote(text, start, end, entities, last_person) if statement else None
    # A caption is scored as what it is to the reader: a display line, not a statement.
    cues = cw.find_cues(body, unit.kind if statement else "heading", entities, quote.speaker if quote else None)
    score = cw.score(body, cues, language, vector)
    return ClaimSpan(
        text=body, start=start, end=end, checkworthy=statement and score >= cw.THRESHOLD, score=score,
        kind=cw.kind_for(cues, score), reasons=cw.reasons_for(cues), entities=entities, quote=quote,
    )


def _line_units(text: str) -> list[Segment]:
    units = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        s, e = pos, pos + len(body)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        units.append(Segment(s, e))
        pos += len(line)
    return units


def _split_clauses(text: str, seg: Segment, language: str) -> list[Segment]:
    """Split a sentence at clause breaks where the statements on either side differ in kind.

    Candidate breaks are a comma before a contrast or hedge opener ("، لكن",
    "، من غير المرجح", ", but", ", perhaps") or a semicolon, outside quotes. A
    sentence is cut there only when the piece before and the piece after are
    of different kinds, a checkable fact and a hedged or predicting opinion:
    "X signed a deal in 2023, but the first shipments have not arrived" stays
    one claim, "X raised fuel prices by 15 %, it is unlikely to back down" is
    two. Pieces of the same kind are joined again, so a sentence with three
    facts stays whole.
    """
    if seg.kind != "sentence" or seg.end - seg.start < 40:
        return [seg]
    body = text[seg.start:seg.end]
    cuts = []
    for pattern in (_AR_SPLIT, _EN_SPLIT):
        for m in pattern.finditer(body):
            # An odd number of quote marks before the break means we are inside a quote.
            if len(_QUOTE_CHARS.findall(body, 0, m.start())) % 2 == 0:
                cuts.append((m.start(), m.end()))
    if not cuts:
        return [seg]
    pieces = []
    last = 0
    for cut_start, cut_end in sorted(cuts):
        if _CONCESSIVE_MAIN.match(body, cut_end) and _CONCESSIVE.search(body, last, cut_start):
            # "رغم أن X، إلا أن Y" is one statement: Y is the main clause of X.
            continue
        if _words(body[last:cut_start]) >= _MIN_CLAUSE_WORDS and _words(body[cut_end:]) >= _MIN_CLAUSE_WORDS:
            pieces.append((last, cut_start, cut_end))
            last = cut_end
    if not pieces:
        return [seg]
    pieces.append((last, len(body), len(body)))
    # Join neighbours of the same kind; a piece keeps the break's comma or
    # semicolon when it is joined to the next one.
    merged: list[list[int]] = []
    merged_kinds: list[bool] = []
    for s, e, after in pieces:
        opinion = _is_opinion(body[s:e], language)
        if merged and merged_kinds[-1] == opinion:
            merged[-1][1], merged[-1][2] = e, after
        else:
            merged.append([s, e, after])
            merged_kinds.append(opinion)
    return [Segment(seg.start + s, seg.start + e) for s, e, _ in merged if s < e]


def _is_opinion(clause: str, language: str) -> bool:
    """Whether a clause is hedged, evaluative or a prediction rather than a statement of fact."""
    cues = cw.find_cues(clause, "sentence", [], None)
    return cues.hedge or cues.evaluative or cues.prediction or cues.question


def _words(s: str) -> int:
    return len(s.split())
