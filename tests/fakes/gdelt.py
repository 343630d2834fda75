"""Fake GDELT DOC 2.0 at /api/v2/doc/doc (mode=ArtList, format=json).

Articles carry url, url_mobile, title, seendate (YYYYMMDDTHHMMSSZ), socialimage,
domain, language and sourcecountry as English names; no match is `{}`; a second
request within the interval gets 429 with GDELT's plain-text body; a query that
is too short gets 200 with a text/html error page, as the real service does.
"""

import time

from tests.fakes.http import Route
from tests.fakes.providers import ProviderFake, json_route

ARTICLES = [
    {"url": "https://port.example/news/examplia-harbour-2023", "url_mobile": "",
     "title": "Examplia harbour container volumes rise", "seendate": "20240115T170000Z", "socialimage": "",
     "domain": "port.example", "language": "English", "sourcecountry": "Examplia"},
]
RATE_TEXT = b"Please limit requests to one every 5 seconds or contact us for larger queries."


class GdeltFake(ProviderFake):
    def __init__(self, *, interval: float = 0.0):
        super().__init__(self.answer)
        self.interval = interval
        self._last = 0.0

    def answer(self, path, params):
        if path != "/api/v2/doc/doc":
            return None
        now = time.monotonic()
        if self.interval and now - self._last < self.interval:
            return Route(429, {"Content-Type": "text/plain"}, RATE_TEXT)
        self._last = now
        query = params.get("query", "")
        if len(query.split(" sourcelang:")[0]) < 3:
            return Route(200, {"Content-Type": "text/html"}, b"The specified phrase is too short.")
        words = query.lower().split()
        found = [a for a in ARTICLES if any(w in a["title"].lower() for w in words)]
        return json_route({"articles": found} if found else {})


def make(**kwargs) -> GdeltFake:
    return GdeltFake(**kwargs)
