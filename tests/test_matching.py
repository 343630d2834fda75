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


def test_it_reranks_with_embeddings_to_find_a_restatement_in_other_words():
    collection = [
        matching.CheckedClaim(id="flu", claim="Drinking hot water cures the flu"),
        matching.CheckedClaim(id="water", claim="The city's tap water is unsafe to drink, officials say"),
    ]
    query = "A glass of warm water drinking will heal influenza, my doctor says"
    assert matching.ClaimMatcher(collection).search(query)[0].checked.id == "water"  # shared words mislead BM25
    found = matching.ClaimMatcher(collection, semantic=True).search(query)
    assert found[0].checked.id == "flu" and found[0].semantic > found[1].semantic


def test_it_matches_across_arabic_and_english_when_every_claim_is_a_candidate():
    collection = [
        matching.CheckedClaim(id="port", claim="The harbour of Examplia handled five million containers last year"),
        matching.CheckedClaim(id="jobs", claim="The minister said unemployment fell to 4 percent in March"),
    ]
    vectors = {}
    matcher = matching.ClaimMatcher(collection, semantic=True, dense_all=True, vectors=vectors)
    assert matcher.search("قال الوزير إن البطالة انخفضت إلى 4 في المئة في مارس")[0].checked.id == "jobs"
    assert matcher.search("ميناء إكسامبليا تعامل مع خمسة ملايين حاوية")[0].checked.id == "port"
    assert len(vectors) == 2  # each claim embedded once (no titles: the claim stands in)
    # Without every claim as a candidate, no shared word means no match.
    assert matching.ClaimMatcher(collection, semantic=True).search("ميناء إكسامبليا تعامل مع خمسة ملايين حاوية") == []


def test_it_prefers_the_fact_check_published_when_the_claim_circulated():
    collection = [
        matching.CheckedClaim(id="old", claim="A shark swims on a flooded highway", date="2 September 2017"),
        matching.CheckedClaim(id="new", claim="A shark swims on a flooded highway", date="30 September 2022"),
    ]
    matcher = matching.ClaimMatcher(collection, semantic=True)
    tweet = "Shark on the highway!! pic.twitter.com/abc — Storm Watch (@stormwatch) September 29, 2022"
    assert matching.tweet_date(tweet).isoformat() == "2022-09-29"
    assert matcher.search(tweet)[0].checked.id == "new"
    assert matcher.search("A shark on the flooded highway", on=matching.parse_date("2017-08-30"))[0].checked.id == "old"
