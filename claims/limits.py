"""What one submission may cost: text that shows nothing, junk spans, and the claim cap.

Pure functions over strings and spans (no database), called by
claims/services.py when an article is taken in.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

# Characters that print nothing: spaces of every width, zero-width and bidi
# controls, the BOM, soft hyphen (Unicode categories Z*, Cc and Cf).
_INVISIBLE_CATEGORIES = ("Zs", "Zl", "Zp", "Cc", "Cf")

Span = TypeVar("Span")


def is_invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def has_visible_text(text: str) -> bool:
    """False when `text` is empty once spaces and invisible characters are removed
    ("\\u00a0\\u2003\\u3000\\u200b\\ufeff" shows nothing on the page)."""
    return any(not is_invisible(ch) for ch in text)


def is_repeated_character(text: str) -> bool:
    """True when the span's letters and digits are all one character repeated
    ("aaaa", "a a a", "!!!1!!" has two); such a span says nothing to check."""
    seen = set()
    for ch in text:
        if ch.isalnum():
            seen.add(ch.casefold())
            if len(seen) > 1:
                return False
    return True


# One character 20 times or more in a row ("aaaa…", "!!!!…"): never part of a claim.
_RUN = re.compile(r"(\S)\1{19,}")


def without_repeated_runs(span: Span) -> Span | None:
    """The span cut down to its longest stretch between runs of one repeated
    character, or None when nothing worth checking is left. Offsets stay
    offsets into the article (the span only shrinks)."""
    text = span.text
    if not _RUN.search(text):
        return None if is_repeated_character(text) else span
    best, cut = (0, 0), 0
    for match in [*_RUN.finditer(text), None]:
        piece_end = match.start() if match else len(text)
        if piece_end - cut > best[1] - best[0]:
            best = (cut, piece_end)
        cut = match.end() if match else cut
    lo, hi = best
    while lo < hi and is_invisible(text[lo]):
        lo += 1
    while hi > lo and is_invisible(text[hi - 1]):
        hi -= 1
    if hi <= lo or is_repeated_character(text[lo:hi]):
        return None
    start, end = span.start + lo, span.start + hi
    entities = [e for e in span.entities if start <= e.start and e.end <= end]
    return dataclasses.replace(span, text=text[lo:hi], start=start, end=end, entities=entities)


def keep_most_checkworthy(spans: Sequence[Span], limit: int) -> list[Span]:
    """At most `limit` spans: the most check-worthy first (check-worthy, then
    score), returned in their order in the text."""
    if len(spans) <= limit:
        return list(spans)
    ranked = sorted(range(len(spans)), key=lambda i: (not spans[i].checkworthy, -spans[i].score, i))
    return [spans[i] for i in sorted(ranked[:limit])]
