"""Webhooks: rows written with the change, signed POSTs through the safe fetcher,
retries with backoff by a real worker, every attempt recorded."""

import hashlib
import hmac
import json
import socket
import time
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from claims import gathering, tasks, webhooks
from claims.models import Article, Claim, GatherRun, RunStatus, WebhookDelivery, WebhookSubscriber
from claims.models.webhooks import WebhookEvent
from tests.worker import wait_for

GATHERED = WebhookEvent.GATHERING_FINISHED
PUBLISHED = WebhookEvent.VERDICT_PUBLISHED
SECRET = "a-shared-secret-of-some-length"


def subscribe(url, *, events=(GATHERED, PUBLISHED), active=True, name="CMS"):
    return WebhookSubscriber.objects.create(name=name, url=url, secret=SECRET, events=list(events), active=active)


def receiver_accepts(request, secret=SECRET, *, now=None) -> bool:
    """What a subscriber's server does, written from the README, not from our code."""
    timestamp = request.headers["X-Factcheck-Timestamp"]
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    fresh = abs((now or time.time()) - int(timestamp)) <= 300
    return fresh and hmac.compare_digest(request.headers["X-Factcheck-Signature"], f"sha256={expected}")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- emitting -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_writes_one_row_per_interested_active_subscriber_and_sends_after_commit(django_capture_on_commit_callbacks):
    both = subscribe("https://cms.example.org/hook")
    only_verdicts = subscribe("https://bot.example.org/hook", events=[PUBLISHED], name="Bot")
    subscribe("https://old.example.org/hook", active=False, name="Old")

    with django_capture_on_commit_callbacks() as callbacks:
        rows = webhooks.emit(GATHERED, {"article": {"id": 7}})

    assert [r.subscriber for r in rows] == [both]
    assert rows[0].status == WebhookDelivery.Status.PENDING and rows[0].attempts == 0
    assert rows[0].payload == {"article": {"id": 7}}
    assert len(callbacks) == 1  # the task is sent only once the caller commits
    assert WebhookDelivery.objects.filter(subscriber=only_verdicts).count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_announces_nothing():
    subscribe("https://cms.example.org/hook")

    with pytest.raises(RuntimeError), transaction.atomic():
        webhooks.emit(GATHERED, {"article": {"id": 1}})
        raise RuntimeError("the change failed")

    assert WebhookDelivery.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_unknown_events_and_non_json_payloads_saving_nothing():
    subscribe("https://cms.example.org/hook")

    with pytest.raises(ValueError, match="Unknown webhook event"):
        webhooks.emit("article.deleted", {})
    with pytest.raises(ValueError, match="not JSON"):
        webhooks.emit(GATHERED, {"when": object()})
    with pytest.raises(ValueError, match="JSON object"):
        webhooks.emit(GATHERED, ["a", "list"])
    assert WebhookDelivery.objects.count() == 0


@pytest.mark.django_db
def test_a_dedupe_key_announces_an_occurrence_once():
    subscribe("https://cms.example.org/hook")

    first = webhooks.emit(GATHERED, {"n": 1}, dedupe_key="article:1:run:9")
    again = webhooks.emit(GATHERED, {"n": 2}, dedupe_key="article:1:run:9")

    assert len(first) == 1 and again == []
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db
def test_a_subscriber_names_known_events_and_a_long_enough_secret():
    subscriber = WebhookSubscriber(name="x", url="https://cms.example.org/hook", events=["verdict.deleted"])
    with pytest.raises(ValidationError, match="Unknown events"):
        subscriber.full_clean()
    subscriber.events, subscriber.secret = [PUBLISHED], "short"
    with pytest.raises(ValidationError, match="16 characters"):
        subscriber.full_clean()
    assert len(WebhookSubscriber(name="y", url="https://a.example.org/").secret) >= 40  # generated


# --- "gathering finished" -------------------------------------------------------------------


