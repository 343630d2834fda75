"""Quotations with their speaker, and the sources an article reports from.

Direct quotes are the text between quotation marks (three words or more, so a
scare-quoted term is not a quote). The speaker is found from the reporting verb
nearest before the quote: a participle ("قائلاً", "saying") points back to the
subject before it, a finite verb ("يقول X", "X said") to the name next to it,
and a pronoun ("he said") to the last person named in the article. Indirect
speech ("قال X إن ...", "X said that ...") gives a quote too, also when titles
stand between the verb and the name ("أكد وزير الاقتصاد الالماني X أن"). A
body can be the speaker ("قالت المفوضية الاوروبية إن", "قالت وزارة الصحة في
بيان: "..."") when no person is named by the verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import lexicons as lx
from .entities import Entity
from .normalize import normalize, normalize_with_offsets, to_original


@dataclass(frozen=True)
class Quote:
    """What was said (`text`) and who said it (`speaker`, may be "")."""

    text: str
    speaker: str


_QUOTED = re.compile(r'"([^"]{3,1500})"')
_WORD = re.compile(r"[\w\-']+")
_PRONOUN = re.compile(r"(?i:\b(?:he|she)\s+)$")


def find_quote(text: str, start: int, end: int, entities: list[Entity], last_person: str | None) -> Quote | None:
    """Return the main quote of ``text[start:end]`` with its speaker, or None.

    `entities` are the sentence's entities (original offsets); `last_person` is
    the last person named before, for "he said" and "قائلاً" with no subject.
    """
    chunk = text[start:end]
    norm, index_map = normalize_with_offsets(chunk)

    def to_norm(i: int) -> int:
        return i if index_map is None else bisect_left(index_map, i)

    people = [(to_norm(p.start - start), to_norm(p.end - start), p.text) for p in entities if p.label == "person"]
    bodies = [(to_norm(p.start - start), to_norm(p.end - start), p.text) for p in entities
              if p.label == "organization"]
    names = [(to_norm(e.start - start), to_norm(e.end - start)) for e in entities]
    best = None
    for m in _QUOTED.finditer(norm):
        words = len(_WORD.findall(m.group(1)))
        # A quoted name ("Wall Street Journal") is a title, not something said.
        is_name = any(s <= m.start(1) + 1 and m.end(1) - 1 <= e for s, e in names)
        if words >= 3 and not is_name and (best is None or words > best[2]):
            best = (m.start(1), m.end(1), words)
    if best is None:
        return _indirect(chunk, norm, index_map, people, bodies, last_person)
    speaker = _speaker(norm, best[0], best[1], people, last_person)
    if speaker == "":
        # No person named by the verb: a body that speaks ("قالت الوزارة في بيان: "...""),
        # or a source quoted through an outlet ("نقلت عن مسؤول مصري قوله إن "..."").
        speaker = _speaking_body(norm, best[0], bodies) or _relayed_source(chunk, norm, index_map, best[0])
    if speaker is None:
        return None
    q_start, q_end = to_original(index_map, best[0], best[1], length=len(chunk))
    return Quote(chunk[q_start:q_end].strip(), speaker)


def _verbs(norm: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(norm, lo, hi):
        w = m.group().lower()
        if w in lx.AR_SPEECH_VERBS or w in lx.EN_SPEECH_VERBS or w in ("saying", "adding", "telling"):
            out.append((m.start(), m.end(), w))
    return out


def _speaker(norm, q_start, q_end, rel, last_person) -> str | None:
    before = _verbs(norm, 0, q_start)
    after = _verbs(norm, q_end, min(len(norm), q_end + 80))
    if before:
        v_start, v_end, verb = before[-1]
        if verb in lx.AR_SPEECH_PARTICIPLES or verb in ("saying", "adding", "telling"):
            prior = [p for p in rel if p[1] <= v_start]
            return prior[-1][2] if prior else (last_person or "")
        nxt = [p for p in rel if v_end <= p[0] < q_start]
        if nxt and nxt[0][0] - v_end <= 3:
            return nxt[0][2]
        prior = [p for p in rel if p[1] <= v_start]
        if prior and v_start - prior[-1][1] <= 3:
            return prior[-1][2]
        if nxt:
            return nxt[0][2]
        if prior:
            return prior[-1][2]
        return last_person or ""
    if after:
        v_start, v_end, _ = after[0]
        # "..., said (Mayor) X" or "..., X said": the name touching the verb.
        near = [p for p in rel if 0 <= p[0] - v_end <= 25 and _plain(norm[v_end:p[0]])]
        near += [p for p in rel if q_end <= p[0] and 0 <= v_start - p[1] <= 3]
        if near:
            return near[0][2]
        # "he said" / "قالت" alone: the last person named.
        return last_person or ""
    return None


def _speaking_body(norm: str, q_start: int, bodies) -> str:
    """The organisation right next to the nearest speech verb before the quote that has one, or ""."""
    for v_start, v_end, _ in reversed(_verbs(norm, 0, q_start)):
        near = [b for b in bodies if 0 <= b[0] - v_end <= 3 or 0 <= v_start - b[1] <= 3]
        if near:
            return near[0][2]
    return ""


_APPOSITION = re.compile(r"\s*,[^.;:!?\"]{1,120},\s*$")
_EN_SAID = frozenset("said says added warned argued insisted claimed stated noted explained".split())
# What a reported clause opens with when "that" is left out (a subject).
_EN_CLAUSE_START = re.compile(
    r"\s+(?=(?:the|a|an|it|he|she|they|we|there|its|his|her|their|this|these|those|[A-Z]\w*|\d)\s)")
# "عن مسؤول مصري (لم تسمه) قوله": who an outlet quotes, named or not.
_RELAYED = re.compile(r"(?<![\w])عن\s+([\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,3}?)\s+"
                      r"(?:لم\s+[\u0621-\u064a]+\s+)?قول(?:ه|ها)(?![\w])")


def _relayed_source(chunk: str, norm: str, index_map, q_start: int) -> str:
    """The source an outlet relays ("نقلت الصحيفة عن مسؤول مصري قوله ...") before the quote, or ""."""
    found = [m for m in _RELAYED.finditer(norm, 0, q_start)]
    if not found:
        return ""
    s, e = to_original(index_map, found[-1].start(1), found[-1].end(1), length=len(chunk))
    return chunk[s:e]


# How far after its verb a speaker's name may start when only titles stand
# between them ("أكد وزير الاقتصاد الالماني روبرت هابيك أن").
_TITLED_SUBJECT_CHARS = 60


def _plain(gap: str) -> bool:
    """True when the text between a verb and a name holds no punctuation (titles only)."""
    return not any(ch in gap for ch in ",.;:!?،؛\"")


def _indirect(chunk, norm, index_map, rel, bodies, last_person) -> Quote | None:
    """"قال X إن ..." / "X said (that) ...": the reported clause is the quote.

    The speaker is a person next to the verb, a person after titles that follow
    it ("أكد وزير الاقتصاد الالماني X أن"), or a body next to it ("قالت
    المفوضية الاوروبية ... إن"). "He said that ..." takes the last person named
    before as the speaker.
    """
    for v_start, v_end, verb in _verbs(norm, 0, len(norm)):
        if verb == "according":
            continue
        subject = [p for p in rel if 0 <= p[0] - v_end <= 3] or [p for p in rel if 0 <= v_start - p[1] <= 3]
        if not subject:
            # "X, who chairs the federation, said ...": the name before an apposition.
            subject = [p for p in rel if p[1] <= v_start and _APPOSITION.match(norm, p[1], v_start)][-1:]
        if not subject:
            subject = [p for p in rel if 0 <= p[0] - v_end <= _TITLED_SUBJECT_CHARS
                       and _plain(norm[v_end:p[0]]) and not _verbs(norm, v_end, p[0])][:1]
        if not subject:
            subject = [b for b in bodies if 0 <= b[0] - v_end <= 3] or [b for b in bodies if 0 <= v_start - b[1] <= 3]
        if not subject and last_person and _PRONOUN.search(norm, max(0, v_start - 5), v_start):
            subject = [(v_start, v_start, last_person)]
        if not subject:
            continue
        tail = norm[subject[0][1]:] if subject[0][0] > v_start else norm[v_end:]
        m = re.match(r"[\s،,]*(?:(?:\S+\s+){0,6}?)(ان|انه|انها|إن|إنه|أن|أنه|that)\s+", tail)
        if not m and verb in _EN_SAID and subject[0][0] < v_start:
            # English often drops "that": "X said the cut would cost 1,200 jobs".
            m = _EN_CLAUSE_START.match(tail)
        if not m:
            continue
        clause_start, _ = to_original(index_map, len(norm) - len(tail) + m.end(), len(norm), length=len(chunk))
        clause = chunk[clause_start:].strip().rstrip(".")
        if len(_WORD.findall(clause)) >= 3:
            return Quote(clause, subject[0][2])
    return None


_SOURCE = re.compile(
    r"(?:بحسب|حسب|وفقا\s+ل|نقلا\s+عن|طبقا\s+ل|ذكرت|افادت|نقلت|قالت|كشفت|(?i:according\s+to|reported\s+by|told))"
    r"\s+(?:تقرير\s+|تقارير\s+|بيان\s+|مقال\s+|(?i:(?:a\s+|an\s+)?(?:report|article|statement|study)\s+"
    r"(?:by|in|from|of)\s+|the\s+))*"
    r"(?:[لب]?(?:صحيفة|جريدة|وكالة|موقع|قناة|شبكة|مجلة|اذاعة)\s+)?"
    r"(\"[^\"]{2,60}\"|(?:[A-Z][\w&.\-]*(?:\s+(?:of\s+)?[A-Z][\w&.\-]*){0,4}))",
)
# Normalised forms (alef unified) of words that end an outlet's name.
_AR_CLAUSE_WORDS = r"(?:ان|انه|انها|فان|بان|عن|التي|الذي|الذين|يوم|في|على|من|الى|حول|مع|بعد|قبل|قد|لم|لن|ما|هذا|هذه|ذلك|امس|اليوم)"
_AR_OUTLET = re.compile(
    r"(?:بحسب|حسب|وفقا\s+ل|نقلا\s+عن|ذكرت|افادت|نقلت|قالت|كشفت)\s+(?:تقرير\s+|تقارير\s+|بيان\s+)?"
    r"[لب]?(?:صحيفة|جريدة|وكالة|موقع|قناة|شبكة|مجلة|اذاعة)\s+"
    # Up to four words of name, greedily, but never a word that starts the
    # clause after it ("... جورنال فإن", "رويترز إن"): outlet names run on.
    r"(\"[^\"]{2,60}\"|[\u0621-\u064a]+(?:\s+(?!" + _AR_CLAUSE_WORDS + r"\b)[\u0621-\u064a]+){0,3})"
    r"(?=[\s،,.:؛]|$)"
)


def find_cited_sources(text: str, start: int, end: int) -> list[str]:
    """Outlets or reports the sentence cites ("بحسب تقرير لصحيفة X", "according to X")."""
    chunk = text[start:end]
    norm = normalize(chunk.translate({ord(c): '"' for c in "“”„«»‟"}))
    out = []
    for pattern in (_AR_OUTLET, _SOURCE):
        for m in pattern.finditer(norm):
            name = m.group(1).strip('"').strip().rstrip(".")
            if len(name) >= 2 and name.lower() not in lx.EN_STOP_CAPS:
                if len(norm) == len(chunk):
                    s = m.start(1) + (1 if m.group(1).startswith('"') else 0)
                    name = chunk[s:s + len(name)]
                out.append(name)
        if out:
            break
    return out
