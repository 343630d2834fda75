"""safe_post: the POST side of the one outbound HTTP door, with every check safe_get makes."""

import json
import socket

import pytest

from claims.fetch import (
    FetchTimeout,
    FetchTooLarge,
    HTTPStatusError,
    TransientFetchError,
    TransientHTTPStatusError,
    UnsafeURL,
    allow_loopback_for_tests,
    safe_post,
)
from tests.fakes.http import trickle

OK = {"Content-Type": "application/json"}


@pytest.fixture
def loopback_refused():
    allow_loopback_for_tests(False)
    yield
    allow_loopback_for_tests(False)


def test_it_posts_json_with_the_callers_headers(fake_http, settings):
    settings.FETCH_USER_AGENT = "TestAgent/1"
    url = fake_http.route("/hook", headers=OK, body='{"ok": true}')

    result = safe_post(url, json_body={"event": "x", "text": "وزارة"}, headers={"X-Sig": "abc"})

    seen = fake_http.requests[-1]
    assert seen.method == "POST"
    assert json.loads(seen.body) == {"event": "x", "text": "وزارة"}
    assert seen.headers["Content-Type"] == "application/json"
    assert seen.headers["X-Sig"] == "abc" and seen.headers["User-Agent"] == "TestAgent/1"
    assert result.status == 200 and result.text == '{"ok": true}'


def test_it_posts_raw_bytes_unchanged(fake_http):
    url = fake_http.route("/hook", status=204)
    body = b'{"b":1,"a":2}'

    safe_post(url, data=body, headers={"Content-Type": "application/json"})

    assert fake_http.requests[-1].body == body


def test_it_takes_exactly_one_body():
    with pytest.raises(ValueError, match="exactly one"):
        safe_post("https://example.org/", json_body={}, data=b"x")
    with pytest.raises(ValueError, match="exactly one"):
        safe_post("https://example.org/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/hook", "private network"),
        ("http://192.168.1.20/hook", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd00::1]/hook", "unique local"),
        ("http://127.0.0.1/hook", "loopback"),
        ("http://localhost/hook", "loopback"),
        ("ftp://example.org/hook", "only http and https"),
        ("http://user:pw@example.org/hook", "user name or password"),
    ],
)
def test_it_refuses_what_safe_get_refuses(url, reason, loopback_refused):
    with pytest.raises(UnsafeURL, match=reason):
        safe_post(url, json_body={"a": 1})


def test_it_never_follows_a_redirect(fake_http):
    fake_http.route("/elsewhere", headers=OK, body="{}")
    url = fake_http.redirect("/hook", "/elsewhere", status=307)

    with pytest.raises(HTTPStatusError, match="not re-sent") as caught:
        safe_post(url, json_body={"a": 1})

    assert caught.value.status == 307
    assert [r.path for r in fake_http.requests] == ["/hook"]


def test_a_server_error_is_transient_and_a_client_error_is_not(fake_http):
    busy = fake_http.route("/busy", status=503, headers={"Retry-After": "7"}, body="later")
    gone = fake_http.route("/gone", status=410, body="no")

    with pytest.raises(TransientHTTPStatusError) as caught:
        safe_post(busy, json_body={})
    assert caught.value.status == 503 and caught.value.retry_after == 7
    with pytest.raises(HTTPStatusError) as caught:
        safe_post(gone, json_body={})
    assert not isinstance(caught.value, TransientFetchError)


def test_a_closed_port_is_transient(fake_http):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with pytest.raises(TransientFetchError, match="Could not connect"):
        safe_post(f"http://127.0.0.1:{port}/hook", json_body={})


def test_the_answer_is_capped_and_the_deadline_holds(fake_http):
    big = fake_http.route("/big", headers=OK, body=b"x" * 5000)
    slow = fake_http.route("/slow", headers=OK, body=trickle(b"x" * 50, every=0.2))

    with pytest.raises(FetchTooLarge):
        safe_post(big, json_body={}, max_bytes=1000)
    with pytest.raises(FetchTimeout):
        safe_post(slow, json_body={}, deadline=1.0)
