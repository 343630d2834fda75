"""GDELT DOC 2.0 provider against a fake ArtList endpoint on loopback, rate limit included."""

import time
from datetime import UTC, datetime

import pytest

from claims.sources import gdelt, ratelimit
from claims.sources.base import ClaimQuery, ProviderError, TransientProviderError
from tests.fakes import gdelt as fake_gdelt
from tests.fakes.providers import serving


@pytest.fixture
def gd(settings):
    settings.REDIS_URL = ""  # the in-process limiter; the Redis one is shared by workers
    settings.GDELT_MIN_INTERVAL_SECONDS = 0
    ratelimit._local_next.clear()  # a turn taken by an earlier test must not delay this one
    with serving(fake_gdelt.make()) as server:
        settings.GDELT_URL = server.url("/api/v2/doc/doc")
        yield server


def test_it_lists_articles_with_their_seen_date(gd):
    found = gdelt.search(ClaimQuery("Examplia harbour volumes", language="en", entities=["Examplia harbour"]))
    assert found[0].url == "https://port.example/news/examplia-harbour-2023"
    assert found[0].published == datetime(2024, 1, 15, 17, 0, tzinfo=UTC)
    params = gd.params_seen()[0]
    assert params["mode"] == "ArtList" and params["format"] == "json" and "sourcelang:english" in params["query"]


def test_it_reads_an_empty_object_as_no_articles(gd):
    assert gdelt.search(ClaimQuery("nothing here", language="en", entities=["Zzzz"])) == []


def test_it_reports_the_html_error_page_sent_with_200(gd):
    with pytest.raises(ProviderError, match="text/html"):
        gdelt.run_search("ab")


def test_it_waits_its_turn_so_the_server_never_says_429(gd, settings):
    settings.GDELT_MIN_INTERVAL_SECONDS = 0.5
    gd.interval = 0.45  # the server measures arrivals; allow for a little network jitter
    started = time.monotonic()
    gdelt.run_search("Examplia harbour")
    gdelt.run_search("Examplia harbour")
    assert time.monotonic() - started >= 0.45
    assert len(gd.requests) == 2


def test_it_gives_a_retry_time_when_the_wait_is_too_long(gd, settings):
    settings.GDELT_MIN_INTERVAL_SECONDS = 30
    settings.GDELT_MAX_WAIT_SECONDS = 0.1
    gdelt.run_search("Examplia harbour")
    with pytest.raises(TransientProviderError) as caught:
        gdelt.run_search("Examplia harbour")
    assert caught.value.retry_after > 20


def test_it_passes_on_429_with_its_text_body_as_transient(gd):
    gd.fail("429")
    with pytest.raises(TransientProviderError):
        gdelt.run_search("Examplia harbour")
