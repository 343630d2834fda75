"""GDELT DOC 2.0 API, ArtList mode: news articles in many languages.

GDELT allows one request every 5 seconds (GDELT_MIN_INTERVAL_SECONDS) and
answers 429 with a plain-text body past it; every worker waits its turn through
`ratelimit.wait_turn`. An invalid query comes back as 200 with an HTML or text
body, which the JSON check turns into an error; no match is `{}`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from claims import fetch

from . import ratelimit
from .base import Candidate, ClaimQuery, ProviderError, get, setting

NAME = "gdelt"
MAX_RECORDS = 10
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LANGUAGES = {"ar": "arabic", "en": "english"}


def _parse(text: str) -> dict:
    try:
        return json.loads(text)
    except ValueError:
        # GDELT sometimes emits raw control characters inside strings.
        try:
            return json.loads(_CONTROL.sub(" ", text))
        except ValueError as exc:
            raise ProviderError(f"GDELT sent malformed JSON ({exc}).") from exc


def _seendate(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def run_search(q: str, *, language: str = "") -> list[Candidate]:
    """One ArtList query (GDELT operators such as `domainis:` may be inside `q`)."""
    if language in _LANGUAGES:
        q = f"{q} sourcelang:{_LANGUAGES[language]}"
    params = {"query": q, "mode": "ArtList", "format": "json", "maxrecords": MAX_RECORDS, "sort": "HybridRel"}
    ratelimit.wait_turn("gdelt", interval=float(setting("GDELT_MIN_INTERVAL_SECONDS", 5)),
                        max_wait=float(setting("GDELT_MAX_WAIT_SECONDS", 12)))
    result = get(f"{setting('GDELT_URL')}?{urlencode(params)}", accept=fetch.JSON_TYPES)
    data = _parse(result.text)
    if not isinstance(data, dict):
        raise ProviderError("GDELT answered with an unexpected JSON shape.")
    candidates = []
    for article in data.get("articles") or []:
        if not isinstance(article, dict) or not article.get("url"):
            continue
        candidates.append(Candidate(
            url=article["url"], title=article.get("title") or "", provider=NAME,
            published=_seendate(article.get("seendate", "")), rank=len(candidates),
            extra={"domain": article.get("domain", ""), "language": article.get("language", ""),
                   "country": article.get("sourcecountry", "")},
        ))
    return candidates


def search(query: ClaimQuery) -> list[Candidate]:
    """Recent news articles matching the claim's names or words."""
    from .wikipedia import search_terms

    terms = search_terms(query)
    if not terms:
        return []
    # GDELT matches a quoted phrase or all words; names read best as they are.
    return run_search(terms, language=query.language)
