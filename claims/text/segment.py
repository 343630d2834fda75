"""Sentence segmentation for scraped Arabic and English news.

Spans always index the original text. The splitter works line by line, keeps
quotations whole (a quote of two sentences stays with its speaker), knows
English abbreviations, initials and decimal numbers, and peels off Arabic
subheadings that scraping ran into the next sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import ABBREVIATIONS, AR_CLAUSE_OPENERS, AR_HEADING_BREAKERS, AR_PARTICLES


@dataclass(frozen=True)
class Segment:
    """A unit of text at original ``[start, end)``.

    ``kind`` is "sentence", "heading" (a title or subheading), "caption" (a photo
    caption or credit line) or "noise" (no words a reader could check, such as
    a run of "aaaa"). Only sentences are statements. ``whole`` is False for a
    piece cut out of a run of text with no sentence punctuation.
    """

    start: int
    end: int
    kind: str = "sentence"
    whole: bool = True


STATEMENT_KINDS = frozenset(["sentence"])


_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# Quote characters and sentence-final punctuation, in one pass.
_EVENTS = re.compile(r'(["«»“”„])|([.!?؟…]+|\.\.\.)')
_CLOSERS = '"”»’\')]'
_OPENING = {"«": 1, "“": 1, "„": 1}
_CLOSING = {"»": 1, "”": 1}
# A quote left open longer than this is a stray mark, not a quotation.
_MAX_QUOTE = 700
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SPACE_RUN = re.compile(r"\s+")
# A unit with no sentence punctuation at all is cut at this many characters so a
# 5 MB run of words still yields spans an editor can read.
_MAX_UNIT = 1200


def split_lines(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each non-blank line, whitespace trimmed."""
    spans = []
    for m in _LINE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start < end:
            spans.append((start, end))
    return spans


def segment(text: str) -> list[Segment]:
    """Split `text` into sentences, headings, captions and noise, with original offsets."""
    out: list[Segment] = []
    lines = split_lines(text)
    for i, (line_start, line_end) in enumerate(lines):
        if is_caption(text[line_start:line_end]):
            out.append(Segment(line_start, line_end, "caption"))
            continue
        if i + 1 < len(lines) and _is_heading_line(text, line_start, line_end):
            out.append(Segment(line_start, line_end, "heading"))
            continue
        for start, end, whole in _sentences(text, line_start, line_end):
            credit = _LEADING_CREDIT.match(text, start, end)
            if credit and len(credit.group(1).split()) <= 6 and credit.end() < end:
                # "(رويترز) وقال ...": a credit left in front of the next sentence.
                out.append(Segment(start, start + len(credit.group(0).rstrip()), "caption", whole))
                start = credit.end()
            for piece in peel_heading(text, start, end):
                out.append(_typed(text, piece, whole))
    return out


_LEADING_CREDIT = re.compile(r"[(\[]([^()\[\]\d]{1,60})[)\]]\s+(?=\w)")


def _typed(text: str, seg: Segment, whole: bool) -> Segment:
    """The segment with its kind settled: a caption or noise is not a sentence."""
    if seg.kind == "sentence":
        body = text[seg.start:seg.end]
        if is_noise(body):
            return Segment(seg.start, seg.end, "noise", whole)
        if is_caption(body):
            return Segment(seg.start, seg.end, "caption", whole)
    return Segment(seg.start, seg.end, seg.kind, whole)


_FINAL_MARKS = tuple('.!?؟…:"”»)\'')
# Titles run longer than subheadings; a line this short with no closing
# punctuation and more text after it is a title, not a sentence that lost its
# full stop (a paragraph of news runs longer).
_HEADING_LINE_WORDS = 16


def _is_heading_line(text: str, start: int, end: int) -> bool:
    """A short line with no closing punctuation, followed by more text, is a heading."""
    line = text[start:end]
    return (len(line.split()) <= _HEADING_LINE_WORDS and not line.endswith(_FINAL_MARKS)
            and any(ch.isalpha() for ch in line))


# Captions and credit lines: a label for the picture ("Photo:", "صورة:"), a
# credit in brackets standing alone ("(رويترز)", "(AP Photo/Jane Doe)"), or a
# line closed by a bracketed picture credit ("... (Getty Images)").
_PICTURE_WORDS = (r"photo|photograph|picture|image|caption|credit|photos|video|illustration|file photo"
                  r"|صورة|الصورة|صور|تصوير|مصدر الصورة|صورة أرشيفية|صورة ارشيفية|أرشيفية|ارشيفية|فيديو|الفيديو")
_CAPTION_LABEL = re.compile(rf"^\W{{0,2}}(?:{_PICTURE_WORDS})\s*[:：/|\-–—]", re.IGNORECASE)
_BRACKETED = re.compile(r"^[(\[]([^()\[\]]{1,60})[)\]]\W{0,2}$")
_CREDIT_AT_END = re.compile(
    rf"[(\[](?:[^()\[\]]{{0,40}}(?:{_PICTURE_WORDS}|getty|shutterstock|غيتي)"
    rf"[^()\[\]]{{0,40}})[)\]]\W{{0,2}}$", re.IGNORECASE)
# A caption is short: a long line that merely ends with a credit is an article paragraph.
_CAPTION_WORDS = 40


def is_caption(unit: str) -> bool:
    """True when `unit` is a photo caption or credit line rather than a statement."""
    unit = unit.strip()
    if not unit or len(unit.split()) > _CAPTION_WORDS:
        return False
    bracketed = _BRACKETED.match(unit)
    if bracketed:
        # "(رويترز)", "(AP Photo/Jane Doe)": a credit alone, no sentence inside.
        return len(bracketed.group(1).split()) <= 6
    return bool(_CAPTION_LABEL.match(unit) or _CREDIT_AT_END.search(unit))


_LETTERS = re.compile(r"[^\W\d_]+")
# No word of any language we take runs this long; such a run is a key held down.
_MAX_WORD = 30


def is_noise(unit: str) -> bool:
    """True when `unit` holds no words to read: "aaaa…", "ززززز", "ababab…".

    Most of its letters sit in overlong runs, or a longer unit uses only one to
    three distinct letters.
    """
    runs = _LETTERS.findall(unit)
    letters = sum(map(len, runs))
    if not letters:
        return False
    overlong = sum(len(r) for r in runs if len(r) > _MAX_WORD)
    if overlong * 2 > letters:
        return True
    return letters >= 12 and len({ch.lower() for r in runs for ch in r}) <= 3


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\u200b\u200c\u200d\u200e\u200f\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200b\u200c\u200d\u200e\u200f\ufeff"):
        end -= 1
    return start, end


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Sentence spans in ``text[start:end]``, each with whether it is whole (not cut for length)."""
    bounds = []
    depth = 0
    quote_open = -1
    sent_start = start
    for m in _EVENTS.finditer(text, start, end):
        q = m.group(1)
        if q:
            if q == '"':
                # ASCII quotes toggle; a straight quote after a letter closes.
                if depth and (m.start() == start or not text[m.start() - 1].isspace()):
                    depth -= 1
                else:
                    depth += 1
                    quote_open = m.start()
            elif q in _OPENING:
                depth += 1
                quote_open = m.start()
            elif depth:
                depth -= 1
            continue
        if depth and m.start() - quote_open > _MAX_QUOTE:
            depth = 0
        stop = m.end()
        # Closing quotes and brackets right after the mark belong to this sentence.
        while stop < end and text[stop] in _CLOSERS:
            if text[stop] in '"”»' and depth:
                depth -= 1
            stop += 1
        if depth:
            continue
        if stop < end and not text[stop].isspace():
            continue
        if not _is_boundary(text, m.start(), m.group(2), stop, end):
            continue
        bounds.append((sent_start, stop))
        sent_start = stop
    bounds.append((sent_start, end))
    result = []
    for s, e in bounds:
        s, e = _trim(text, s, e)
        whole = _cut_long(text, s, e) == e
        while s < e:
            cut = _cut_long(text, s, e)
            piece_start, piece_end = _trim(text, s, cut)
            if piece_start < piece_end:
                result.append((piece_start, piece_end, whole))
            s, e = _trim(text, cut, e)
    return result


def _is_boundary(text: str, pos: int, mark: str, stop: int, end: int) -> bool:
    """Decide whether punctuation at `pos` ends a sentence (abbreviations, initials)."""
    nxt = stop
    while nxt < end and text[nxt].isspace():
        nxt += 1
    following = text[nxt] if nxt < end else ""
    if mark in ("...", "…") or mark.startswith(".."):
        # An ellipsis inside running text ("a chance... to think") is a pause.
        return not (following and (following.islower() or _is_arabic(following)) and stop - pos < 4)
    if mark != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
    if before:
        word = before.group(1)
        if word.lower().rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            return False
        if "." in word and len(word) <= 6:  # U.S. / e.g.
            return bool(following) and following.isupper() and word.rstrip(".").lower() not in {"u.s", "u.k"}
    if following and following.islower():
        return False
    return True


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def _cut_long(text: str, start: int, end: int) -> int:
    """Where to end a unit: `end`, or a clause break if the unit is too long."""
    if end - start <= _MAX_UNIT:
        return end
    window_end = start + _MAX_UNIT
    for mark in ("؛", ";", "،", ",", " "):
        cut = text.rfind(mark, start + _MAX_UNIT // 2, window_end)
        if cut != -1:
            return cut + 1
    return window_end


_AR_WORD = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\u200c\u200d]+")


def peel_heading(text: str, start: int, end: int) -> list[Segment]:
    """Split an Arabic subheading glued to the sentence after it.

    Scraped pages lose the line break after a subheading, giving "حسابات بوتين
    يقول X ...". A run of 2 to 8 words without punctuation, not opening with a
    particle, followed by a verb that begins news sentences (يقول, تعد ...) and
    then by its subject (not إن/أن), is taken as a heading.
    """
    if end - start < 12:
        return [Segment(start, end)]
    head = text[start:min(end, start + 160)]
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", head)]
    if len(words) < 3 or not _AR_WORD.fullmatch(words[0][2]):
        return [Segment(start, end)]
    first = words[0][2]
    if first in AR_PARTICLES or first in AR_CLAUSE_OPENERS:
        return [Segment(start, end)]
    for i in range(2, min(9, len(words) - 1)):
        w_start, _, word = words[i]
        prev = words[i - 1][2]
        if not _AR_WORD.fullmatch(prev):
            return [Segment(start, end)]  # punctuation before the verb: not a heading
        if word in AR_HEADING_BREAKERS and prev not in AR_PARTICLES:
            after = words[i + 1][2]
            if after.strip('"«') in {"إن", "أن", "إنه", "أنه", "بأن"} or after.startswith(":"):
                return [Segment(start, end)]
            split = start + w_start
            h_start, h_end = _trim(text, start, split)
            return [Segment(h_start, h_end, "heading"), Segment(split, end)]
    return [Segment(start, end)]
