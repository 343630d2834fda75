"""The one door for outbound HTTP: every request in the project goes through `safe_get`
or `safe_post` (webhooks), which share every check below.

A URL typed by a reporter, or found in a search result or a feed, is untrusted. It
may point at this machine, the private network or the cloud metadata service
(server-side request forgery), or at a server that answers with gigabytes, a gzip
bomb, a trickle of one byte a second, or a PDF. `safe_get` refuses all of these
with an exception whose message can be shown to the user as it is:

- only http and https, no user name or password in the URL;
- the host is resolved once per hop and the connection pinned to that address
  (requests-hardened's adapter); private, loopback, link-local, CG-NAT, metadata,
  multicast, unspecified, reserved and IPv4-mapped forms of them are refused;
- redirects are followed by hand, each hop re-checked (scheme, host, address),
  at most FETCH_MAX_REDIRECTS of them;
- the body is capped at FETCH_MAX_BYTES *decoded* bytes while it streams, and
  refused up front when Content-Length already says it is larger;
- one wall-clock deadline covers DNS-to-last-byte across all hops: a watchdog
  shuts the socket when it passes, so slow headers or a slow body are cut;
- the final content type must be one the caller accepts.

`TransientFetchError` (and its subclasses) marks what is worth retrying:
connection failures, timeouts, 408/429 and 5xx. Everything else is permanent.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import ipaddress
import json
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
JSON_TYPES: tuple[str, ...] = ("application/json",)
FEED_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)

# Fallbacks when Django settings are not configured (bench scripts, plain Python).
# They mirror factcheck/settings.py.
_DEFAULTS = {
    "FETCH_MAX_BYTES": 5 * 1024 * 1024,
    "FETCH_DEADLINE_SECONDS": 20,
    "FETCH_MAX_REDIRECTS": 5,
    "FETCH_USER_AGENT": "FactcheckWorkbench/1.0 (newsroom fact-checking)",
}

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_READ_CHUNK = 16 * 1024
_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_IPV6_ULA = ipaddress.ip_network("fc00::/7")

# Test-only switch, see allow_loopback_for_tests(). Deliberately a module global and
# not a setting: nothing in settings or the environment can turn it on.
_allow_loopback = False


# --- errors ---------------------------------------------------------------------


class FetchError(Exception):
    """A URL could not be fetched; str(error) is a message fit for the user."""


class UnsafeURL(FetchError):
    """The URL is not http(s), has no host, or points at a non-public address."""


class FetchTooLarge(FetchError):
    """The response is larger than the size cap."""


class UnsupportedContentType(FetchError):
    """The response is not of a type the caller accepts (for example a PDF for an article)."""


class TooManyRedirects(FetchError):
    """The redirect chain is longer than the cap (often a loop)."""


class HTTPStatusError(FetchError):
    """The server answered with an error status; 4xx other than 408/429 is permanent."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


class TransientFetchError(FetchError):
    """A failure worth retrying later: connection trouble, DNS, timeouts, 408, 429, 5xx."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class FetchTimeout(TransientFetchError):
    """The total deadline passed before the response was complete."""


class TransientHTTPStatusError(HTTPStatusError, TransientFetchError):
    """An error status worth retrying (408, 429, 5xx); `.retry_after` from Retry-After."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None):
        FetchError.__init__(self, message)
        self.status = status
        self.retry_after = retry_after


# --- result ---------------------------------------------------------------------


@dataclass
class FetchResult:
    """A fetched response: where it came from, what it is, and its decoded bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    encoding: str | None
    content: bytes
    sha256: str
    fetched_at: datetime
    # The URLs that answered with a redirect, in order; empty when there was none.
    redirects: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as text, decoded with the declared or sniffed charset; never raises."""
        return decode_body(self.content, self.encoding)


# --- public API -----------------------------------------------------------------


def allow_loopback_for_tests(enabled: bool = True) -> None:
    """Let `safe_get` reach 127.0.0.0/8 and ::1, for fake servers in tests.

    Only code under tests/ calls this. It is not a setting and nothing in settings
    or the environment turns it on. Private, link-local and every other
    non-public range stay refused while it is on.
    """
    global _allow_loopback
    _allow_loopback = bool(enabled)


def check_url(url: str) -> None:
    """Refuse, without touching the network, what `safe_get` would refuse before
    connecting (scheme, credentials, a literal private address); for forms that
    queue a fetch and want to name the problem at once."""
    _check_url(url)