def _article_with_runs(personas, statuses):
    article = Article.objects.create(title="T", body="One claim here.", submitted_by=personas.reporter,
                                     status=Article.Status.READY, language="en")
    claim = Claim.objects.create(article=article, start=0, end=15, text="One claim here.", checkworthy=True)
    runs = [GatherRun.objects.create(article=article, claim=claim, providers=["wikipedia"], status=s,
                                     evidence_added=2) for s in statuses]
    return article, runs


@pytest.mark.django_db
def test_gathering_is_announced_when_the_articles_last_run_ends(personas):
    subscribe("https://cms.example.org/hook")
    article, runs = _article_with_runs(personas, [RunStatus.DONE, RunStatus.RUNNING])

    assert webhooks.emit_gathering_finished(article_id=article.pk) == []  # one run still going

    gathering.fail_run(run_id=runs[1].pk, reason="Gathering took longer than its time limit.")

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == GATHERED
    assert delivery.payload["article"]["id"] == article.pk
    assert delivery.payload["runs"] == {"done": 1, "failed": 1}
    assert delivery.payload["evidence_added"] == 4
    # Two workers noticing the same end announce it once.
    assert webhooks.emit_gathering_finished(article_id=article.pk) == []


# --- signing and one attempt (the task body, called as a function) ---------------------------


@pytest.mark.django_db
def test_it_delivers_a_signed_request_a_receiver_can_verify(fake_http):
    subscribe(fake_http.route("/hook", status=204))
    (delivery,) = webhooks.emit(GATHERED, {"article": {"id": 3, "title": "تقرير"}})

    webhooks.deliver(delivery_id=delivery.pk)

    (request,) = fake_http.requests
    assert receiver_accepts(request)
    assert request.headers["X-Factcheck-Event"] == GATHERED
    assert request.headers["X-Factcheck-Delivery"] == str(delivery.pk)
    assert request.headers["Content-Type"].startswith("application/json")
    sent = json.loads(request.body)
    assert sent["event"] == GATHERED and sent["id"] == delivery.pk
    assert sent["data"] == {"article": {"id": 3, "title": "تقرير"}}
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED and delivery.attempts == 1
    assert delivery.response_status == 204 and delivery.delivered_at is not None and delivery.error == ""
    assert [a["status"] for a in delivery.history] == [204]


@pytest.fixture
def one_delivery(db):
    """A queued delivery; each test points its subscriber at the receiver it needs."""
    subscriber = subscribe("https://cms.example.org/hook", events=[GATHERED])
    (delivery,) = webhooks.emit(GATHERED, {"article": {"id": 1}})
    return subscriber, delivery


def test_a_receiver_refuses_a_tampered_body_or_an_old_timestamp():
    body = b'{"event":"verdict.published"}'
    now = 1_767_225_600
    signature = webhooks.sign(SECRET, now, body)

    assert webhooks.verify_signature(SECRET, body, timestamp=str(now), signature=signature, now=now + 10)
    assert not webhooks.verify_signature(SECRET, body + b" ", timestamp=str(now), signature=signature, now=now)
    assert not webhooks.verify_signature("another-secret-value", body, timestamp=str(now), signature=signature,
                                         now=now)
    # A captured request replayed an hour later.
    assert not webhooks.verify_signature(SECRET, body, timestamp=str(now), signature=signature, now=now + 3600)
    # The timestamp is inside the signed material: changing it breaks the signature.
    assert not webhooks.verify_signature(SECRET, body, timestamp=str(now + 5), signature=signature, now=now)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://10.0.0.8/hook", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd12::1]/hook", "unique local"),
        ("http://127.0.0.1:9/hook", "loopback"),
    ],
)
def test_it_refuses_a_private_target_at_once_and_records_why(one_delivery, target, reason):
    subscriber, delivery = one_delivery
    subscriber.url = target
    subscriber.save()

    webhooks.deliver(delivery_id=delivery.pk)  # no retry: raises nothing

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED and delivery.attempts == 1
    assert reason in delivery.error and delivery.response_status is None
    assert len(delivery.history) == 1 and reason in delivery.history[0]["error"]


