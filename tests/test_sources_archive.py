"""Archive provider: full-text search over stored articles and sources (PostgreSQL or SQLite)."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Article, Source
from claims.sources import archive
from claims.sources.base import ClaimQuery

pytestmark = pytest.mark.django_db


def _article(user, **fields):
    return Article.objects.create(submitted_by=user, status="ready", **fields)


def test_it_finds_sources_and_articles_sharing_the_claims_words():
    reporter, _ = get_user_model().objects.get_or_create(username="gathering-reporter")
    Source.objects.create(url="https://a.example/1", normalized_url="https://a.example/1", title="Harbour report",
                          text="The harbour of Examplia handled 1.2 million containers in 2023.")
    Source.objects.create(url="https://a.example/2", normalized_url="https://a.example/2", title="Weather",
                          text="Rain is expected on Friday.")
    own = _article(reporter, title="Own", body="Examplia harbour containers claim", url="https://own.example/")
    _article(reporter, title="Earlier", body="Containers at the Examplia harbour rose.", url="https://old.example/")
    _article(reporter, title="Pasted", body="Examplia harbour containers, no URL")
    found = archive.search(ClaimQuery("Examplia harbour containers", article_id=own.pk))
    urls = [c.url for c in found]
    assert "https://a.example/1" in urls and "https://old.example/" in urls
    assert "https://own.example/" not in urls and "https://a.example/2" not in urls
    assert all(c.text for c in found)


def test_it_folds_arabic_letter_forms_on_both_sides():
    Source.objects.create(url="https://b.example/1", normalized_url="https://b.example/1", title="تقرير",
                          text="أعلنت الحكومة إغلاق الميناء أمس")
    Source.objects.create(url="https://b.example/2", normalized_url="https://b.example/2", title="خبر",
                          text="الطقس حار")
    found = archive.search(ClaimQuery("اعلنت حكومة اغلاق ميناء", language="ar"))
    assert [c.url for c in found] == ["https://b.example/1"]


def test_it_ignores_harakat_tatweel_taa_marbuta_and_clitics_in_text_and_query():
    # Stored with harakat, tatweel and clitics ("وبالمدينة", "للحكومة"); asked bare.
    Source.objects.create(url="https://c.example/1", normalized_url="https://c.example/1", title="",
                          text="وبالمدينـــة قَرَّرَتْ اللجنةُ دعماً للحكومة")
    Source.objects.create(url="https://c.example/2", normalized_url="https://c.example/2", title="",
                          text="مباراة كرة القدم انتهت بالتعادل")
    for query in ("مدينه لجنه حكومة", "المدينة قررت الحكومه", "فالمدينة"):
        found = archive.search(ClaimQuery(query, language="ar"))
        assert [c.url for c in found] == ["https://c.example/1"], query
    # And the other way round: a query with marks meets plain stored text.
    assert [c.url for c in archive.search(ClaimQuery("مُبَارَاةُ كـرة", language="ar"))] == ["https://c.example/2"]


@pytest.mark.skipif(archive.connection.vendor == "postgresql", reason="the FTS5 index is SQLite's")
def test_it_keeps_the_fts5_index_in_step_with_the_rows():
    source = Source.objects.create(url="https://d.example/1", normalized_url="https://d.example/1", title="Port",
                                   text="The Examplia harbour handled containers.")
    assert [c.url for c in archive.search(ClaimQuery("Examplia harbour"))] == ["https://d.example/1"]
    Source.objects.filter(pk=source.pk).update(text="A story about the weather in Examplia and its rain.")
    assert archive.search(ClaimQuery("harbour containers")) == []
    assert [c.url for c in archive.search(ClaimQuery("weather rain"))] == ["https://d.example/1"]
    source.delete()
    assert archive.search(ClaimQuery("weather rain")) == []
    assert archive.sync_fts_index() == 0  # nothing left to do


def test_it_returns_nothing_for_a_claim_of_stop_words():
    assert archive.search(ClaimQuery("the of and in")) == []


@pytest.mark.skipif(archive.connection.vendor != "postgresql", reason="the GIN indexes are PostgreSQL's")
def test_it_searches_postgresql_through_the_gin_index():
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    query = SearchQuery("مياه:*", search_type="raw", config="simple")
    for model, fields, index in ((Article, ("title", "body"), "article_archive_search"),
                                 (Source, ("title", "text"), "source_archive_search")):
        rows = model.objects.annotate(document=archive.search_vector(fields)).filter(document=query).order_by()
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            # Off so the near-empty test tables cannot make a scan, or another
            # index read in order, look cheaper than the GIN index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
