"""At most one request per interval to a host, across every worker process.

With Redis (REDIS_URL) the slot is a key set with NX and an expiry, so two
workers on two machines still wait their turn; without it (the embedded
default) a lock in this process does. A caller that would wait longer than
`max_wait` gets a `TransientProviderError` with the time to wait, so the job
is retried later instead of holding a worker.
"""

from __future__ import annotations

import threading
import time

from .base import TransientProviderError, setting

_local_lock = threading.Lock()
_local_next: dict[str, float] = {}


def _redis():
    url = setting("REDIS_URL", "")
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url)


def wait_turn(key: str, *, interval: float, max_wait: float = 10.0) -> None:
    """Block until this process may send the next request for `key` (a host or API name)."""
    if interval <= 0:
        return
    deadline = time.monotonic() + max_wait
    client = _redis()
    while True:
        if client is not None:
            if client.set(f"factcheck:ratelimit:{key}", 1, nx=True, px=int(interval * 1000)):
                return
            wait = max(client.pttl(f"factcheck:ratelimit:{key}"), 10) / 1000
        else:
            with _local_lock:
                now = time.monotonic()
                ready_at = _local_next.get(key, 0.0)
                if now >= ready_at:
                    _local_next[key] = now + interval
                    return
                wait = ready_at - now
        if time.monotonic() + wait > deadline:
            raise TransientProviderError(f"Waiting for the {key} rate limit (one request per {interval:g} s).",
                                         retry_after=wait)
        time.sleep(wait)
