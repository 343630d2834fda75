"""From an article's text to claims anchored at exact spans.

First pass (the extraction issue replaces the scoring): split into sentences,
score each with simple cues, and keep offsets into the original text.
"""

import re
from dataclasses import dataclass, field

from .language import detect_language


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str


@dataclass(frozen=True)
class ClaimSpan:
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
    language: str
    claims: list[ClaimSpan]
    entities: list[Entity] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)


_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]*")
_DIGIT = re.compile(r"[0-9٠-٩]")


def extract(text: str, language: str | None = None, *, lines: bool = False) -> Extraction:
    """Split `text` into sentence spans and score each for check-worthiness."""
    language = language or detect_language(text)
    pattern = re.compile(r"[^\n]+") if lines else _SENTENCE
    claims = []
    for match in pattern.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        reasons = ["has a figure"] if _DIGIT.search(stripped) else []
        score = 0.7 if reasons else 0.2
        claims.append(
            ClaimSpan(
                text=stripped, start=start, end=end, checkworthy=score >= 0.5,
                score=score, kind="statistic" if reasons else "other", reasons=reasons,
            )
        )
    return Extraction(language=language, claims=claims)