def test_a_client_error_fails_at_once(one_delivery, fake_http):
    subscriber, delivery = one_delivery
    subscriber.url = fake_http.route("/hook", status=404, body="no such hook")
    subscriber.save()

    webhooks.deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.response_status == 404 and "not found" in delivery.error


def test_a_server_error_is_retried_with_growing_delays_then_given_up(one_delivery, fake_http, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    settings.WEBHOOK_RETRY_DELAY_SECONDS = 10
    subscriber, delivery = one_delivery
    subscriber.url = fake_http.route("/hook", status=500, body="oops")
    subscriber.save()

    delays = []
    for _ in range(2):
        with pytest.raises(webhooks.TransientDeliveryError) as caught:
            webhooks.deliver(delivery_id=delivery.pk)
        delays.append(caught.value.retry_after)
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.Status.RETRYING and delivery.next_attempt_at > delivery.last_attempt_at
    webhooks.deliver(delivery_id=delivery.pk)  # the last attempt: no more retries

    assert delays == [10, 20]
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED and delivery.attempts == 3
    assert "gave up after 3 attempts" in delivery.error
    assert [a["status"] for a in delivery.history] == [500, 500, 500]
    assert len(fake_http.requests) == 3


def test_retry_after_is_honoured_when_longer(one_delivery, fake_http, settings):
    settings.WEBHOOK_RETRY_DELAY_SECONDS = 1
    subscriber, delivery = one_delivery
    subscriber.url = fake_http.route("/hook", status=429, headers={"Retry-After": "120"}, body="slow down")
    subscriber.save()

    with pytest.raises(webhooks.TransientDeliveryError) as caught:
        webhooks.deliver(delivery_id=delivery.pk)

    assert caught.value.retry_after == 120


def test_a_delivered_row_is_not_sent_again(one_delivery, fake_http):
    subscriber, delivery = one_delivery
    subscriber.url = fake_http.route("/hook", status=200, body="ok")
    subscriber.save()

    webhooks.deliver(delivery_id=delivery.pk)
    assert webhooks.deliver(delivery_id=delivery.pk) is None  # a duplicate message

    assert len(fake_http.requests) == 1


def test_a_deactivated_subscriber_gets_nothing(one_delivery, fake_http):
    subscriber, delivery = one_delivery
    subscriber.url, subscriber.active = fake_http.route("/hook", status=200), False
    subscriber.save()

    webhooks.deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED and "deactivated" in delivery.error
    assert fake_http.requests == []


def test_the_task_runs_on_the_webhooks_queue(settings):
    assert tasks.deliver_webhook.name == "claims.tasks.deliver_webhook"
    assert settings.CELERY_TASK_ROUTES["claims.tasks.deliver_webhook"] == {"queue": "webhooks"}
    assert "webhooks" in settings.CELERY_WORKER_QUEUES.split(",")


@pytest.mark.django_db
def test_the_admin_registers_subscribers_and_shows_deliveries(client, personas):
    client.force_login(personas.admin)

    response = client.post("/admin/claims/webhooksubscriber/add/", {
        "name": "CMS", "url": "https://cms.example.org/hook", "secret": SECRET, "events": [PUBLISHED],
        "active": "on"})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert WebhookSubscriber.objects.get().events == [PUBLISHED]
    webhooks.emit(PUBLISHED, {"claim": {"id": 1}})
    assert client.get("/admin/claims/webhookdelivery/").status_code == 200
    assert client.get("/admin/claims/webhookdelivery/add/").status_code == 403


# --- a real worker over Redis --------------------------------------------------------------


def _attempt_times(delivery) -> list[datetime]:
    return [datetime.fromisoformat(a["at"]) for a in delivery.history]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_retries_500s_with_backoff_until_delivered(celery_worker, fake_http):
    url = fake_http.route("/hook", status=500, body="database down")
    subscriber = subscribe(url, events=[GATHERED])

    with transaction.atomic():
        (delivery,) = webhooks.emit(GATHERED, {"article": {"id": 42}})

    wait_for(lambda: len(fake_http.requests) >= 2, timeout=30, message="two failed attempts")
    # The receiver recovers; the next attempt is at least a second away (0.5 s doubled).
    fake_http.route("/hook", status=200, body="ok")
    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.DELIVERED,
             timeout=30, message="delivery")

    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.response_status == 200
    assert [a["status"] for a in delivery.history] == [500, 500, 200]
    first, second, third = _attempt_times(delivery)
    # The worker runs with WEBHOOK_RETRY_DELAY_SECONDS=0.5 (tests/worker.py): 0.5 s, then 1 s.
    assert (second - first).total_seconds() >= 0.45
    assert (third - second).total_seconds() >= 0.95
    bodies = {r.body for r in fake_http.requests}
    assert len(bodies) == 1  # the same body every time
    assert {r.headers["X-Factcheck-Delivery"] for r in fake_http.requests} == {str(delivery.pk)}
    assert all(receiver_accepts(r, subscriber.secret) for r in fake_http.requests)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_retries_a_refused_connection(celery_worker, fake_http):
    subscriber = subscribe(f"http://127.0.0.1:{closed_port()}/hook", events=[PUBLISHED])

    with transaction.atomic():
        (delivery,) = webhooks.emit(PUBLISHED, {"claim": {"id": 5}})

    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).attempts >= 2, timeout=30,
             message="two refused attempts")
    row = WebhookDelivery.objects.get(pk=delivery.pk)
    assert row.status in (WebhookDelivery.Status.RETRYING, WebhookDelivery.Status.SENDING)
    assert "Could not connect" in row.history[0]["error"]
    # The subscriber fixes its address; the next retry reaches it.
    WebhookSubscriber.objects.filter(pk=subscriber.pk).update(url=fake_http.route("/hook", status=202))
    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.DELIVERED,
             timeout=30, message="delivery after the address was fixed")
    delivery.refresh_from_db()
    assert delivery.attempts >= 3 and delivery.history[-1]["status"] == 202
    assert all(a["status"] is None for a in delivery.history[:-1])


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_refuses_a_private_target_without_retrying(celery_worker):
    # The test worker may reach loopback fakes; private ranges stay refused.
    subscribe("http://192.168.10.10/hook", events=[GATHERED])

    with transaction.atomic():
        (delivery,) = webhooks.emit(GATHERED, {"article": {"id": 9}})

    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.FAILED,
             timeout=30, message="refusal")
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and "private network" in delivery.error


