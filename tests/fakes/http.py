"""A real HTTP server on 127.0.0.1 for tests that fetch: fake the outside world, not the client.

    def test_it_fetches(fake_http):
        fake_http.route("/a", body="<html>...</html>", headers={"Content-Type": "text/html"})
        result = safe_get(fake_http.url("/a"))

A route maps a path (optionally with its query string) to a status, headers and a
body. The body is bytes/str (sent with Content-Length), or a callable taking a
`write(bytes)` function, for servers that stream, trickle or sleep. If the route's
headers say `Transfer-Encoding: chunked`, every write (or the whole bytes body) is
framed as chunks. Requests the server saw are kept in `fake_http.requests`.

The `fake_http` fixture also switches on `allow_loopback_for_tests()` for the test,
since `safe_get` refuses 127.0.0.1 otherwise.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

Body = bytes | str | Callable[[Callable[[bytes], None]], None]


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Body = b""


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeHTTPServer:
    """A ThreadingHTTPServer on an ephemeral loopback port, serving registered routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        # Handlers that trickle or sleep must not hold up the end of a test.
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-http", daemon=True
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def route(self, path: str, *, status: int = 200, headers: dict[str, str] | None = None, body: Body = b"") -> str:
        """Register (or replace) what `path` answers; returns its full URL."""
        self.routes[path] = Route(status=status, headers=dict(headers or {}), body=body)
        return self.url(path)

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": location})

    def start(self) -> FakeHTTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeHTTPServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _find(self, raw_path: str) -> Route | None:
        return self.routes.get(raw_path) or self.routes.get(urlsplit(raw_path).path)


def trickle(data: bytes, *, every: float = 1.0, size: int = 1) -> Callable[[Callable[[bytes], None]], None]:
    """A body that sends `size` bytes every `every` seconds: a slow-loris server."""

    def body(write: Callable[[bytes], None]) -> None:
        for start in range(0, len(data), size):
            write(data[start : start + size])
            time.sleep(every)

    return body


def stream(chunks: Iterable[bytes], *, delay: float = 0.0) -> Callable[[Callable[[bytes], None]], None]:
    """A body that writes each chunk in turn, optionally pausing between them."""

    def body(write: Callable[[bytes], None]) -> None:
        for chunk in chunks:
            write(chunk)
            if delay:
                time.sleep(delay)

    return body


def _make_handler(server: FakeHTTPServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            """Quiet: pytest shows failures, not access logs."""

        def do_GET(self):
            self._answer(send_body=True)

        def do_POST(self):
            self._answer(send_body=True)

        def do_HEAD(self):
            self._answer(send_body=False)

        def _answer(self, *, send_body: bool) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request_body = self.rfile.read(length) if length else b""
            server.requests.append(SeenRequest(self.command, self.path, dict(self.headers.items()), request_body))
            route = server._find(self.path) or Route(404, {"Content-Type": "text/plain"}, b"not found")
            headers = {k.lower(): v for k, v in route.headers.items()}
            chunked = headers.get("transfer-encoding", "").lower() == "chunked"
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            self.close_connection = True
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if isinstance(body, bytes) and not chunked and "content-length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                if not send_body:
                    return
                write = self._chunk_writer() if chunked else self._raw_writer()
                if isinstance(body, bytes):
                    if body:
                        write(body)
                else:
                    body(write)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the client hung up, as a size cap or deadline makes it do

        def _raw_writer(self) -> Callable[[bytes], None]:
            def write(data: bytes) -> None:
                self.wfile.write(data)
                self.wfile.flush()

            return write

        def _chunk_writer(self) -> Callable[[bytes], None]:
            def write(data: bytes) -> None:
                if data:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.flush()

            return write

    return Handler


@pytest.fixture
def fake_http():
    """A started FakeHTTPServer, with loopback fetching allowed for the test only."""
    from claims.fetch import allow_loopback_for_tests

    allow_loopback_for_tests(True)
    try:
        with FakeHTTPServer() as server:
            yield server
    finally:
        allow_loopback_for_tests(False)
