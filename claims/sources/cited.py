"""The cited source: when the article says "according to the Wall Street Journal",
look for that outlet's own report of the claim.

The outlet's name is mapped to its web domain (a short table of outlets often
cited in Arabic and English news, plus any "domain.tld" written as such), then
searched on that domain only: through SearXNG (`site:`) when an instance is
configured, else GDELT (`domainis:`).
"""

from __future__ import annotations

import re

from claims.text.tokens import fold

from . import gdelt, searxng
from .base import Candidate, ClaimQuery, setting
from .wikipedia import search_terms

NAME = "cited"

OUTLET_DOMAINS = {
    "wall street journal": "wsj.com", "وول ستريت جورنال": "wsj.com", "new york times": "nytimes.com",
    "نيويورك تايمز": "nytimes.com", "washington post": "washingtonpost.com", "واشنطن بوست": "washingtonpost.com",
    "reuters": "reuters.com", "رويترز": "reuters.com", "associated press": "apnews.com", "اسوشيتد برس": "apnews.com",
    "afp": "afp.com", "فرانس برس": "afp.com", "bbc": "bbc.com", "بي بي سي": "bbc.com", "cnn": "cnn.com",
    "سي ان ان": "cnn.com", "guardian": "theguardian.com", "غارديان": "theguardian.com",
    "financial times": "ft.com", "فايننشال تايمز": "ft.com", "bloomberg": "bloomberg.com", "بلومبرغ": "bloomberg.com",
    "al jazeera": "aljazeera.net", "الجزيرة": "aljazeera.net", "العربية": "alarabiya.net",
    "سكاي نيوز": "skynewsarabia.com", "axios": "axios.com", "اكسيوس": "axios.com", "politico": "politico.com",
    "بوليتيكو": "politico.com", "the economist": "economist.com", "ايكونوميست": "economist.com",
}
_FOLDED = {fold(name): domain for name, domain in OUTLET_DOMAINS.items()}
_DOMAIN = re.compile(r"\b([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|co\.uk|fr|de))\b", re.IGNORECASE)


def outlet_domain(outlet: str) -> str | None:
    """The web domain of a cited outlet's name, or None when unknown."""
    if match := _DOMAIN.search(outlet):
        return match.group(1).lower()
    folded = fold(outlet)
    for name, domain in _FOLDED.items():
        if name in folded:
            return domain
    return None


def search(query: ClaimQuery) -> list[Candidate]:
    """The cited outlet's pages about the claim (nothing when no outlet is cited or known)."""
    domain = outlet_domain(query.outlet) if query.outlet else None
    if not domain:
        return []
    terms = search_terms(query)
    if setting("SEARXNG_URL", ""):
        found = searxng.run_search(f"{terms} site:{domain}", language=query.language)
    else:
        found = gdelt.run_search(f"{terms} domainis:{domain}")
    for candidate in found:
        candidate.provider = NAME
        candidate.extra = {**candidate.extra, "outlet": query.outlet, "domain": domain}
    return found
