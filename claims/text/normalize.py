"""Normalisation for matching, with a map back to the original offsets.

Normalised text is only ever used to *find* things (entities, cues, features);
every span handed back to callers indexes the original text. The translation
table only deletes characters or maps one character to one character, so the
offset map is simply the list of original indices of the characters kept.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, Quranic annotation marks, tatweel, zero-width and bidi controls, soft
# hyphen: invisible in print, so they must not break a match.
_DELETE = (
    [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]
    + [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF, 0x00AD]
)

_MAP = {
    # Alef forms and the Persian/Urdu letters that scraped Arabic often carries.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    # ى stays distinct from ي: folding it would turn على ("on") into علي (a name).
    "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ئ",
    "ک": "ك", "ڪ": "ك", "ګ": "ك",
    "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه",
    "ۃ": "ة",
    # Typographic quotes and dashes fold to their ASCII forms for matching.
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"',
    "‘": "'", "’": "'", "‚": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "ـ": "",
    "\u00A0": " ", "\u202F": " ", "\u2009": " ",
    "،": "،",
}

_TABLE: dict[int, int | None] = {cp: None for cp in _DELETE}
for _src, _dst in _MAP.items():
    _TABLE[ord(_src)] = ord(_dst) if _dst else None
# Arabic-Indic and Extended (Persian/Urdu) digits become ASCII digits.
for _i in range(10):
    _TABLE[0x0660 + _i] = ord("0") + _i
    _TABLE[0x06F0 + _i] = ord("0") + _i
# Arabic presentation forms (old PDFs, some sites) fold to the base letters when
# NFKC gives one character; ligatures that expand are left alone to keep 1:1.
for _cp in [*range(0xFB50, 0xFDFF), *range(0xFE70, 0xFEFF)]:
    _folded = unicodedata.normalize("NFKC", chr(_cp))
    if len(_folded) == 1 and _folded != chr(_cp):
        _TABLE[_cp] = _TABLE.get(ord(_folded), ord(_folded))

_DELETED = frozenset(cp for cp, dst in _TABLE.items() if dst is None)


def normalize(text: str) -> str:
    """Return `text` folded for matching (harakat, tatweel, alef forms, digits, quotes)."""
    return text.translate(_TABLE)


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Normalise `text` and return ``(normalised, index_map)``.

    ``index_map[i]`` is the original index of normalised character ``i``; it is
    None when no character was deleted (the offsets are then the same).
    """
    out = text.translate(_TABLE)
    if len(out) == len(text):
        return out, None
    return out, [i for i, ch in enumerate(text) if ord(ch) not in _DELETED]


def to_original(index_map: list[int] | None, start: int, end: int, base: int = 0,
                length: int | None = None) -> tuple[int, int]:
    """Map a normalised ``[start, end)`` span back to original offsets (plus `base`).

    The end is stretched over deleted characters that follow the span (a final
    haraka such as the tanween in "حالياً" belongs to the word); pass the original
    `length` so a span at the very end of the text takes them too.
    """
    if index_map is None:
        return base + start, base + end
    if start >= end:
        # An empty span sits before the next kept character (or at the end).
        at = index_map[start] if start < len(index_map) else (length if length is not None else len(index_map))
        return base + at, base + at
    if end < len(index_map):
        # Only deleted (invisible) characters lie between two kept ones.
        stop = index_map[end]
    else:
        stop = length if length is not None else index_map[end - 1] + 1
    return base + index_map[start], base + stop


_CLITIC = re.compile(r"^(?:[وف](?=[بلك]?ال)|[وف]?[بلك](?=ال)|[وف]?لل)")


def strip_clitic(word: str) -> str:
    """Remove a leading conjunction or preposition clitic (و ف ب ل ك, لل) before ال."""
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    return _CLITIC.sub("", word, count=1) if len(word) > 4 else word


def match_key(text: str) -> str:
    """Key used to compare two surface forms: normalised, clitic-free, one space."""
    words = normalize(text).split()
    if words:
        words[0] = strip_clitic(words[0])
    return " ".join(words)