# --- "verdict published" ----------------------------------------------------------------------


@pytest.mark.django_db
def test_approving_and_correcting_a_verdict_announce_it(personas):
    from claims import review
    from tests.report_data import add_claim, ensure_scale, make_article, publish

    subscribe("https://cms.example.org/hook", events=[PUBLISHED])
    claim = add_claim(make_article(personas.reporter), "The new bridge cost 300 million dollars.")

    verdict = publish(claim, people=personas)

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == PUBLISHED and delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.payload["claim"]["id"] == claim.pk
    assert delivery.payload["verdict"]["id"] == verdict.pk and delivery.payload["verdict"]["rating"] == "false"
    assert delivery.payload["verdict"]["approved_by"] == personas.chief.username

    claim.refresh_from_db()
    corrected = review.correct(claim=claim, by=personas.chief, expected_version=claim.version,
                               reason="A newer figure.", rating=ensure_scale()["misleading"],
                               rationale="The cost was revised.")

    latest = WebhookDelivery.objects.order_by("-pk").first()
    assert WebhookDelivery.objects.count() == 2
    assert latest.payload["verdict"]["id"] == corrected.pk
    assert latest.payload["verdict"]["correction_reason"] == "A newer figure."


@pytest.mark.django_db
def test_a_proposal_alone_announces_nothing(personas):
    from tests.report_data import add_claim, make_article, propose_only

    subscribe("https://cms.example.org/hook", events=[PUBLISHED])
    propose_only(add_claim(make_article(personas.reporter), "Exports doubled since 2019."), people=personas)

    assert WebhookDelivery.objects.count() == 0
