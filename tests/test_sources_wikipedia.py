"""Wikipedia provider against a fake MediaWiki Action API on loopback."""

import pytest

from claims.sources import wikipedia
from claims.sources.base import ClaimQuery, ProviderError, TransientProviderError
from tests.fakes import wikipedia as fake_wikipedia
from tests.fakes.providers import serving


@pytest.fixture
def wiki(settings):
    settings.SOURCES_DEADLINE_SECONDS = 2
    with serving(fake_wikipedia.make()) as server:
        settings.WIKIPEDIA_API_URL = server.url("/{lang}/w/api.php")
        yield server


def test_it_searches_the_claim_language_and_english_with_extracts(wiki):
    found = wikipedia.search(ClaimQuery("ميناء إكسامبليا تعامل مع 5 ملايين حاوية", language="ar",
                                        entities=["إكسامبليا"]))
    by_language = {c.language for c in found}
    assert by_language == {"ar"} or by_language == {"ar", "en"}
    assert found[0].url == "https://ar.wikipedia.org/wiki/ميناء_إكسامبليا"
    assert "1.2 مليون" in found[0].text
    assert all(r.headers.get("User-Agent", "").startswith("FactcheckWorkbench") for r in wiki.requests)


def test_it_batches_titles_and_reads_pages_keyed_by_pageid(wiki):
    found = wikipedia.search(ClaimQuery("The Harbour of Examplia is the largest", language="en", entities=["Examplia"]))
    assert {c.title for c in found} == {"Harbour of Examplia", "Examplia"}
    extract_requests = [p for p in wiki.params_seen() if p.get("prop") == "extracts|info"]
    assert len(extract_requests) == 1 and "|" in extract_requests[0]["titles"]


def test_it_returns_nothing_when_the_search_finds_nothing(wiki):
    assert wikipedia.search(ClaimQuery("Nothing matches zzz", language="en", entities=["Zzzz"])) == []


def test_it_reports_an_api_error_envelope(wiki):
    wiki.handler = lambda path, params: fake_wikipedia.json_route(
        {"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged", "lag": 7}})
    with pytest.raises(TransientProviderError, match="maxlag"):
        wikipedia.search(ClaimQuery("Examplia", entities=["Examplia"]))


@pytest.mark.parametrize(("fault", "error"), [
    ("500", TransientProviderError), ("429", TransientProviderError), ("malformed", ProviderError),
    ("html", ProviderError), ("empty", ProviderError), ("huge", ProviderError), ("non_utf8", ProviderError),
])
def test_it_turns_each_fault_into_a_provider_error(wiki, fault, error):
    wiki.fail(fault)
    with pytest.raises(error) as caught:
        wikipedia.search(ClaimQuery("Examplia harbour", language="en", entities=["Examplia"]))
    assert str(caught.value)
    if fault == "429":
        assert caught.value.retry_after == 7


def test_it_gives_up_on_a_slow_server_at_the_deadline(wiki, settings):
    settings.SOURCES_DEADLINE_SECONDS = 1
    wiki.fail("slow")
    with pytest.raises(TransientProviderError, match="longer than"):
        wikipedia.search(ClaimQuery("Examplia", language="en", entities=["Examplia"]))


def test_it_reports_a_provider_that_is_down(settings):
    with serving(fake_wikipedia.make()) as server:
        settings.WIKIPEDIA_API_URL = server.url("/{lang}/w/api.php")
    # The server is stopped: connection refused.
    with serving(fake_wikipedia.make()):
        with pytest.raises(TransientProviderError, match="connect"):
            wikipedia.search(ClaimQuery("Examplia", language="en", entities=["Examplia"]))