def safe_get(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    max_bytes: int | None = None,
    deadline: float | None = None,
    max_redirects: int | None = None,
    headers: dict | None = None,
) -> FetchResult:
    """Fetch `url` with GET under the rules in this module's docstring.

    `accept` lists acceptable media types ("type/*" allowed). `max_bytes`,
    `deadline` (seconds, for the whole fetch) and `max_redirects` default to the
    FETCH_* settings. `headers` are sent to the first host only: they are dropped
    when a redirect leaves for another origin, so an API key never follows one.
    Raises a `FetchError` subclass on any failure.
    """
    max_redirects = _setting("FETCH_MAX_REDIRECTS") if max_redirects is None else max_redirects
    return _request("GET", url, accept=accept, max_bytes=max_bytes, deadline=deadline,
                    max_redirects=max_redirects, headers=headers)


def safe_post(
    url: str,
    *,
    json_body=None,
    data: bytes | str | None = None,
    headers: dict | None = None,
    accept: tuple[str, ...] = (),
    max_bytes: int | None = None,
    deadline: float | None = None,
) -> FetchResult:
    """POST `json_body` (serialised as JSON) or the raw `data` to `url`, under the same
    rules as `safe_get`: scheme, credentials and address checks, pinned connection,
    size cap on the answer, one deadline, content-type check (`accept`; empty
    accepts any type).

    A redirect is never followed: re-sending a body elsewhere is not what the
    caller signed or meant, so a 3xx answer raises `HTTPStatusError`. Error
    statuses raise as for `safe_get` (408, 429 and 5xx are transient).
    """
    if (json_body is None) == (data is None):
        raise ValueError("safe_post takes exactly one of json_body or data.")
    send_headers = dict(headers or {})
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        send_headers.setdefault("Content-Type", "application/json")
    elif isinstance(data, str):
        data = data.encode("utf-8")
    return _request("POST", url, accept=accept, max_bytes=max_bytes, deadline=deadline, max_redirects=0,
                    headers=send_headers, body=data)


