"""Fake Google Fact Check Tools `claims:search` at /v1alpha1/claims:search.

Answers as the recorded sample (claims[], claimReview[] with publisher, url,
title, reviewDate omitted on some, textualRating, languageCode; nextPageToken),
`{}` when nothing matches and the Google error model for a wrong key.
"""

from tests.fakes.providers import ProviderFake, json_route

KEY = "test-key-123"
CLAIMS = [
    {"text": "The Harbour of Examplia handled 5 million containers in 2023", "claimant": "A minister",
     "claimDate": "2024-01-04T00:00:00Z",
     "claimReview": [{"publisher": {"name": "Example Checks", "site": "checks.example"},
                      "url": "https://checks.example/harbour-containers", "title": "Fact check: the harbour figure is wrong",
                      "reviewDate": "2024-01-11T21:01:41Z", "textualRating": "False", "languageCode": "en"},
                     {"publisher": {"name": "Other Checks", "site": "other.example"},
                      "url": "https://other.example/harbour", "title": "Harbour claim...",
                      "textualRating": "Mostly false", "languageCode": "en"}]},
]


class FactCheckFake(ProviderFake):
    def __init__(self):
        super().__init__(lambda path, params: None)

    def _find(self, raw_path):
        if self.fault is not None:
            return self.fault
        from urllib.parse import parse_qsl, urlsplit

        parts = urlsplit(raw_path)
        if parts.path != "/v1alpha1/claims:search":
            return None
        params = dict(parse_qsl(parts.query))
        key = self.requests[-1].headers.get("X-Goog-Api-Key") or params.get("key")
        if key != KEY:
            return json_route({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                                         "status": "INVALID_ARGUMENT", "details": [
                                             {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                              "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}, status=400)
        words = params.get("query", "").lower().split()
        found = [c for c in CLAIMS if sum(w in c["text"].lower() for w in words) >= 2]
        return json_route({"claims": found, "nextPageToken": "CAo"} if found else {})


def make() -> ProviderFake:
    return FactCheckFake()
