""""Checked before?" provider over an imported ClaimReview feed file."""

import json

import pytest

from claims.sources import claimreview
from claims.sources.base import ClaimQuery, ProviderError

FEED = {
    "@context": "http://schema.org", "@type": "DataFeed", "dateModified": "2026-01-01T00:00:00Z",
    "dataFeedElement": [{"@type": "DataFeedItem", "dateCreated": "2025-06-02T07:28:00.992872+00:00",
                         "url": "https://checks.example/1", "item": [{
                             "@context": "http://schema.org", "@type": "ClaimReview",
                             "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"},
                             "claimReviewed": "ميناء إكسامبليا تعامل مع خمسة ملايين حاوية",
                             "datePublished": "2025-06-01",
                             "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "وزير"}},
                             "reviewRating": {"@type": "Rating", "alternateName": "خطأ", "bestRating": "5",
                                              "worstRating": "1", "ratingValue": "1"},
                             "sdPublisher": {"name": "Google Fact Check Tools", "url": "https://g.co/factchecktools"},
                             "url": "https://checks.example/1"}]}],
}


@pytest.fixture
def feed_file(tmp_path, settings):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED, ensure_ascii=False), encoding="utf-8")
    settings.CLAIMREVIEW_FEED_PATH = str(path)
    return path


def test_it_finds_an_earlier_fact_check_of_the_claim(feed_file):
    found = claimreview.search(ClaimQuery("قال الوزير إن ميناء اكسامبليا تعامل مع خمسة ملايين حاوية", language="ar"))
    assert [(c.url, c.extra["rating"], c.extra["publisher"]) for c in found] == [
        ("https://checks.example/1", "خطأ", "Example Checks")]


def test_it_proposes_nothing_for_an_unrelated_claim(feed_file):
    assert claimreview.search(ClaimQuery("الطقس معتدل اليوم في العاصمة")) == []


def test_it_reports_a_missing_or_broken_feed(feed_file, settings):
    feed_file.write_text("<html>", encoding="utf-8")
    with pytest.raises(ProviderError, match="not valid JSON"):
        claimreview.search(ClaimQuery("ميناء"))
    settings.CLAIMREVIEW_FEED_PATH = str(feed_file) + ".missing"
    with pytest.raises(ProviderError, match="cannot be read"):
        claimreview.search(ClaimQuery("ميناء"))


def test_it_finds_an_english_fact_check_for_an_arabic_claim(tmp_path, settings):
    review = {"@type": "ClaimReview", "claimReviewed": "The minister said unemployment fell to 4 percent in March",
              "url": "https://checks.example/jobs", "author": {"name": "Example Checks"},
              "reviewRating": {"alternateName": "Misleading"}, "datePublished": "2025-04-02"}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([review, {**FEED["dataFeedElement"][0]["item"][0]}], ensure_ascii=False),
                    encoding="utf-8")
    settings.CLAIMREVIEW_FEED_PATH = str(path)
    found = claimreview.search(ClaimQuery("قال الوزير إن البطالة انخفضت إلى 4 في المئة في مارس", language="ar"))
    assert [c.url for c in found] == ["https://checks.example/jobs"]
    assert found[0].extra["coverage"] < claimreview.MIN_COVERAGE <= 1  # found by meaning, not shared words
    assert found[0].extra["similarity"] >= 0.83
