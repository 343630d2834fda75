"""Cited-source provider: the outlet an article cites, searched on its own domain."""


from claims.sources import cited
from claims.sources.base import ClaimQuery
from tests.fakes import searxng as fake_searxng
from tests.fakes.providers import serving


def test_it_maps_outlet_names_in_both_languages_to_domains():
    assert cited.outlet_domain("صحيفة وول ستريت جورنال") == "wsj.com"
    assert cited.outlet_domain("The Wall Street Journal") == "wsj.com"
    assert cited.outlet_domain("وكالة رويترز") == "reuters.com"
    assert cited.outlet_domain("news.example.org") == "news.example.org"
    assert cited.outlet_domain("a local blog") is None


def test_it_searches_the_cited_domain_only(settings):
    with serving(fake_searxng.make()) as sx:
        settings.SEARXNG_URL = sx.url("/")
        found = cited.search(ClaimQuery("Examplia harbour record", outlet="Reuters", entities=["Examplia"]))
        assert sx.params_seen()[0]["q"] == "Examplia site:reuters.com"
    assert found[0].provider == "cited" and found[0].extra["domain"] == "reuters.com"


def test_it_does_nothing_without_a_known_outlet():
    assert cited.search(ClaimQuery("Examplia harbour")) == []
    assert cited.search(ClaimQuery("Examplia harbour", outlet="my uncle")) == []
