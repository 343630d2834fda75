"""Fake Wikidata Action API at /w/api.php: wbsearchentities and wbgetentities with P39.

Shapes follow the recorded samples (search hits with concepturi and match;
entities with statements, qualifiers P580/P582 as time values, `success: 1`;
the `errors` envelope for an unknown id). The people and offices are made up.
"""

from tests.fakes.providers import ProviderFake, json_route

CAL = "http://www.wikidata.org/entity/Q1985727"


def _time(value):
    return [{"snaktype": "value", "property": "P", "hash": "h", "datatype": "time",
             "datavalue": {"value": {"time": f"+{value}T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
                                     "precision": 11, "calendarmodel": CAL}, "type": "time"}}]


def _statement(position, start, end):
    qualifiers = {"P580": _time(start)}
    if end:
        qualifiers["P582"] = _time(end)
    else:
        qualifiers["P582"] = [{"snaktype": "novalue", "property": "P582", "hash": "n", "datatype": "time"}]
    return {"mainsnak": {"snaktype": "value", "property": "P39", "hash": "m", "datatype": "wikibase-item",
                         "datavalue": {"value": {"entity-type": "item", "numeric-id": int(position[1:]), "id": position},
                                       "type": "wikibase-entityid"}},
            "type": "statement", "qualifiers": qualifiers, "qualifiers-order": list(qualifiers), "id": f"s-{position}",
            "rank": "normal", "references": []}


PEOPLE = {
    "Q900001": {"en": "Dana Example", "ar": "دانا إكسامبل", "description": "Examplian politician",
                "P39": [_statement("Q900100", "2015-03-01", "2021-02-28")]},
}
POSITIONS = {"Q900100": {"en": "President of Examplia", "ar": "رئيس إكسامبليا"}}


def handler(path, params):
    if path != "/w/api.php":
        return None
    action = params.get("action")
    if action == "wbsearchentities":
        text = params.get("search", "").lower()
        lang = params.get("language", "en")
        hits = [qid for qid, p in PEOPLE.items() if text and (text in p["en"].lower() or text in p["ar"])]
        return json_route({"searchinfo": {"search": params.get("search", "")}, "search": [
            {"id": qid, "title": qid, "pageid": 1, "repository": "wikidata",
             "url": f"//www.wikidata.org/wiki/{qid}", "concepturi": f"http://www.wikidata.org/entity/{qid}",
             "label": PEOPLE[qid][lang if lang in ("en", "ar") else "en"], "description": PEOPLE[qid]["description"],
             "match": {"type": "label", "language": lang, "text": PEOPLE[qid]["en"]}} for qid in hits], "success": 1})
    if action == "wbgetentities":
        entities = {}
        for qid in params.get("ids", "").split("|"):
            if qid in PEOPLE:
                p = PEOPLE[qid]
                entities[qid] = {"pageid": 1, "ns": 0, "title": qid, "lastrevid": 1, "modified": "2024-03-13T00:00:00Z",
                                 "type": "item", "id": qid,
                                 "labels": {lang: {"language": lang, "value": p[lang]} for lang in ("en", "ar")},
                                 "claims": {"P39": p["P39"]}}
            elif qid in POSITIONS:
                entities[qid] = {"type": "item", "id": qid,
                                 "labels": {lang: {"language": lang, "value": v} for lang, v in POSITIONS[qid].items()}}
            else:
                return json_route({"errors": [{"code": "no-such-entity", "text": f"Could not find an entity with the ID \"{qid}\".",
                                               "module": "wbgetentities"}], "docref": "See the API help."})
        return json_route({"entities": entities, "success": 1})
    return None


def make() -> ProviderFake:
    return ProviderFake(handler)
