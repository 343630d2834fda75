"""The one shape every source provider has, and the one way they talk HTTP.

A provider is a module in `claims/sources/` with a `NAME` and a function
`search(query: ClaimQuery) -> list[Candidate]`. It raises `ProviderError` when
it cannot answer (bad key, malformed reply, HTML instead of JSON) and
`TransientProviderError` when asking again later may work (timeout, 429, 5xx,
connection refused); the gathering job records either on the provider's row
and carries on with the other providers.

All HTTP goes through `claims.fetch.safe_get` (SSRF filter, size cap, deadline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings

from claims import fetch


@dataclass
class ClaimQuery:
    """What providers are asked: the claim's text and what is known around it."""

    text: str
    language: str = "und"
    entities: list[str] = field(default_factory=list)
    outlet: str = ""  # the outlet the article cites ("according to ..."), if any
    published: date | None = None
    claim_id: int | None = None
    article_id: int | None = None

    @property
    def short(self) -> str:
        """The claim cut to a search-box length (APIs refuse or ignore very long queries)."""
        words = self.text.split()
        return " ".join(words[:30])


@dataclass
class Candidate:
    """A page a provider proposes as evidence, before it is fetched and archived."""

    url: str
    title: str = ""
    snippet: str = ""
    provider: str = ""
    published: datetime | None = None
    language: str = ""
    # Text the provider already gave (an extract, an archived article): used as the
    # source's text when the page itself is not fetched.
    text: str = ""
    # A fact-check's verdict (Fact Check Tools) or other provider details.
    extra: dict = field(default_factory=dict)
    rank: int = 0

    def as_dict(self) -> dict:
        """JSON-ready form, stored on the provider's row."""
        data = dict(vars(self))
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Candidate:
        data = dict(data)
        if data.get("published"):
            data["published"] = datetime.fromisoformat(data["published"])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


class ProviderError(Exception):
    """The provider could not answer; str(error) is shown on the provider's row."""


class TransientProviderError(ProviderError):
    """A failure worth retrying later (timeout, rate limit, server error, connection)."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def setting(name: str, default=None):
    return getattr(settings, name, default)


def user_agent() -> str:
    """Wikimedia (and GDELT) ask for a descriptive User-Agent with a contact."""
    return setting("SOURCES_USER_AGENT") or setting("FETCH_USER_AGENT") or "FactcheckWorkbench/1.0"


def get(url: str, *, accept: tuple[str, ...], headers: dict | None = None, max_bytes: int | None = None):
    """`safe_get` with the provider deadline and size cap, errors turned into provider errors."""
    try:
        return fetch.safe_get(
            url,
            accept=accept,
            headers={"User-Agent": user_agent(), **(headers or {})},
            max_bytes=max_bytes or setting("SOURCES_MAX_BYTES", 2 * 1024 * 1024),
            deadline=setting("SOURCES_DEADLINE_SECONDS", 10),
        )
    except fetch.TransientFetchError as exc:
        raise TransientProviderError(str(exc), retry_after=getattr(exc, "retry_after", None)) from exc
    except fetch.FetchError as exc:
        raise ProviderError(str(exc)) from exc


def get_json(url: str, *, headers: dict | None = None) -> dict | list:
    """GET a JSON API; HTML, plain text or malformed JSON become a `ProviderError`."""
    result = get(url, accept=("application/json", "application/*+json", "text/javascript"), headers=headers)
    try:
        return json.loads(result.text)
    except ValueError as exc:
        raise ProviderError(f"{_host(url)} sent malformed JSON ({exc.msg} at byte {exc.pos}).") from exc


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
