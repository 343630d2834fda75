"""safe_get: the one outbound HTTP door. Every case runs against 127.0.0.1 or needs no network."""

import contextlib
import gzip
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from claims import fetch
from claims.fetch import (
    FetchError,
    FetchTimeout,
    FetchTooLarge,
    HTTPStatusError,
    TooManyRedirects,
    TransientFetchError,
    TransientHTTPStatusError,
    UnsafeURL,
    UnsupportedContentType,
    allow_loopback_for_tests,
    safe_get,
)

# fake_http, the loopback server fixture, comes from tests/fakes/http.py (a conftest plugin).
from tests.fakes.http import stream, trickle

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = "<html><head><title>A page</title></head><body><p>Hello there.</p></body></html>"


@pytest.fixture
def loopback_refused():
    allow_loopback_for_tests(False)
    yield
    allow_loopback_for_tests(False)


# --- the happy path ------------------------------------------------------------------


def test_it_fetches_a_page_and_describes_it(fake_http):
    url = fake_http.route("/a", headers=HTML, body=PAGE)

    result = safe_get(url)

    assert result.url == url and result.final_url == url
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.content == PAGE.encode()
    assert result.text == PAGE
    assert len(result.sha256) == 64 and result.sha256 == fetch.hashlib.sha256(PAGE.encode()).hexdigest()
    assert result.fetched_at.tzinfo is not None and abs(datetime.now(UTC) - result.fetched_at) < timedelta(minutes=1)
    assert result.redirects == []


def test_it_sends_its_user_agent_and_caller_headers(fake_http, settings):
    settings.FETCH_USER_AGENT = "TestAgent/1"
    url = fake_http.route("/a", headers=HTML, body=PAGE)

    safe_get(url, headers={"X-Api-Key": "k"})

    seen = fake_http.requests[-1].headers
    assert seen["User-Agent"] == "TestAgent/1"
    assert seen["X-Api-Key"] == "k"
    assert "gzip" in seen["Accept-Encoding"]


def test_it_decodes_gzip_bodies(fake_http):
    url = fake_http.route("/gz", headers={**HTML, "Content-Encoding": "gzip"}, body=gzip.compress(PAGE.encode()))

    assert safe_get(url).text == PAGE


def test_it_decodes_a_windows_1256_arabic_page_declared_in_the_header(fake_http):
    page = "<html><body><p>وزارة الصحة تعلن أرقاماً جديدة</p></body></html>"
    url = fake_http.route("/ar", headers={"Content-Type": "text/html; charset=windows-1256"}, body=page.encode("cp1256"))

    result = safe_get(url)

    assert result.encoding == "windows-1256"
    assert result.text == page


def test_it_decodes_a_windows_1256_arabic_page_declared_in_a_meta_tag(fake_http):
    page = '<html><head><meta charset="windows-1256"></head><body><p>انخفضت نسبة البطالة</p></body></html>'
    url = fake_http.route("/ar", headers={"Content-Type": "text/html"}, body=page.encode("cp1256"))

    assert safe_get(url).text == page


def test_it_never_crashes_on_undeclared_non_utf8_bytes(fake_http):
    body = b"<html><body><p>" + "تقرير عن الاقتصاد والتعليم".encode("cp1256") + b"\xff\xfe</p></body></html>"
    url = fake_http.route("/x", headers={"Content-Type": "text/html"}, body=body)

    assert isinstance(safe_get(url).text, str)


def test_it_accepts_a_wildcard_type(fake_http):
    url = fake_http.route("/t", headers={"Content-Type": "text/plain"}, body="plain words")

    assert safe_get(url, accept=("text/*",)).text == "plain words"


# --- URLs refused before any connection ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)", "gopher://example.org/", "example.org/page"],
)
def test_it_refuses_schemes_other_than_http(url):
    with pytest.raises(UnsafeURL, match="only http and https"):
        safe_get(url)


@pytest.mark.parametrize("url", ["http:///path", "https://", "http://:80/"])
def test_it_refuses_a_url_without_host(url):
    with pytest.raises(UnsafeURL, match="no host"):
        safe_get(url)


def test_it_refuses_credentials_in_the_url():
    with pytest.raises(UnsafeURL, match="user name or password"):
        safe_get("http://user:secret@example.org/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "private network"),
        ("http://172.16.5.4/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://169.254.1.1/", "link-local"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "non-public|private"),
        ("http://[::1]/", "loopback"),
        ("http://[fd00::1]/", "unique local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:10.0.0.1]/", "private network"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:169.254.169.254]/", "metadata"),
        ("http://127.0.0.1/", "loopback"),
        ("http://127.8.9.10:8080/", "loopback"),
    ],
)
def test_it_refuses_non_public_literal_addresses(url, reason, loopback_refused):
    with pytest.raises(UnsafeURL, match=reason):
        safe_get(url)


