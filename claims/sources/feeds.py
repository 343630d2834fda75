"""RSS and Atom feeds that editors add (the Feed rows): entries that match the claim.

Bytes come through the safe fetcher, then feedparser parses them. Before that,
defusedxml parses the bytes with entity and DTD declarations forbidden: a feed
with a "billion laughs" or an external entity is refused, never expanded.
feedparser is only ever given bytes (given a string that looks like a URL it
would fetch it itself).
"""

from __future__ import annotations

import calendar
import logging
from datetime import UTC, datetime

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from claims import fetch
from claims.text.tokens import tokenize

from .base import Candidate, ClaimQuery, ProviderError, TransientProviderError, get

logger = logging.getLogger(__name__)

NAME = "feeds"
# Asked in the task's own thread, where its database connection and transaction are.
USES_DATABASE = True
# Share of the claim's distinct words an entry's title and summary must repeat.
MIN_COVERAGE = 0.3
MAX_RESULTS = 8


class FeedError(ProviderError):
    """One feed could not be read (refused, malformed, unreachable)."""


def read_feed(url: str) -> list[dict]:
    """Fetch and parse one feed: a list of {url, title, summary, published} entries."""
    result = get(url, accept=(*fetch.FEED_TYPES, "application/rdf+xml"))
    try:
        defused_fromstring(result.content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"The feed {url} was refused: it declares XML entities or a DTD ({type(exc).__name__}).") from exc
    except Exception as exc:  # noqa: BLE001 - any XML syntax error means "not a feed"
        raise FeedError(f"The feed {url} is not well-formed XML ({exc}).") from exc
    parsed = feedparser.parse(result.content, response_headers={"content-location": result.final_url})
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append({
            "url": link, "title": entry.get("title", ""), "summary": entry.get("summary", ""),
            "published": datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None,
        })
    return entries


def search(query: ClaimQuery) -> list[Candidate]:
    """Entries of the enabled feeds whose title and summary repeat enough of the claim."""
    from claims.models import Feed

    feeds = list(Feed.objects.filter(enabled=True).order_by("pk"))
    if not feeds:
        return []
    claim_terms = set(tokenize(query.text))
    if not claim_terms:
        return []
    scored, errors, transient = [], [], False
    for feed in feeds:
        try:
            entries = read_feed(feed.url)
        except ProviderError as exc:
            errors.append(str(exc))
            transient = transient or isinstance(exc, TransientProviderError)
            continue
        for entry in entries:
            terms = set(tokenize(f"{entry['title']} {entry['summary']}"))
            coverage = len(claim_terms & terms) / len(claim_terms)
            if coverage >= MIN_COVERAGE:
                scored.append((coverage, feed, entry))
    if errors and not scored and len(errors) == len(feeds):
        message = "; ".join(errors[:3])
        raise TransientProviderError(message) if transient else ProviderError(message)
    for message in errors:
        logger.warning("feed skipped: %s", message)
    scored.sort(key=lambda item: -item[0])
    import nh3

    return [
        Candidate(url=entry["url"], title=entry["title"], snippet=nh3.clean(entry["summary"], tags=set())[:300],
                  provider=NAME, published=entry["published"], rank=rank,
                  extra={"feed": feed.title or feed.url, "coverage": round(coverage, 3)})
        for rank, (coverage, feed, entry) in enumerate(scored[:MAX_RESULTS])
    ]
