"""SearXNG provider against a fake instance on loopback."""

import pytest

from claims.sources import searxng
from claims.sources.base import ClaimQuery, ProviderError, TransientProviderError
from tests.fakes import searxng as fake_searxng
from tests.fakes.providers import serving


@pytest.fixture
def sx(settings):
    with serving(fake_searxng.make()) as server:
        settings.SEARXNG_URL = server.url("/")
        yield server


def test_it_returns_web_results(sx):
    found = searxng.search(ClaimQuery("Examplia harbour container record", language="en"))
    assert found[0].url == "https://news.example/harbour-record" and "1.2 million" in found[0].snippet
    assert sx.params_seen()[0] == {"q": "Examplia harbour container record", "format": "json", "language": "en"}


def test_it_reports_all_engines_failing_as_transient(sx):
    sx.all_failed = True
    with pytest.raises(TransientProviderError, match="brave \\(timeout\\)"):
        searxng.search(ClaimQuery("Examplia harbour"))


def test_it_needs_a_configured_instance(settings):
    settings.SEARXNG_URL = ""
    with pytest.raises(ProviderError, match="SEARXNG_URL"):
        searxng.search(ClaimQuery("Examplia"))


@pytest.mark.parametrize(("fault", "error"), [("429", TransientProviderError), ("html", ProviderError),
                                              ("huge_unannounced", ProviderError)])
def test_it_fails_cleanly(sx, fault, error):
    sx.fail(fault)
    with pytest.raises(error):
        searxng.search(ClaimQuery("Examplia harbour"))
