"""claims/gathering.py: the body of the gathering task, run in-process against loopback fakes.

Providers answer from fake servers speaking the real formats; candidate pages are
served by a loopback page server. Faults hit one provider while another works:
the claim still completes, the failure is recorded on its row, nothing is duplicated.
"""

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims import gathering
from claims.models import Article, Claim, Evidence, Feed, GatherRun, ProviderRun, RunStatus, Source
from claims.sources import ratelimit
from tests.fakes import feeds as fake_feeds
from tests.fakes import searxng as fake_searxng
from tests.fakes import wayback as fake_wayback
from tests.fakes import wikidata as fake_wikidata
from tests.fakes import wikipedia as fake_wikipedia
from tests.fakes.http import FakeHTTPServer
from tests.fakes.providers import serving

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>Harbour record</title></head><body><article>
<h1>Examplia harbour sets a container record</h1>
<p>The Harbour of Examplia handled 1.2 million containers in 2023, the port authority said on Monday.</p>
<p>Officials said the figure was a record for the deep-water port, which opened in 2019 on the coast.</p>
<p>Shipping lines added three new weekly services, and the authority expects more traffic next year.</p>
</article></body></html>"""


@pytest.fixture
def world(settings):
    """Fake Wikipedia, SearXNG (pointing at a loopback article page), Wayback and a page server."""
    settings.SOURCES_DEADLINE_SECONDS = 2
    settings.GATHER_DOMAIN_INTERVAL_SECONDS = 0
    settings.REDIS_URL = ""
    ratelimit._local_next.clear()
    with serving(fake_wikipedia.make()) as wiki, serving(fake_searxng.make()) as sx, \
            serving(fake_wayback.make()) as wb, serving(FakeHTTPServer()) as pages:
        settings.WIKIPEDIA_API_URL = wiki.url("/{lang}/w/api.php")
        settings.SEARXNG_URL = sx.url("/")
        settings.WAYBACK_AVAILABLE_URL = wb.url("/wayback/available")
        page_url = pages.route("/news/harbour-record", body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
        sx.results = [{**fake_searxng.RESULTS[0], "url": page_url + "?utm_source=x"}]
        yield type("World", (), {"wiki": wiki, "sx": sx, "wb": wb, "pages": pages, "page_url": page_url})


def _claim(text="The Harbour of Examplia handled 5 million containers in 2023", language="en", published=None):
    reporter, _ = get_user_model().objects.get_or_create(username="gathering-reporter")
    body = f"Intro. {text}. Outro."
    article = Article.objects.create(submitted_by=reporter, title="A", body=body, language=language,
                                     status="ready", published_at=published)
    start = body.index(text)
    return Claim.objects.create(article=article, start=start, end=start + len(text), text=text, checkworthy=True,
                                entities=[{"text": "Examplia", "label": "place", "start": 0, "end": 8}])


def _start(claim, providers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        runs = gathering.start_gathering(article=claim.article, providers=providers)
    assert len(callbacks) == 1  # the article task, sent after commit
    return runs[0]


def test_it_asks_each_provider_archives_pages_and_keeps_evidence(world, django_capture_on_commit_callbacks):
    claim = _claim()
    run = _start(claim, ["wikipedia", "searxng"], django_capture_on_commit_callbacks)
    run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert run.status == RunStatus.DONE and run.finished_at
    assert {(p.provider, p.status) for p in run.provider_runs.all()} == {("wikipedia", "done"), ("searxng", "done")}
    page = Source.objects.get(provider="searxng")
    assert page.final_url == world.page_url + "?utm_source=x" and page.http_status == 200 and len(page.sha256) == 64
    assert page.normalized_url == world.page_url  # tracking parameter dropped
    assert page.wayback_url.startswith("http://web.archive.org/web/20260212061822/")
    assert "1.2 million containers" in page.text
    evidence = Evidence.objects.get(claim=claim, source=page)
    assert "1.2 million" in evidence.passage
    figures = {f["figure"]: f["status"] for f in evidence.figures}
    assert figures == {"5 million": "mismatch", "2023": "match"}
    assert evidence.suggested_stance == "refutes"
    assert Evidence.objects.filter(claim=claim, source__provider="wikipedia").exists()
    assert run.evidence_added == Evidence.objects.filter(claim=claim).count()


def test_it_adds_nothing_twice_when_the_task_is_delivered_again(world, django_capture_on_commit_callbacks):
    claim = _claim()
    run = _start(claim, ["wikipedia", "searxng"], django_capture_on_commit_callbacks)
    gathering.gather_for_claim(run_id=run.pk, task_id="t-1", allow_retry=False)
    counts = Evidence.objects.count(), Source.objects.count()
    # A second delivery of a finished run does nothing at all.
    assert gathering.gather_for_claim(run_id=run.pk, task_id="t-1", allow_retry=False) is None
    # Even forced to run again (a redelivery mid-run), it finds everything already there.
    GatherRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, task_id="t-1")
    ProviderRun.objects.filter(run=run).update(status=RunStatus.QUEUED)
    gathering.gather_for_claim(run_id=run.pk, task_id="t-1", allow_retry=False)
    assert (Evidence.objects.count(), Source.objects.count()) == counts
    # Someone else's message for a running run is refused.
    GatherRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, task_id="t-1")
    assert gathering.gather_for_claim(run_id=run.pk, task_id="t-2") is None


@pytest.mark.parametrize("fault", ["down", "slow", "429", "500", "malformed", "html", "empty", "huge", "non_utf8"])
def test_it_completes_the_claim_when_one_provider_fails(world, settings, fault, django_capture_on_commit_callbacks):
    settings.SOURCES_DEADLINE_SECONDS = 1
    if fault == "down":
        world.wiki.stop()
    else:
        world.wiki.fail(fault)
    claim = _claim()
    run = _start(claim, ["wikipedia", "searxng"], django_capture_on_commit_callbacks)
    run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert run.status == RunStatus.DONE
    wiki = run.provider_runs.get(provider="wikipedia")
    assert wiki.status == RunStatus.FAILED and wiki.reason
    assert wiki.transient == (fault in ("down", "slow", "429", "500"))
    assert run.provider_runs.get(provider="searxng").status == RunStatus.DONE
    assert Evidence.objects.filter(claim=claim, source__provider="searxng").count() == 1


def test_it_retries_only_the_providers_that_failed_transiently(world, django_capture_on_commit_callbacks):
    world.wiki.fail("429")
    claim = _claim()
    run = _start(claim, ["wikipedia", "searxng"], django_capture_on_commit_callbacks)
    with pytest.raises(gathering.TransientGatherError) as caught:
        gathering.gather_for_claim(run_id=run.pk, task_id="t-1")
    assert caught.value.retry_after == 7  # from Retry-After
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    searx_requests = len(world.sx.requests)
    world.wiki.fault = None
    run = gathering.gather_for_claim(run_id=run.pk, task_id="t-1")
    assert run.status == RunStatus.DONE and run.attempts == 2
    assert len(world.sx.requests) == searx_requests  # searxng was not asked again
    assert run.provider_runs.get(provider="wikipedia").status == RunStatus.DONE


def test_it_fails_the_run_with_reasons_when_every_provider_fails(world, django_capture_on_commit_callbacks):
    world.wiki.fail("html")
    world.sx.fail("malformed")
    claim = _claim()
    run = _start(claim, ["wikipedia", "searxng"], django_capture_on_commit_callbacks)
    run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert run.status == RunStatus.FAILED and "Every provider failed" in run.reason
    assert not Evidence.objects.exists()


def test_it_does_not_archive_pages_that_redirect_inward_or_explode(world, django_capture_on_commit_callbacks):
    world.pages.redirect("/evil", "http://10.0.0.1/admin")
    bomb = gzip.compress(b"<html>" + b"a" * (20 * 1024 * 1024))
    world.pages.route("/bomb", body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    world.sx.results = [{**fake_searxng.RESULTS[0], "url": world.pages.url("/evil")},
                        {**fake_searxng.RESULTS[0], "url": world.pages.url("/bomb")}]
    claim = _claim()
    run = _start(claim, ["searxng"], django_capture_on_commit_callbacks)
    run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert run.status == RunStatus.DONE
    assert not Source.objects.exists() and not Evidence.objects.exists()


def test_it_records_a_feed_with_an_entity_attack_as_failed(world, django_capture_on_commit_callbacks):
    with serving(fake_feeds.make()) as feeds:
        Feed.objects.create(url=feeds.url("/laughs.xml"))
        claim = _claim("Harbour containers record")
        run = _start(claim, ["feeds", "searxng"], django_capture_on_commit_callbacks)
        run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    failed = run.provider_runs.get(provider="feeds")
    assert failed.status == RunStatus.FAILED and "entities" in failed.reason
    assert run.status == RunStatus.DONE


def test_it_flags_a_former_title_for_someone_in_office_on_the_publication_date(settings,
                                                                              django_capture_on_commit_callbacks):
    with serving(fake_wikidata.make()) as wd:
        settings.WIKIDATA_API_URL = wd.url("/w/api.php")
        claim = _claim("The former president of Examplia Dana Example opened the port",
                       published=datetime(2018, 5, 1, tzinfo=UTC))
        claim.entities = [{"text": "Dana Example", "label": "person", "start": 0, "end": 12}]
        claim.save()
        run = _start(claim, ["wikidata"], django_capture_on_commit_callbacks)
        gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    evidence = Evidence.objects.get(claim=claim)
    title = [f for f in evidence.figures if f["kind"] == "title"]
    assert title and title[0]["status"] == "mismatch" and "still held" in title[0]["found"][0]


def test_it_requeues_a_stale_running_run_and_gives_up_after_three_attempts(django_capture_on_commit_callbacks):
    claim = _claim()
    run = GatherRun.objects.create(article=claim.article, claim=claim, providers=["archive"], status=RunStatus.RUNNING,
                                   attempts=1, heartbeat_at=timezone.now() - timedelta(hours=1))
    ProviderRun.objects.create(run=run, provider="archive", status=RunStatus.RUNNING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert gathering.retry_stale_runs(older_than=timedelta(minutes=10)) == [run.pk]
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and run.provider_runs.get().status == RunStatus.QUEUED
    GatherRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, attempts=3,
                                               heartbeat_at=timezone.now() - timedelta(hours=1))
    assert gathering.retry_stale_runs(older_than=timedelta(minutes=10)) == []
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "stalled" in run.reason


def test_it_refuses_unknown_providers_and_articles_without_claims():
    claim = _claim()
    with pytest.raises(gathering.GatheringError, match="Unknown"):
        gathering.start_gathering(article=claim.article, providers=["nope"])
    Claim.objects.update(checkworthy=False)
    with pytest.raises(gathering.GatheringError, match="no check-worthy"):
        gathering.start_gathering(article=claim.article, providers=["archive"])
    assert not GatherRun.objects.exists()


def test_it_normalises_urls_for_the_unique_source_key():
    assert gathering.normalize_url("HTTPS://News.Example:443/a/?utm_source=x&b=2&a=1#top") == "https://news.example/a?a=1&b=2"


def test_it_reads_an_earlier_fact_checks_rating_as_the_suggested_stance():
    from claims.sources.base import Candidate

    assert gathering._verdict_stance(Candidate("u", extra={"kind": "factcheck", "rating": "Mostly False"})) == "refutes"
    assert gathering._verdict_stance(Candidate("u", extra={"kind": "factcheck", "rating": "خطأ"})) == "refutes"
    assert gathering._verdict_stance(Candidate("u", extra={"kind": "factcheck", "rating": "True"})) == "supports"
    assert gathering._verdict_stance(Candidate("u", extra={"kind": "factcheck", "rating": "Half"})) == "context"
    assert gathering._verdict_stance(Candidate("u")) == ""


def test_it_looks_for_each_claims_own_cited_outlet(django_capture_on_commit_callbacks):
    reporter, _ = get_user_model().objects.get_or_create(username="gathering-reporter")
    sentences = ["Exports rose 20 percent in 2023, according to the Wall Street Journal.",
                 "According to Bloomberg, the harbour deal collapsed in May.",
                 "The minister resigned on Friday after the vote."]
    body = " ".join(sentences)
    article = Article.objects.create(submitted_by=reporter, title="A", body=body, language="en", status="ready")
    for sentence in sentences:
        start = body.index(sentence)
        Claim.objects.create(article=article, start=start, end=start + len(sentence), text=sentence, checkworthy=True)
    with django_capture_on_commit_callbacks(execute=False):
        runs = gathering.start_gathering(article=article, providers=["cited"])
    outlets = [run.cited_outlet for run in sorted(runs, key=lambda r: r.claim.start)]
    assert "Wall Street Journal" in outlets[0] and outlets[1] == "Bloomberg"
    assert "Wall Street Journal" in outlets[2]  # cites nothing itself: the article's first outlet
