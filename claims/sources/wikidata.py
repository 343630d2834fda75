"""Wikidata: entities named in the claim, and the positions they held (P39).

`search` returns the entity pages of the claim's names, with their positions
as text. `positions_held(name, language)` gives the P39 statements with their
start (P580) and end (P582) for the title check in `claims/evidence.py`.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from claims.evidence import Position

from .base import Candidate, ClaimQuery, ProviderError, TransientProviderError, get_json, setting

NAME = "wikidata"
MAX_ENTITIES = 3


def _api(params: dict) -> dict:
    data = get_json(f"{setting('WIKIDATA_API_URL')}?{urlencode({**params, 'format': 'json'})}")
    if not isinstance(data, dict):
        raise ProviderError("Wikidata answered with an unexpected JSON shape.")
    error = data.get("error") or (data.get("errors") or [None])[0]
    if isinstance(error, dict):
        code = error.get("code", "?")
        message = f"Wikidata error {code}: {error.get('info') or error.get('text') or ''}".strip()
        if code in ("maxlag", "ratelimited"):
            raise TransientProviderError(message, retry_after=5)
        raise ProviderError(message)
    return data


def find_entities(name: str, language: str) -> list[dict]:
    """wbsearchentities hits for `name` (id, label, description)."""
    lang = language if language in ("ar", "en") else "en"
    data = _api({"action": "wbsearchentities", "search": name, "language": lang, "uselang": lang,
                 "limit": MAX_ENTITIES, "type": "item"})
    return [hit for hit in data.get("search") or [] if isinstance(hit, dict) and hit.get("id")]


def _time(snaks: list | None) -> date | None:
    for snak in snaks or []:
        value = ((snak.get("datavalue") or {}).get("value") or {}) if snak.get("snaktype") == "value" else {}
        raw = value.get("time", "") if isinstance(value, dict) else ""
        # "+2017-01-20T00:00:00Z"; month or day may be 00 at year precision.
        try:
            year, month, day = raw.lstrip("+").split("T")[0].split("-")
            return date(int(year), max(int(month), 1), max(int(day), 1))
        except ValueError:
            continue
    return None


def entity_positions(entity_ids: list[str], language: str) -> dict[str, list[Position]]:
    """P39 positions (with start and end dates and labels) of each entity id."""
    if not entity_ids:
        return {}
    data = _api({"action": "wbgetentities", "ids": "|".join(entity_ids), "props": "claims|labels",
                 "languages": "en|ar"})
    raw: dict[str, list[tuple[str, date | None, date | None]]] = {}
    for qid, entity in (data.get("entities") or {}).items():
        for statement in ((entity.get("claims") or {}).get("P39") or []):
            value = ((statement.get("mainsnak") or {}).get("datavalue") or {}).get("value") or {}
            if not isinstance(value, dict) or not value.get("id"):
                continue
            qualifiers = statement.get("qualifiers") or {}
            raw.setdefault(qid, []).append((value["id"], _time(qualifiers.get("P580")), _time(qualifiers.get("P582"))))
    position_ids = sorted({pid for items in raw.values() for pid, _, _ in items})
    labels: dict[str, dict] = {}
    for start in range(0, len(position_ids), 50):
        batch = _api({"action": "wbgetentities", "ids": "|".join(position_ids[start:start + 50]),
                      "props": "labels", "languages": "en|ar"})
        labels.update({pid: e.get("labels") or {} for pid, e in (batch.get("entities") or {}).items()})
    return {
        qid: [Position(id=pid, labels=[v.get("value", "") for v in labels.get(pid, {}).values()], start=s, end=e)
              for pid, s, e in items]
        for qid, items in raw.items()
    }


def positions_held(name: str, language: str) -> list[Position]:
    """Positions held by the best Wikidata match for `name`."""
    hits = find_entities(name, language)
    if not hits:
        return []
    return entity_positions([hits[0]["id"]], language).get(hits[0]["id"], [])


def search(query: ClaimQuery) -> list[Candidate]:
    """The Wikidata items of the claim's names, with their positions held as text."""
    candidates = []
    for name in query.entities[:MAX_ENTITIES]:
        hits = find_entities(name, query.language)
        if not hits:
            continue
        hit = hits[0]
        positions = entity_positions([hit["id"]], query.language).get(hit["id"], [])
        lines = [f"{hit.get('label', '')}: {hit.get('description', '')}"]
        lines += [position.describe() for position in positions]
        candidates.append(Candidate(
            url=hit.get("concepturi") or f"https://www.wikidata.org/wiki/{hit['id']}",
            title=hit.get("label", name), snippet=hit.get("description", ""), provider=NAME,
            text="\n".join(lines), rank=len(candidates),
            extra={"kind": "entity", "id": hit["id"], "name": name,
                   "positions": [position.as_dict() for position in positions]},
        ))
    return candidates
