"""Feeds provider (editor-added RSS/Atom) against fake feeds on loopback."""

import pytest

from claims.models import Feed
from claims.sources import feeds
from claims.sources.base import ClaimQuery, ProviderError
from tests.fakes import feeds as fake_feeds
from tests.fakes.providers import serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    with serving(fake_feeds.make()) as fake:
        yield fake


def test_it_returns_matching_entries_of_rss_and_atom_feeds(server):
    Feed.objects.create(url=server.url("/rss.xml"), title="Daily")
    Feed.objects.create(url=server.url("/atom.xml"), title="Akhbar")
    found = feeds.search(ClaimQuery("Harbour of Examplia handled 1.2 million containers"))
    assert [c.url for c in found] == ["https://daily.example/2024/jan/31/harbour-containers"]
    assert found[0].snippet == "The harbour handled 1.2 million containers, the port authority said."
    assert found[0].published.year == 2024
    arabic = feeds.search(ClaimQuery("ميناء إكسامبليا يتعامل مع 1.2 مليون حاوية", language="ar"))
    assert arabic[0].url == "https://akhbar.example/port?wt_mc=rss"


def test_it_refuses_a_feed_with_an_entity_expansion_attack(server):
    Feed.objects.create(url=server.url("/laughs.xml"))
    with pytest.raises(ProviderError, match="entities or a DTD"):
        feeds.search(ClaimQuery("Harbour containers"))


def test_it_reads_the_other_feeds_when_one_is_bad(server):
    Feed.objects.create(url=server.url("/laughs.xml"), title="a")
    Feed.objects.create(url=server.url("/rss.xml"), title="b")
    assert len(feeds.search(ClaimQuery("Harbour of Examplia containers"))) == 1


def test_it_reads_a_feed_in_a_legacy_encoding(server):
    Feed.objects.create(url=server.url("/latin1.xml"))
    assert len(feeds.search(ClaimQuery("Harbour of Examplia containers"))) == 1


def test_it_skips_disabled_feeds_and_asks_nothing_without_feeds(server):
    Feed.objects.create(url=server.url("/rss.xml"), enabled=False)
    assert feeds.search(ClaimQuery("Harbour of Examplia containers")) == []
    assert server.requests == []
