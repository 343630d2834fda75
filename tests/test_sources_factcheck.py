"""Google Fact Check Tools provider against a fake claims:search endpoint on loopback."""

import pytest

from claims.sources import factcheck
from claims.sources.base import ClaimQuery, ProviderError, TransientProviderError
from tests.fakes import factcheck as fake_factcheck
from tests.fakes.providers import serving


@pytest.fixture
def fc(settings):
    with serving(fake_factcheck.make()) as server:
        settings.GOOGLE_FACTCHECK_URL = server.url("/v1alpha1/claims:search")
        settings.GOOGLE_FACTCHECK_API_KEY = fake_factcheck.KEY
        yield server


def test_it_returns_each_review_with_its_rating(fc):
    found = factcheck.search(ClaimQuery("Examplia harbour handled 5 million containers", language="en"))
    assert [(c.url, c.extra["rating"]) for c in found] == [
        ("https://checks.example/harbour-containers", "False"), ("https://other.example/harbour", "Mostly false")]
    assert found[0].extra["kind"] == "factcheck" and found[0].extra["claimant"] == "A minister"
    seen = fc.requests[0]
    assert seen.headers["X-Goog-Api-Key"] == fake_factcheck.KEY and "key=" not in seen.path
    assert fc.params_seen()[0]["languageCode"] == "en"


def test_it_treats_an_empty_object_as_no_results(fc):
    assert factcheck.search(ClaimQuery("unrelated words entirely", language="en")) == []


def test_it_refuses_to_run_without_a_key(fc, settings):
    settings.GOOGLE_FACTCHECK_API_KEY = ""
    with pytest.raises(ProviderError, match="API key"):
        factcheck.search(ClaimQuery("Examplia harbour"))
    assert fc.requests == []


def test_it_reports_a_rejected_key(fc, settings):
    settings.GOOGLE_FACTCHECK_API_KEY = "wrong"
    with pytest.raises(ProviderError, match="HTTP 400"):
        factcheck.search(ClaimQuery("Examplia harbour"))


def test_it_retries_later_on_quota_exhaustion(fc):
    fc.fail("429")
    with pytest.raises(TransientProviderError):
        factcheck.search(ClaimQuery("Examplia harbour"))
