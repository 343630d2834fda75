"""parse_html: article fields from HTML, English and Arabic, with no network at all."""

import socket
from datetime import UTC, datetime, timedelta, timezone

import pytest

from claims import intake
from claims.intake import NoArticleFound, ParsedArticle, parse_html
from tests.fakes.pages import ARABIC_ARTICLE, ARABIC_ARTICLE_CP1256, ENGLISH_ARTICLE, NO_ARTICLE


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection attempt fails the test: newspaper3k must not fetch anything itself."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"intake tried to open a connection: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_it_reads_an_english_article():
    article = parse_html(ENGLISH_ARTICLE, url="https://courier.example.org/news/buses")

    assert isinstance(article, ParsedArticle)
    assert article.title == "City opens two bus lines as ridership climbs"
    assert article.authors == ["Maya Ortega"]
    assert article.published == datetime(2024, 5, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.language == "en"
    assert "ridership on the network rose by 18 percent" in article.text
    assert "review the timetable in September" in article.text


def test_it_leaves_out_navigation_and_footer():
    text = parse_html(ENGLISH_ARTICLE).text

    assert "All rights reserved" not in text
    assert "Most read" not in text
    assert "Sport" not in text


def test_it_does_not_repeat_the_headline_in_the_text():
    article = parse_html(ENGLISH_ARTICLE)

    assert not article.text.startswith(article.title)
    assert article.text.startswith("The city council opened")


def test_it_reads_an_arabic_article():
    article = parse_html(ARABIC_ARTICLE, url="https://akhbar.example.org/local/health")

    assert article.title == "وزارة الصحة: افتتاح مستشفيين جديدين وانخفاض نسبة الإشغال"
    assert article.language == "ar"
    assert article.published == datetime(2024, 3, 2, 8, 15, tzinfo=timezone(timedelta(hours=3)))
    assert "ارتفع إلى اثني عشر مستشفى" in article.text
    assert "أربعمئة مليون دينار" in article.text
    assert "جميع الحقوق محفوظة" not in article.text


def test_it_decodes_windows_1256_bytes_from_the_meta_charset():
    from_bytes = parse_html(ARABIC_ARTICLE_CP1256)

    assert from_bytes.text == parse_html(ARABIC_ARTICLE).text
    assert from_bytes.title.startswith("وزارة الصحة")


def test_it_accepts_utf8_bytes():
    assert parse_html(ENGLISH_ARTICLE.encode("utf-8")).title == "City opens two bus lines as ridership climbs"


def test_it_reads_a_naive_date_as_utc():
    page = ENGLISH_ARTICLE.replace("2024-05-14T09:30:00+02:00", "2024-05-14 09:30")

    assert parse_html(page).published == datetime(2024, 5, 14, 9, 30, tzinfo=UTC)


def test_it_has_no_date_when_the_page_gives_none():
    page = ENGLISH_ARTICLE.replace('<meta property="article:published_time" content="2024-05-14T09:30:00+02:00">', "")

    assert parse_html(page, url="https://courier.example.org/news/buses").published is None


def test_it_takes_the_date_from_the_url_when_the_page_has_none():
    page = ENGLISH_ARTICLE.replace('<meta property="article:published_time" content="2024-05-14T09:30:00+02:00">', "")

    published = parse_html(page, url="https://courier.example.org/2023/11/02/buses").published

    assert published is not None and published.date().isoformat() == "2023-11-02" and published.tzinfo is not None


@pytest.mark.parametrize("html", [NO_ARTICLE, "", "   ", b"", "<html><body></body></html>"])
def test_it_raises_when_there_is_no_article(html):
    with pytest.raises(NoArticleFound) as caught:
        parse_html(html)
    assert str(caught.value)


def test_it_falls_back_to_newspaper3k_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(intake.trafilatura, "extract", lambda *a, **k: None)

    article = parse_html(ENGLISH_ARTICLE)

    assert "ridership on the network rose by 18 percent" in article.text


def test_newspaper3k_is_configured_to_stay_offline():
    config = intake.newspaper_config()

    assert config.fetch_images is False
    assert config.follow_meta_refresh is False
    assert config.memoize_articles is False


def test_a_meta_refresh_is_not_followed():
    page = ENGLISH_ARTICLE.replace("<head>", '<head><meta http-equiv="refresh" content="0; url=http://10.0.0.1/">')

    # no_network would fail the test on any connection attempt.
    assert parse_html(page).title == "City opens two bus lines as ridership climbs"