@pytest.mark.parametrize("url", ["http://localhost/", "http://2130706433/", "http://0x7f.1/"])
def test_it_refuses_names_and_odd_forms_that_resolve_to_loopback(url, loopback_refused):
    # Checked on the address the connection is pinned to, after resolution.
    with pytest.raises(UnsafeURL, match="loopback"):
        safe_get(url)


@pytest.mark.parametrize("url", ["http://10.1.2.3/", "http://192.168.0.10/", "http://169.254.169.254/", "http://[fd00::1]/"])
def test_the_loopback_allowance_does_not_open_private_ranges(url, fake_http):
    with pytest.raises(UnsafeURL):
        safe_get(url)


def test_the_loopback_allowance_is_reachable_only_from_tests():
    root = Path(__file__).resolve().parent.parent
    users = [
        path.relative_to(root).as_posix()
        for folder in ("claims", "factcheck")
        for path in (root / folder).rglob("*.py")
        if "allow_loopback_for_tests" in path.read_text(encoding="utf-8")
    ]
    assert users == ["claims/fetch.py"]


# --- redirects ---------------------------------------------------------------------------


def test_it_follows_redirects_and_records_them(fake_http):
    final = fake_http.route("/final", headers=HTML, body=PAGE)
    fake_http.redirect("/two", "/final", status=301)
    first = fake_http.redirect("/one", fake_http.url("/two"))

    result = safe_get(first)

    assert result.final_url == final
    assert result.redirects == [first, fake_http.url("/two")]
    assert result.text == PAGE


@pytest.mark.parametrize(
    "target", ["http://10.0.0.5/admin", "http://169.254.169.254/latest/", "http://[::ffff:192.168.0.1]/", "file:///etc/passwd"]
)
def test_it_refuses_a_redirect_to_a_private_or_non_http_address(fake_http, target):
    url = fake_http.redirect("/go", target)

    with pytest.raises(UnsafeURL):
        safe_get(url)


def test_it_rechecks_the_address_after_a_redirect(fake_http):
    # localhost resolves to loopback: allowed for the first hop by the test allowance,
    # then refused on the second hop once the allowance is withdrawn mid-flight.
    url = fake_http.redirect("/go", f"http://localhost:{fake_http.port}/final")
    fake_http.route("/final", headers=HTML, body=PAGE)

    original = fetch._check_url

    def withdraw_after_first(u, *, redirected=False):
        if redirected:
            allow_loopback_for_tests(False)
        return original(u, redirected=redirected)

    fetch._check_url = withdraw_after_first
    try:
        with pytest.raises(UnsafeURL, match="loopback"):
            safe_get(url)
    finally:
        fetch._check_url = original


def test_it_stops_a_redirect_loop(fake_http):
    url = fake_http.redirect("/loop", "/loop")

    with pytest.raises(TooManyRedirects, match="loop"):
        safe_get(url)


def test_it_stops_a_chain_longer_than_the_cap(fake_http):
    fake_http.route("/3", headers=HTML, body=PAGE)
    fake_http.redirect("/2", "/3")
    fake_http.redirect("/1", "/2")
    url = fake_http.redirect("/0", "/1")

    with pytest.raises(TooManyRedirects, match="more than 2"):
        safe_get(url, max_redirects=2)
    assert safe_get(url, max_redirects=3).final_url == fake_http.url("/3")


def test_it_drops_caller_headers_when_a_redirect_leaves_the_origin(fake_http):
    fake_http.route("/final", headers=HTML, body=PAGE)
    url = fake_http.redirect("/go", f"http://localhost:{fake_http.port}/final")

    safe_get(url, headers={"X-Api-Key": "secret"})

    first, second = fake_http.requests
    assert first.headers.get("X-Api-Key") == "secret"
    assert "X-Api-Key" not in second.headers


def test_it_reports_a_redirect_without_location(fake_http):
    url = fake_http.route("/r", status=302)

    with pytest.raises(HTTPStatusError, match="did not say where"):
        safe_get(url)


# --- connection failures -------------------------------------------------------------------


def test_it_reports_a_closed_port_as_transient(fake_http):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with pytest.raises(TransientFetchError, match="Could not connect"):
        safe_get(f"http://127.0.0.1:{port}/")


def test_it_reports_a_dns_failure_as_transient():
    with pytest.raises(TransientFetchError, match="DNS") as caught:
        safe_get("http://nonexistent.invalid/")
    assert not isinstance(caught.value, HTTPStatusError)


# --- size ------------------------------------------------------------------------------------


def test_it_refuses_a_body_whose_content_length_is_over_the_cap(fake_http):
    url = fake_http.route("/big", headers=HTML, body=b"x" * 5000)

    with pytest.raises(FetchTooLarge, match="over the"):
        safe_get(url, max_bytes=1000)
    assert safe_get(url, max_bytes=5000).content == b"x" * 5000


