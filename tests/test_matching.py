"""claims/matching.py: "checked before?" against earlier fact-checks (plain Python)."""

import json

import pytest

from claims import matching

COLLECTION = [
    matching.CheckedClaim(id="a", claim="Drinking hot water cures the flu", title="Does hot water cure flu?"),
    matching.CheckedClaim(id="b", claim="The senator voted against the border bill", title="Senator border vote"),
    matching.CheckedClaim(id="c", claim="شرب الماء الساخن يقضي على فيروس الإنفلونزا", title="الماء الساخن والإنفلونزا"),
]


def test_it_finds_the_fact_check_a_tweet_restates():
    matcher = matching.ClaimMatcher(COLLECTION)
    found = matcher.search("BREAKING: hot water CURES flu!! share now https://t.co/x pic.twitter.com/abc", k=2)
    assert found[0].checked.id == "a"


def test_it_matches_arabic_across_spelling_variants():
    matcher = matching.ClaimMatcher(COLLECTION)
    assert matcher.search("الماء الساخن يقضي على الانفلونزا")[0].checked.id == "c"


def test_it_returns_nothing_for_an_empty_query():
    assert matching.ClaimMatcher(COLLECTION).search("https://t.co/x") == []


def test_it_removes_a_tweet_signature_line_but_keeps_handle_names():
    cleaned = matching.clean_query("Vote counts are fake @JoeBiden — Some Person (@someone) January 28, 2021")
    assert "January" not in cleaned and "someone" not in cleaned
    assert "Joe Biden" in cleaned


def test_it_reads_a_datafeed_and_a_factcheck_api_response():
    feed = {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [{
        "@type": "ClaimReview", "claimReviewed": "Made-up claim", "url": "https://checker.example/1",
        "author": {"name": "Checker"}, "reviewRating": {"alternateName": "False", "ratingValue": "1"},
    }]}]}
    found = matching.parse_claimreview_feed(json.dumps(feed))
    assert [(c.claim, c.rating, c.publisher) for c in found] == [("Made-up claim", "False", "Checker")]
    api = {"claims": [{"text": "Another claim", "claimant": "X", "claimReview": [
        {"publisher": {"name": "P"}, "url": "https://p.example/2", "textualRating": "Mostly false", "languageCode": "en"}]}]}
    assert matching.parse_claimreview_feed(api)[0].rating == "Mostly false"
    assert matching.parse_claimreview_feed({}) == []


def test_it_refuses_a_file_that_is_not_a_feed():
    with pytest.raises(matching.FeedFormatError):
        matching.parse_claimreview_feed(b"<html>")
    with pytest.raises(matching.FeedFormatError):
        matching.parse_claimreview_feed({"hello": 1})
