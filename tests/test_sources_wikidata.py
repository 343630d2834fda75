"""Wikidata provider and the title check against a fake Wikibase API on loopback."""

from datetime import date

import pytest

from claims.evidence import check_title
from claims.sources import wikidata
from claims.sources.base import ClaimQuery, ProviderError
from tests.fakes import wikidata as fake_wikidata
from tests.fakes.providers import serving


@pytest.fixture
def wd(settings):
    with serving(fake_wikidata.make()) as server:
        settings.WIKIDATA_API_URL = server.url("/w/api.php")
        yield server


def test_it_reads_positions_held_with_start_and_end(wd):
    positions = wikidata.positions_held("Dana Example", "en")
    assert [(p.id, p.start, p.end) for p in positions] == [("Q900100", date(2015, 3, 1), date(2021, 2, 28))]
    assert "President of Examplia" in positions[0].labels and "رئيس إكسامبليا" in positions[0].labels


def test_it_returns_entity_candidates_with_positions_as_text(wd):
    found = wikidata.search(ClaimQuery("قالت دانا إكسامبل إن الميناء جديد", language="ar", entities=["دانا إكسامبل"]))
    assert found[0].url == "http://www.wikidata.org/entity/Q900001"
    assert "2015-03-01" in found[0].text and found[0].extra["positions"][0]["end"] == "2021-02-28"


def test_it_flags_a_former_title_for_someone_still_in_office_and_the_reverse(wd):
    positions = wikidata.positions_held("Dana Example", "en")
    assert check_title("former president of Examplia", positions, date(2018, 1, 1)).status == "mismatch"
    assert check_title("الرئيس السابق", positions, date(2022, 1, 1)).status == "match"
    assert check_title("President", positions, date(2022, 1, 1)).status == "mismatch"
    assert check_title("President", positions, date(2016, 6, 1)).status == "match"
    assert check_title("Minister of Fish", positions, date(2016, 6, 1)).status == "unknown"


def test_it_reports_the_errors_envelope_for_an_unknown_id(wd):
    with pytest.raises(ProviderError, match="no-such-entity"):
        wikidata.entity_positions(["Q1"], "en")


def test_it_finds_nothing_for_an_unknown_name(wd):
    assert wikidata.search(ClaimQuery("x", entities=["Nobody Known"])) == []


@pytest.mark.parametrize("fault", ["html", "malformed", "500"])
def test_it_fails_cleanly_on_bad_answers(wd, fault):
    wd.fail(fault)
    with pytest.raises(ProviderError):
        wikidata.search(ClaimQuery("x", entities=["Dana Example"]))
