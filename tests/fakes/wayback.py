"""Fake Wayback availability API at /wayback/available, as the recorded sample
(status as a string, http:// snapshot URL), `{"url":..., "archived_snapshots": {}}` when none."""

from tests.fakes.providers import ProviderFake, json_route


def handler(path, params):
    if path != "/wayback/available":
        return None
    url = params.get("url", "")
    if "nosnapshot" in url:
        return json_route({"url": url, "archived_snapshots": {}})
    return json_route({"url": url, "archived_snapshots": {"closest": {
        "status": "200", "available": True, "url": f"http://web.archive.org/web/20260212061822/{url}",
        "timestamp": "20260212061822"}}})


def make() -> ProviderFake:
    return ProviderFake(handler)
