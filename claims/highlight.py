"""Cut an article's text into plain and highlighted pieces for display.

The template escapes every piece, so article text can never inject markup.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    claim: Any = None


def segments(text: str, claims) -> list[Segment]:
    """Pieces of `text` in order; each claim's [start, end) becomes one piece.

    Claims that overlap one already placed (an editor's manual claim inside an
    extracted one, say) are left unhighlighted rather than breaking the text.
    """
    pieces: list[Segment] = []
    position = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        start, end = max(claim.start, 0), min(claim.end, len(text))
        if start < position or start >= end:
            continue
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], claim))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces
