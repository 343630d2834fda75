"""Failure reasons and provider names in the reader's language.

Workers store why something failed in English (the log's language, and the
text the API returns). Each message below is both the shape of a stored
reason and its catalogue entry: `%(name)s` stands for the part that varies (a
host, a status, a limit), so `failure_text` finds the message a stored reason
was made from and gives it in the active language with the same values. A
reason of no known shape is shown as stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

PROVIDER_NAMES = {
    "archive": _("Our archive"),
    "wikipedia": _("Wikipedia"),
    "wikidata": _("Wikidata"),
    "factcheck": _("Google Fact Check"),
    "claimreview": _("ClaimReview feed"),
    "verdicts": _("Our published verdicts"),
    "searxng": _("Web search (SearXNG)"),
    "gdelt": _("GDELT news"),
    "feeds": _("RSS feeds"),
    "cited": _("The cited outlet"),
    "manual": _("Added by an editor"),
}

MESSAGES = [
    # claims/fetch.py
    gettext_noop("The secure connection to %(host)s failed (certificate or TLS problem)."),
    gettext_noop("Could not find the host %(host)s (DNS lookup failed)."),
    gettext_noop("Could not connect to %(host)s or the connection broke."),
    gettext_noop("%(host)s is busy (too many requests) (HTTP %(status)s); try again later."),
    gettext_noop("%(host)s had a temporary problem (HTTP %(status)s); try again later."),
    gettext_noop("The page was not found on %(host)s (HTTP %(status)s)."),
    gettext_noop("The page is %(size)s, over the %(limit)s limit."),
    gettext_noop("The page is over the %(limit)s limit."),
    gettext_noop("The link returns %(found)s, not %(wanted)s."),
    gettext_noop("The server used an unsupported content encoding (%(encoding)s)."),
    gettext_noop("The server sent a corrupt compressed body."),
    gettext_noop("%(host)s answered with a redirect (%(status)s) but did not say where to."),
    gettext_noop("%(host)s is %(problem)s; only public web addresses can be fetched."),
    # claims/sources/
    gettext_noop("%(host)s sent malformed JSON (%(detail)s)."),
    gettext_noop("Wikipedia answered with an unexpected JSON shape."),
    gettext_noop("Wikidata answered with an unexpected JSON shape."),
    gettext_noop("Wikipedia error %(code)s: %(info)s"),
    gettext_noop("GDELT answered with an unexpected JSON shape."),
    gettext_noop("SearXNG answered with an unexpected JSON shape."),
    gettext_noop("Fact Check Tools answered with an unexpected JSON shape."),
    gettext_noop("No SearXNG instance is configured (SEARXNG_URL)."),
    gettext_noop("No Google Fact Check Tools API key is configured (GOOGLE_FACTCHECK_API_KEY)."),
    gettext_noop("No ClaimReview feed is configured (CLAIMREVIEW_FEED_PATH)."),
    gettext_noop("Every SearXNG engine failed: %(names)s."),
    gettext_noop("Waiting for the %(key)s rate limit (one request per %(seconds)s s)."),
    gettext_noop("Internal error in the %(provider)s provider (%(error)s)."),
    # claims/gathering.py
    gettext_noop("Every provider failed."),
    gettext_noop("Gathering stalled %(n)s times; giving up."),
    gettext_noop("The worker stopped answering; gathering was restarted."),
    gettext_noop("Gathering took longer than its time limit."),
    # intake (claims/tasks.py, claims/services.py)
    gettext_noop("Fetching the page took too long."),
    gettext_noop("Finding claims took too long."),
    gettext_noop("Unexpected error while taking in the page."),
    gettext_noop("The intake job stalled %(n)s times; giving up."),
    gettext_noop("%(reason)s (gave up after %(n)s retries)"),
    # exports
    gettext_noop("The export took longer than its time limit."),
]


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    patterns = []
    for message in MESSAGES:
        parts = re.split(r"%\((\w+)\)s", message)
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        patterns.append((re.compile(f"^{regex}$", re.DOTALL), message))
    return patterns


def failure_text(reason: str) -> str:
    """`reason` (stored in English) in the active language; unknown shapes as stored."""
    reason = (reason or "").strip()
    for pattern, message in _patterns():
        found = pattern.match(reason)
        if found:
            values = {k: failure_text(v) if k == "reason" else v for k, v in found.groupdict().items()}
            return gettext(message) % values if values else gettext(message)
    return reason


def provider_name(code: str) -> str:
    return str(PROVIDER_NAMES.get(code, code))