def test_it_stops_a_chunked_body_without_length_at_the_cap(fake_http):
    url = fake_http.route(
        "/chunked", headers={**HTML, "Transfer-Encoding": "chunked"}, body=stream(b"y" * 1000 for _ in range(100))
    )

    with pytest.raises(FetchTooLarge):
        safe_get(url, max_bytes=10_000)


def test_it_stops_a_body_without_length_or_chunks_at_the_cap(fake_http):
    # HTTP/1.0-style: the body simply runs until the connection closes.
    url = fake_http.route("/stream", headers=HTML, body=stream(b"z" * 1000 for _ in range(100)))

    with pytest.raises(FetchTooLarge):
        safe_get(url, max_bytes=10_000)


def test_it_stops_a_gzip_bomb_on_decoded_bytes(fake_http):
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    url = fake_http.route("/bomb", headers={**HTML, "Content-Encoding": "gzip"}, body=bomb)

    with pytest.raises(FetchTooLarge):
        safe_get(url, max_bytes=1024 * 1024)


def test_it_takes_the_size_cap_from_settings(fake_http, settings):
    settings.FETCH_MAX_BYTES = 100
    url = fake_http.route("/a", headers=HTML, body=b"a" * 101)

    with pytest.raises(FetchTooLarge):
        safe_get(url)


# --- time -------------------------------------------------------------------------------------


def test_it_cuts_a_trickling_body_at_the_total_deadline(fake_http):
    # Each byte comes well within any per-read timeout; only a total deadline stops it.
    url = fake_http.route("/slow", headers=HTML, body=trickle(b"x" * 100, every=0.2))

    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="longer than 1.5 seconds"):
        safe_get(url, deadline=1.5)
    assert time.monotonic() - started < 3


def test_it_cuts_trickling_headers_at_the_total_deadline(fake_http):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def slow_headers():
        conn, _ = listener.accept()
        # The client hanging up mid-headers is the point of the test.
        with conn, contextlib.suppress(OSError):
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for i in range(30):
                conn.sendall(b"X-Slow-%d: y\r\n" % i)
                time.sleep(0.2)

    threading.Thread(target=slow_headers, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        safe_get(f"http://127.0.0.1:{port}/", deadline=1.0)
    assert time.monotonic() - started < 2.5
    listener.close()


def test_a_timeout_is_transient():
    assert issubclass(FetchTimeout, TransientFetchError)


# --- content type -----------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream", ""])
def test_it_refuses_a_type_the_caller_does_not_accept(fake_http, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    url = fake_http.route("/file", headers=headers, body=b"%PDF-1.4 not a page")

    with pytest.raises(UnsupportedContentType, match="not text/html"):
        safe_get(url)


def test_it_accepts_the_types_the_caller_asks_for(fake_http):
    url = fake_http.route("/api", headers={"Content-Type": "application/json"}, body='{"ok": true}')

    assert safe_get(url, accept=fetch.JSON_TYPES).text == '{"ok": true}'


# --- status -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410, 403, 400])
def test_it_reports_a_client_error_as_permanent(fake_http, status):
    url = fake_http.route("/gone", status=status, headers=HTML, body="no")

    with pytest.raises(HTTPStatusError) as caught:
        safe_get(url)
    assert caught.value.status == status
    assert not isinstance(caught.value, TransientFetchError)


def test_it_reports_503_as_transient_with_retry_after_seconds(fake_http):
    url = fake_http.route("/busy", status=503, headers={**HTML, "Retry-After": "120"}, body="later")

    with pytest.raises(TransientFetchError) as caught:
        safe_get(url)
    assert isinstance(caught.value, HTTPStatusError) and caught.value.status == 503
    assert caught.value.retry_after == 120


def test_it_reports_429_as_transient_with_retry_after_as_a_date(fake_http):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    url = fake_http.route("/limited", status=429, headers={"Retry-After": when}, body="slow down")

    with pytest.raises(TransientHTTPStatusError, match="too many requests") as caught:
        safe_get(url)
    assert caught.value.status == 429
    assert 80 <= caught.value.retry_after <= 90


def test_it_reports_408_and_5xx_without_retry_after_as_transient(fake_http):
    for status in (408, 500, 502):
        url = fake_http.route(f"/s{status}", status=status, body="x")
        with pytest.raises(TransientFetchError) as caught:
            safe_get(url)
        assert caught.value.retry_after is None


def test_every_error_is_a_fetch_error_with_a_message():
    for cls in (UnsafeURL, FetchTooLarge, FetchTimeout, UnsupportedContentType, TooManyRedirects, TransientFetchError):
        assert issubclass(cls, FetchError)
    assert str(HTTPStatusError("The page was not found.", status=404)) == "The page was not found."
