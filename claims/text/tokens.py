"""Matching tokens for Arabic and English: folding, stop words, light stemming.

Shared by everything that compares texts by their words: passage ranking and
the checks (claims/evidence.py), stance, "checked before?" (claims/matching.py)
and the providers (claims/sources/). Plain Python, no Django.
"""

from __future__ import annotations

import re

from .normalize import normalize

# Matching folds harder than the extraction pipeline's normalisation
# (claims/text/normalize.py, which it builds on): taa marbuta and alef maqsura
# fold too, and Arabic thousands/decimal separators read like "700,000".
_MATCH_FOLD = str.maketrans({"ى": "ي", "ة": "ه", "\u066C": ",", "\u066B": "."})

# A word: a run of letters or digits (underscore excluded).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

STOP_WORDS_EN = frozenset(
    """a an the of to in on at for by with from and or but is are was were be been being it its this that these
    those as has have had do does did not no so if than then there their they them he she his her we our you your
    i me my will would can could should may might just about into over after before also which who whom what when
    where why how all any some more most other such only own same too very s t via rt amp""".split()
)
# Particles, pronouns and function words (after folding).
STOP_WORDS_AR = frozenset(
    """في من على الى عن مع ان او ثم قد لقد كان كانت يكون هذا هذه ذلك تلك هو هي هم هن نحن انا انت التي الذي الذين
    اللذين ما لا لم لن ليس بين عند كل بعد قبل حتى اذا اي ايضا لكن بل حيث منذ خلال عبر وقد وفي ومن وعلى وان
    او غير سوف كما فقط وهو وهي به بها له لها فيه فيها منه منها عليه عليها اليه التى""".split()
)

_AR_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")
_AR_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "نا", "ية", "يه", "ه", "ي")


def fold(text: str) -> str:
    """Lower-case and fold Arabic letter variants, diacritics and digits for matching."""
    return normalize(text).translate(_MATCH_FOLD).lower()


def stem_ar(word: str) -> str:
    """Light stemming of a folded Arabic word (after Larkey's light10).

    One article/clitic prefix and one common suffix are stripped, never below
    three letters.
    """
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


def stem_en(word: str) -> str:
    """A few English inflections only: enough to meet "vaccines"/"vaccine", "claimed"/"claim"."""
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
    for word in WORD.findall(fold(text)):
        if _ARABIC_LETTER.match(word):
            if word in STOP_WORDS_AR or len(word) < 2:
                continue
            tokens.append(stem_ar(word))
        else:
            if word in STOP_WORDS_EN:
                continue
            tokens.append(stem_en(word))
    return tokens
