"""A loopback fake server that answers by path *and* query, for provider APIs.

`tests/fakes/http.py` serves fixed routes; APIs such as MediaWiki answer very
different bodies on one path depending on `action=` or `list=`. Here a handler
`(path, params) -> Route | None` decides; `fail(...)` makes every request fail
in one of the ways real services fail (used by the fault tests).
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.http import FakeHTTPServer, Route, _make_handler

Handler = Callable[[str, dict], Route | None]


def json_route(data, *, status: int = 200, headers: dict | None = None, delay: float = 0.0,
               raw: bytes | None = None) -> Route:
    """A JSON answer as the real APIs send it (compact UTF-8, application/json)."""
    body = raw if raw is not None else json.dumps(data, ensure_ascii=False).encode("utf-8")
    if delay:
        def slow(write, body=body):
            time.sleep(delay)
            write(body)
        return Route(status, {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(body)),
                              **(headers or {})}, slow)
    return Route(status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, body)


# The ways a provider fails, as (status, headers, body); "slow" and "huge" are special.
FAULTS = {
    "down": None,  # handled by stopping the server
    "500": Route(500, {"Content-Type": "text/html"}, b"<html><body>Internal Server Error</body></html>"),
    "429": Route(429, {"Content-Type": "text/plain", "Retry-After": "7"}, b"Too Many Requests"),
    "malformed": Route(200, {"Content-Type": "application/json"}, b'{"query": {"search": [{"title": '),
    "html": Route(200, {"Content-Type": "text/html; charset=utf-8"},
                  b"<!doctype html><html><body><h1>Bot check</h1></body></html>"),
    "non_utf8": Route(200, {"Content-Type": "application/json"}, '{"query": {"search": [{"title": "caf\xe9'.encode("latin-1")),
}


@contextlib.contextmanager
def serving(fake: FakeHTTPServer):
    """Start `fake` with loopback fetching allowed; stop it and forbid loopback again after."""
    from claims.fetch import allow_loopback_for_tests

    allow_loopback_for_tests(True)
    try:
        with fake:
            yield fake
    finally:
        allow_loopback_for_tests(False)


class ProviderFake(FakeHTTPServer):
    """FakeHTTPServer whose answers come from `handler(path, params)`."""

    def __init__(self, handler: Handler, *, port: int = 0):
        super().__init__()
        if port:
            # A fixed port, for a worker process that was told the URL before it started.
            self._server.server_close()
            self._server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
            self._server.daemon_threads = True
            self._server.block_on_close = False
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            name="fake-provider", daemon=True)
        self.handler = handler
        self.fault: Route | None = None

    def fail(self, kind: str) -> None:
        """Answer every request with the fault `kind` (see FAULTS, plus "slow" and "huge")."""
        if kind == "slow":
            def trickle(write):
                time.sleep(3)
                write(b"{}")
            self.fault = Route(200, {"Content-Type": "application/json", "Content-Length": "2"}, trickle)
        elif kind == "huge":
            # 50 MB announced and streamed: the size cap must stop it early.
            def huge(write):
                chunk = b"[" + b"0," * 32768
                for _ in range(800):
                    write(chunk)
            self.fault = Route(200, {"Content-Type": "application/json", "Content-Length": str(50 * 1024 * 1024)}, huge)
        elif kind == "huge_unannounced":
            def huge(write):
                chunk = b" " * 65536
                for _ in range(800):
                    write(chunk)
            self.fault = Route(200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}, huge)
        elif kind == "empty":
            self.fault = Route(200, {"Content-Type": "application/json"}, b"")
        else:
            self.fault = FAULTS[kind]

    def _find(self, raw_path: str) -> Route | None:
        if self.fault is not None:
            return self.fault
        parts = urlsplit(raw_path)
        return self.handler(parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)))

    def params_seen(self) -> list[dict]:
        return [dict(parse_qsl(urlsplit(r.path).query)) for r in self.requests]


def free_port() -> int:
    """A loopback port free right now (for a fake a worker process must know in advance)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
