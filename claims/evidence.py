"""Evidence for a claim, in plain Python (no Django): passages, ranking, checks, stance.

A fetched source is split into passages; each passage is scored against the
claim with BM25 over Arabic- and English-aware tokens, plus the share of the
claim's entities and numbers it repeats. The best passages are kept, with the
words that matched so the page can highlight them. Two checks compare the
claim with the passages: the figures check (numbers, amounts, years: match,
mismatch or absent) and a stance suggestion (supports, refutes, context,
unrelated) that the editor may change.

Everything here takes strings and returns dataclasses; `claims/gathering.py`
calls it with rows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .text.normalize import normalize

# --- tokens ------------------------------------------------------------------------

# Matching folds harder than the extraction pipeline's normalisation
# (claims/text/normalize.py, which it builds on): taa marbuta and alef maqsura
# fold too, and Arabic thousands/decimal separators read like "700,000".
_MATCH_FOLD = str.maketrans({"ى": "ي", "ة": "ه", "\u066C": ",", "\u066B": "."})

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

_STOP_EN = frozenset(
    """a an the of to in on at for by with from and or but is are was were be been being it its this that these
    those as has have had do does did not no so if than then there their they them he she his her we our you your
    i me my will would can could should may might just about into over after before also which who whom what when
    where why how all any some more most other such only own same too very s t via rt amp""".split()
)
# Particles, pronouns and function words (after folding).
_STOP_AR = frozenset(
    """في من على الى عن مع ان او ثم قد لقد كان كانت يكون هذا هذه ذلك تلك هو هي هم هن نحن انا انت التي الذي الذين
    اللذين ما لا لم لن ليس بين عند كل بعد قبل حتى اذا اي ايضا لكن بل حيث منذ خلال عبر وقد وفي ومن وعلى وان
    او غير سوف كما فقط وهو وهي به بها له لها فيه فيها منه منها عليه عليها اليه التى""".split()
)

_AR_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")
_AR_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "نا", "ية", "يه", "ه", "ي")


def fold(text: str) -> str:
    """Lower-case and fold Arabic letter variants, diacritics and digits for matching."""
    return normalize(text).translate(_MATCH_FOLD).lower()


def _stem_ar(word: str) -> str:
    # Light stemming (after Larkey's light10): strip one article/clitic prefix and
    # one common suffix, never below three letters.
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    else:
        if word[0] in "وف" and len(word) >= 5:
            word = word[1:]
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stem_en(word: str) -> str:
    # A few inflections only: enough to meet "vaccines"/"vaccine", "claimed"/"claim".
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + keep
    return word


def tokenize(text: str) -> list[str]:
    """Matching tokens of `text`: folded, stop words removed, lightly stemmed (Arabic and English)."""
    tokens = []
    for word in _WORD.findall(fold(text)):
        if _ARABIC_LETTER.match(word):
            if word in _STOP_AR or len(word) < 2:
                continue
            tokens.append(_stem_ar(word))
        else:
            if word in _STOP_EN:
                continue
            tokens.append(_stem_en(word))
    return tokens


# --- BM25 --------------------------------------------------------------------------


class BM25:
    """Okapi BM25 over tokenised documents (k1, b as in Robertson and Zaragoza).

    Built once over a collection; `scores(query_tokens)` returns one score per
    document, `top(query_tokens, k)` the best indices. Only postings of the query
    terms are visited, so a 15,000-document collection answers in milliseconds.
    """

    def __init__(self, documents: list[list[str]], *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.size = len(documents)
        self.lengths = [len(doc) for doc in documents]
        self.avg_length = (sum(self.lengths) / self.size) if self.size else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for index, doc in enumerate(documents):
            for term, count in Counter(doc).items():
                self.postings.setdefault(term, []).append((index, count))

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def score_map(self, query: list[str]) -> dict[int, float]:
        """Scores of the documents that share at least one term with the query."""
        scores: dict[int, float] = {}
        avg = self.avg_length or 1.0
        for term, qcount in Counter(query).items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for index, tf in postings:
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[index] / avg)
                scores[index] = scores.get(index, 0.0) + qcount * idf * tf * (self.k1 + 1) / norm
        return scores

    def scores(self, query: list[str]) -> list[float]:
        """One score per document, in collection order."""
        found = self.score_map(query)
        return [found.get(i, 0.0) for i in range(self.size)]

    def top(self, query: list[str], k: int = 5) -> list[tuple[int, float]]:
        """The `k` best (index, score) pairs, best first; documents with no shared term are left out."""
        found = self.score_map(query)
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))[:k]


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
    for word in _WORD.finditer(passage):
        tokens = tokenize(word.group(0))
        if tokens and tokens[0] in wanted:
            spans.append((word.start(), word.end()))
    return spans


# --- stance ------------------------------------------------------------------------

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
    return set(_WORD.findall(fold(text)))


def _pole_hits(text: str, stems: tuple[str, ...]) -> set[str]:
    words = _WORD.findall(text)
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


def suggest_stance(claim: str, passage: str) -> StanceSuggestion:
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
    former = bool(set(_WORD.findall(fold(title))) & _FORMER)
    words -= {_stem_ar(w) for w in _FORMER} | _FORMER
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
