"""Wikipedia: MediaWiki Action API full-text search, then plain-text intro extracts.

Asked in the claim's language and in English. One search request and one
extracts request per language (titles batched with "|"), serially, with a
descriptive User-Agent, as the API etiquette asks.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .base import Candidate, ClaimQuery, ProviderError, TransientProviderError, get_json, setting

NAME = "wikipedia"
RESULTS_PER_LANGUAGE = 3


def _api(language: str) -> str:
    return setting("WIKIPEDIA_API_URL", "https://{lang}.wikipedia.org/w/api.php").format(lang=language)


def _check(data) -> dict:
    if not isinstance(data, dict):
        raise ProviderError("Wikipedia answered with an unexpected JSON shape.")
    error = data.get("error")
    if isinstance(error, dict):
        message = f"Wikipedia error {error.get('code', '?')}: {error.get('info', '')}".strip()
        if error.get("code") in ("maxlag", "ratelimited", "readonly"):
            raise TransientProviderError(message, retry_after=float(error.get("lag") or 5))
        raise ProviderError(message)
    return data


def search_terms(query: ClaimQuery) -> str:
    """Names first (Wikipedia's search ANDs every word, so a whole sentence finds nothing)."""
    if query.entities:
        return " ".join(query.entities[:3])
    from claims.text.tokens import tokenize

    words = [w for w in query.short.split() if tokenize(w)]
    return " ".join(words[:6])


def search(query: ClaimQuery) -> list[Candidate]:
    """Wikipedia articles about the claim's names or words, with their intro as text."""
    languages = [lang for lang in dict.fromkeys([query.language, "en"]) if lang in ("ar", "en")]
    terms = search_terms(query)
    if not terms:
        return []
    candidates: list[Candidate] = []
    for language in languages:
        params = {"action": "query", "list": "search", "srsearch": terms, "srlimit": RESULTS_PER_LANGUAGE,
                  "format": "json", "maxlag": 5}
        found = _check(get_json(f"{_api(language)}?{urlencode(params)}"))
        titles = [hit["title"] for hit in (found.get("query") or {}).get("search", []) if hit.get("title")]
        if not titles:
            continue
        params = {"action": "query", "prop": "extracts|info", "exintro": 1, "explaintext": 1, "inprop": "url",
                  "titles": "|".join(titles), "format": "json", "maxlag": 5}
        pages = (_check(get_json(f"{_api(language)}?{urlencode(params)}")).get("query") or {}).get("pages") or {}
        by_title = {page.get("title"): page for page in pages.values() if isinstance(page, dict)}
        for rank, title in enumerate(titles):
            page = by_title.get(title, {})
            if "missing" in page:
                continue
            url = page.get("fullurl") or f"https://{language}.wikipedia.org/wiki/{quote(title.replace(' ', '_'))}"
            candidates.append(Candidate(
                url=url, title=title, snippet=(page.get("extract") or "")[:300], provider=NAME,
                language=language, text=page.get("extract") or "", rank=rank,
            ))
    return candidates