def _request(
    method: str,
    url: str,
    *,
    accept: tuple[str, ...],
    max_bytes: int | None,
    deadline: float | None,
    max_redirects: int,
    headers: dict | None,
    body: bytes | None = None,
) -> FetchResult:
    """The one implementation behind safe_get and safe_post: every check lives here."""
    max_bytes = _setting("FETCH_MAX_BYTES") if max_bytes is None else max_bytes
    deadline = _setting("FETCH_DEADLINE_SECONDS") if deadline is None else deadline
    accept = tuple(a.strip().lower() for a in accept)

    _check_url(url)
    clock = _Deadline(float(deadline))
    session = _make_session(clock)
    base_headers = {
        "Accept": ", ".join(accept) if accept else "*/*",
        # Only what _Decoder understands, so the size cap always sees decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }
    extra_headers = dict(headers or {})
    redirects: list[str] = []
    current = url
    try:
        with clock, session:
            while True:
                send_headers = dict(base_headers)
                if _same_origin(current, url):
                    send_headers.update(extra_headers)
                response = _send(session, method, current, send_headers, clock, body)
                if response.status_code not in _REDIRECT_STATUSES:
                    break
                location = response.headers.get("Location")
                response.close()
                if method != "GET":
                    raise HTTPStatusError(
                        f"{_host(current)} answered with a redirect ({response.status_code}); "
                        f"a {method} is not re-sent to another address.",
                        status=response.status_code,
                    )
                if not location:
                    raise HTTPStatusError(
                        f"{_host(current)} answered with a redirect ({response.status_code}) but did not say where to.",
                        status=response.status_code,
                    )
                redirects.append(current)
                if len(redirects) > max_redirects:
                    raise TooManyRedirects(
                        f"The page redirected more than {max_redirects} times (it may redirect in a loop)."
                    )
                current = urljoin(current, location.strip())
                _check_url(current, redirected=True)

            with contextlib.closing(response):
                _check_status(response)
                _check_declared_length(response, max_bytes)
                content_type = _check_content_type(response, accept)
                content = _read_body(response, max_bytes, clock)
    except FetchError:
        raise
    except InvalidIPAddress as exc:
        # requests-hardened refused the resolved address; its argument is that address.
        raise UnsafeURL(_address_refusal(_host(current), ipaddress.ip_address(str(exc.args[0])))) from exc
    except (requests.Timeout, urllib3.exceptions.TimeoutError) as exc:
        raise FetchTimeout(_timeout_message(clock)) from exc
    except requests.exceptions.SSLError as exc:
        raise FetchError(f"The secure connection to {_host(current)} failed (certificate or TLS problem).") from exc
    except requests.exceptions.InvalidURL as exc:
        raise UnsafeURL(f"“{current}” is not a valid web address.") from exc
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        if clock.expired:
            raise FetchTimeout(_timeout_message(clock)) from exc
        if isinstance(exc.__cause__, socket.gaierror):
            raise TransientFetchError(f"Could not find the host {_host(current)} (DNS lookup failed).") from exc
        raise TransientFetchError(f"Could not connect to {_host(current)} or the connection broke.") from exc

    encoding = declared_charset(content, response.headers.get("Content-Type", ""))
    return FetchResult(
        url=url,
        final_url=current,
        status=response.status_code,
        content_type=content_type,
        encoding=encoding,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        fetched_at=datetime.now(UTC),
        redirects=redirects,
    )


def decode_body(content: bytes, encoding: str | None) -> str:
    """Decode bytes with `encoding` if given and known, else UTF-8, else a detected charset.

    Degrades per character, never per page: undecodable bytes become U+FFFD
    where they are, so a UTF-8 page with one bad byte keeps its text. A page
    that is (mostly) valid UTF-8 with real multi-byte characters is read as
    UTF-8 even when it declares a single-byte charset (a wrong declaration:
    Arabic UTF-8 read as windows-1252 would be garbage throughout); a page
    declared UTF-8 that is mostly not UTF-8 is decoded by detection.
    """
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    as_utf8, bad, multibyte = _utf8_reading(content)
    mostly_utf8 = multibyte > 0 and bad * 20 <= multibyte
    if encoding:
        codec = _whatwg_codec(encoding)
        if codecs.lookup(codec).name == "utf-8":
            if bad == 0 or mostly_utf8 or not _detected(content):
                return as_utf8
            return _detected(content)
        if mostly_utf8:
            return as_utf8
        return content.decode(codec, errors="replace")
    if bad == 0 or mostly_utf8:
        return as_utf8
    return _detected(content) or content.decode("cp1252", errors="replace")


def _utf8_reading(content: bytes) -> tuple[str, int, int]:
    """The bytes read as UTF-8 with U+FFFD for bad bytes, how many bad
    sequences there were, and how many real multi-byte characters."""
    text = content.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - content.count(b"\xef\xbf\xbd")  # U+FFFD that the page itself wrote
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text, bad, non_ascii - text.count("\ufffd")


def _detected(content: bytes) -> str:
    """The page decoded with the charset charset-normalizer (a requests dependency) guesses, or ""."""
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    return str(best) if best is not None else ""


# --- URL and address checks -------------------------------------------------------


def _check_url(url: str, *, redirected: bool = False) -> None:
    """Refuse anything but http(s) URLs with a host; check literal IP hosts without DNS."""
    where = "The page redirected to" if redirected else "The address"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise UnsafeURL(f"{where} “{url}” is not a valid web address.") from exc
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        raise UnsafeURL(f"{where} “{url}” uses {scheme}; only http and https links can be fetched.")
    if not parts.hostname:
        raise UnsafeURL(f"{where} “{url}” has no host name.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(f"{where} “{url}” contains a user name or password; such links are not fetched.")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return  # a name: resolved and checked by the adapter when connecting
    problem = _address_problem(literal)
    if problem:
        raise UnsafeURL(_address_refusal(parts.hostname, literal))


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why `ip` must not be contacted, or None when it is a public address."""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if _allow_loopback else "a loopback address (this machine)"
    if ip in _METADATA_ADDRESSES:
        return "the cloud metadata service"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.version == 4 and ip in _CGNAT:
        return "a carrier-grade NAT (shared) address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.version == 6 and ip in _IPV6_ULA:
        return "a private IPv6 (unique local) address"
    if ip.is_private:
        return "a private network address"
    if ip.is_reserved or not ip.is_global or any(ip in net for net in EXTRA_BLOCKED_NET_RANGES):
        return "a reserved, non-public address"
    return None


def _address_refusal(host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    problem = _address_problem(ip) or "a non-public address"
    shown = host if host == str(ip) else f"{host} ({ip})"
    return f"{shown} is {problem}; only public web addresses can be fetched."


# --- the session: requests-hardened plus a second address check and the watchdog ---


class _Deadline:
    """One wall-clock budget for a whole fetch, enforced by closing sockets when spent.

    Per-read timeouts alone let a server trickle one byte just inside each timeout
    forever (headers or body); the watchdog timer shuts every socket the fetch opened
    once the budget is gone, which unblocks the read in progress.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return self.expires_at - time.monotonic()

    def timeout(self) -> float:
        """A per-operation timeout that never outlives the deadline."""
        remaining = self.remaining()
        if remaining <= 0:
            self.expired = True
            raise FetchTimeout(_timeout_message(self))
        return remaining

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # The plain-socket shutdown also works under TLS and wakes a blocked recv.
        # The socket may already be closed by the reader: nothing left to do then.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(HTTPConnection):
    deadline: _Deadline | None = None

    def connect(self):
        super().connect()
        # Track the socket, not the connection: http.client forgets conn.sock once a
        # "Connection: close" response is under way, while the response still reads it.
        if self.deadline is not None:
            self.deadline.track(self.sock)


class _WatchedHTTPSConnection(HTTPSConnection):
    deadline: _Deadline | None = None

    def connect(self):
        super().connect()
        if self.deadline is not None:
            self.deadline.track(self.sock)  # the TLS socket, which owns the descriptor


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection
    deadline: _Deadline | None = None

    def _new_conn(self):
        connection = super()._new_conn()
        connection.deadline = self.deadline
        return connection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection
    deadline: _Deadline | None = None

    def _new_conn(self):
        connection = super()._new_conn()
        connection.deadline = self.deadline
        return connection


class _GuardedAdapter(IPFilterAdapter):
    """requests-hardened's adapter (resolve once, pin, refuse private) with two additions:
    our stricter address policy on the pinned address, and connections tracked by the deadline."""

    def __init__(self, *, is_https: bool, allow_loopback: bool, deadline: _Deadline):
        super().__init__(is_https_proto=is_https, allow_loopback=allow_loopback)
        self._deadline = deadline
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        # host_params["host"] is now the address requests-hardened resolved and will
        # connect to; check that same address again (no second DNS lookup).
        pinned = ipaddress.ip_address(host_params["host"].strip("[]"))
        if _address_problem(pinned):
            raise UnsafeURL(_address_refusal(urlsplit(request.url).hostname or "", pinned))
        return host_params, pool_kwargs

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        pool = super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        pool.deadline = self._deadline
        return pool


def _make_session(deadline: _Deadline) -> HTTPSession:
    config = Config(
        ip_filter_enable=True,
        ip_filter_allow_loopback_ips=_allow_loopback,
        never_redirect=True,
        default_timeout=None,
        user_agent_override=_setting("FETCH_USER_AGENT"),
    )
    session = HTTPSession(config)
    # No proxies or .netrc from the environment: a proxy would connect on our behalf
    # and make the address pinning meaningless.
    session.trust_env = False
    session.mount("http://", _GuardedAdapter(is_https=False, allow_loopback=_allow_loopback, deadline=deadline))
    session.mount("https://", _GuardedAdapter(is_https=True, allow_loopback=_allow_loopback, deadline=deadline))
    return session


def _send(session: HTTPSession, method: str, url: str, headers: dict, deadline: _Deadline,
          body: bytes | None = None) -> requests.Response:
    timeout = deadline.timeout()
    response = session.request(method, url, data=body, headers=headers, allow_redirects=False, stream=True,
                               timeout=(timeout, timeout))
    if deadline.expired:
        # The watchdog cut the headers short; what was parsed is not a real response.
        response.close()
        raise FetchTimeout(_timeout_message(deadline))
    return response


# --- response checks and body -------------------------------------------------------


def _check_status(response: requests.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    host = _host(response.url)
    if status in (408, 429) or status >= 500:
        retry_after = _parse_retry_after(response.headers.get("Retry-After"))
        reason = "is busy (too many requests)" if status == 429 else "had a temporary problem"
        raise TransientHTTPStatusError(
            f"{host} {reason} (HTTP {status}); try again later.", status=status, retry_after=retry_after
        )
    if status == 404 or status == 410:
        message = f"The page was not found on {host} (HTTP {status})."
    elif status in (401, 403):
        message = f"{host} refused access to the page (HTTP {status})."
    else:
        message = f"{host} answered with an error (HTTP {status})."
    raise HTTPStatusError(message, status=status)


def _check_declared_length(response: requests.Response, max_bytes: int) -> None:
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchTooLarge(f"The page is {_size(int(declared))}, over the {_size(max_bytes)} limit.")


def _check_content_type(response: requests.Response, accept: tuple[str, ...]) -> str:
    media_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if not accept or "*/*" in accept:
        return media_type
    for wanted in accept:
        if media_type == wanted or (wanted.endswith("/*") and media_type.startswith(wanted[:-1])):
            return media_type
    shown = media_type or "an undeclared type"
    raise UnsupportedContentType(f"The link returns {shown}, not {' or '.join(accept)}.")


def _read_body(response: requests.Response, max_bytes: int, deadline: _Deadline) -> bytes:
    """Stream the raw body through our decoder, counting decoded bytes against the cap."""
    decoder = _Decoder(response.headers.get("Content-Encoding", ""))
    parts: list[bytes] = []
    total = 0
    while True:
        deadline.timeout()
        raw = response.raw.read(_READ_CHUNK, decode_content=False)
        if deadline.expired:
            # The watchdog shut the socket: whatever arrived is truncated.
            raise FetchTimeout(_timeout_message(deadline))
        chunk = decoder.decode(raw, max_bytes - total + 1) if raw else decoder.flush(max_bytes - total + 1)
        total += len(chunk)
        if total > max_bytes:
            raise FetchTooLarge(f"The page is over the {_size(max_bytes)} limit.")
        parts.append(chunk)
        if not raw and not decoder.pending:
            return b"".join(parts)


class _Decoder:
    """Incremental gzip/deflate decoding that never produces more than asked for.

    Our own rather than urllib3's so a decompression bomb is stopped at the cap +1
    byte however small its compressed form.
    """

    def __init__(self, content_encoding: str):
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(f"The server used an unsupported content encoding ({content_encoding}).")
        self._coding = codings[0] if codings else None
        self._zlib = self._new_zlib(first_deflate=True)
        self._tail = b""  # compressed input not yet decompressed because of the limit

    def _new_zlib(self, *, first_deflate: bool = False):
        if self._coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._coding == "deflate":
            # "deflate" is meant to be zlib-wrapped but some servers send it raw.
            self._deflate_probe = first_deflate
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    @property
    def pending(self) -> bool:
        return bool(self._tail)

    def decode(self, data: bytes, limit: int) -> bytes:
        if self._zlib is None:
            return data
        data = self._tail + data
        self._tail = b""
        try:
            out = self._zlib.decompress(data, limit)
        except zlib.error as exc:
            if self._coding == "deflate" and getattr(self, "_deflate_probe", False):
                self._deflate_probe = False
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.decode(data, limit)
            raise FetchError("The server sent a corrupt compressed body.") from exc
        self._deflate_probe = False
        self._tail = self._zlib.unconsumed_tail
        if self._zlib.eof and self._zlib.unused_data.strip(b"\0"):
            # Concatenated gzip members are legal: start the next one.
            rest = self._zlib.unused_data
            self._zlib = self._new_zlib()
            self._tail = rest
        return out

    def flush(self, limit: int) -> bytes:
        if self._zlib is None or not self._tail:
            return b""
        return self.decode(b"", limit)


# --- small helpers ----------------------------------------------------------------


def _setting(name: str):
    """Read a FETCH_* setting at call time, so importing this module needs no Django."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return getattr(settings, name, _DEFAULTS[name])
    except ImproperlyConfigured:
        return _DEFAULTS[name]


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


def _timeout_message(deadline: _Deadline) -> str:
    return f"The page took longer than {deadline.seconds:g} seconds to download."


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


_CHARSET_IN_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_CHARSET_IN_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_CHARSET_IN_XML = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)


def declared_charset(content: bytes, content_type: str = "") -> str | None:
    """The charset named by the BOM, the Content-Type header or the document itself, if known."""
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8"
    candidates = []
    if match := _CHARSET_IN_HEADER.search(content_type):
        candidates.append(match.group(1))
    head = content[:4096]
    for pattern in (_CHARSET_IN_META, _CHARSET_IN_XML):
        if match := pattern.search(head):
            candidates.append(match.group(1).decode("ascii", "ignore"))
    for label in candidates:
        try:
            codecs.lookup(label)
        except LookupError:
            continue
        return label.lower()
    return None


def _whatwg_codec(label: str) -> str:
    """Browsers read latin-1 and ASCII labels as windows-1252; so do we."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return "utf-8"
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
