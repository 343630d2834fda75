"""Fake SearXNG at /search?format=json, answering as `searx/webutils.py` serialises.

Results carry the current MainResult keys; `all_failed` mode answers 200 with no
results and `unresponsive_engines`, as a real instance does; a missing `q` is
400 `{"error": "No query"}`; `format=html` is refused with 403 as when json is
not enabled.
"""

from tests.fakes.providers import ProviderFake, json_route

RESULTS = [
    {"url": "https://news.example/harbour-record", "title": "Examplia harbour sets a container record",
     "content": "The harbour handled 1.2 million containers in 2023, officials said.", "engine": "duckduckgo",
     "template": "default.html", "parsed_url": ["https", "news.example", "/harbour-record", "", "", ""],
     "img_src": "", "thumbnail": "", "priority": "", "engines": ["duckduckgo", "brave"], "positions": [1, 2],
     "score": 3.0, "category": "general", "publishedDate": None},
]


class SearxFake(ProviderFake):
    def __init__(self):
        super().__init__(self.answer)
        self.all_failed = False
        self.results = list(RESULTS)

    def answer(self, path, params):
        if path != "/search":
            return None
        if params.get("format") != "json":
            return json_route({}, status=403, raw=b"Forbidden")
        if not params.get("q"):
            return json_route({"error": "No query"}, status=400)
        if self.all_failed:
            return json_route({"query": params["q"], "results": [], "answers": [], "corrections": [], "infoboxes": [],
                               "suggestions": [], "unresponsive_engines": [["brave", "timeout"], ["duckduckgo", "CAPTCHA"]]})
        words = params["q"].lower().split()
        found = [r for r in self.results if any(w in (r["title"] + r["content"]).lower() for w in words)]
        return json_route({"query": params["q"], "results": found, "answers": [], "corrections": [], "infoboxes": [],
                           "suggestions": [], "unresponsive_engines": []})


def make() -> SearxFake:
    return SearxFake()
