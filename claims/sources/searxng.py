"""SearXNG, the self-hosted metasearch engine, through its JSON API (SEARXNG_URL).

The instance must have `json` in `search.formats`, or it answers 403. A search
where every engine failed still answers 200 with no results and a list of
`unresponsive_engines`: that is reported as a transient failure, not as "nothing
found".
"""

from __future__ import annotations

from urllib.parse import urlencode

from .base import Candidate, ClaimQuery, ProviderError, TransientProviderError, get_json, setting

NAME = "searxng"
MAX_RESULTS = 8


def run_search(q: str, *, language: str = "") -> list[Candidate]:
    """One SearXNG query; used by this provider and by the cited-source provider."""
    base = setting("SEARXNG_URL", "")
    if not base:
        raise ProviderError("No SearXNG instance is configured (SEARXNG_URL).")
    params = {"q": q, "format": "json"}
    if language in ("ar", "en"):
        params["language"] = language
    data = get_json(f"{base.rstrip('/')}/search?{urlencode(params)}")
    if not isinstance(data, dict) or not isinstance(data.get("results", []), list):
        raise ProviderError("SearXNG answered with an unexpected JSON shape.")
    results = data.get("results") or []
    failed = data.get("unresponsive_engines") or []
    if not results and failed:
        names = ", ".join(f"{engine} ({why})" for engine, why in failed[:5])
        raise TransientProviderError(f"Every SearXNG engine failed: {names}.")
    candidates = []
    for result in results[:MAX_RESULTS]:
        if not isinstance(result, dict) or not result.get("url"):
            continue
        candidates.append(Candidate(
            url=result["url"], title=result.get("title") or "", snippet=result.get("content") or "",
            provider=NAME, rank=len(candidates), extra={"engines": result.get("engines") or []},
        ))
    return candidates


def search(query: ClaimQuery) -> list[Candidate]:
    """Web results for the claim's text."""
    return run_search(query.short, language=query.language)
