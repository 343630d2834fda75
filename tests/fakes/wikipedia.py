"""Fake Wikipedia (MediaWiki Action API, formatversion=1) at /{lang}/w/api.php.

Bodies have the shapes of the recorded samples (list=search with searchinfo,
snippet HTML and `continue`; prop=extracts|info keyed by pageid; the error
envelope), with our own made-up pages.
"""

from tests.fakes.providers import ProviderFake, json_route

PAGES = {
    "en": {
        "Harbour of Examplia": (4101, "The Harbour of Examplia is a deep-water port opened in 2019. "
                                      "It handled 1.2 million containers in 2023."),
        "Examplia": (4102, "Examplia is a fictional coastal country used in software tests."),
    },
    "ar": {
        "ميناء إكسامبليا": (9101, "ميناء إكسامبليا ميناء للمياه العميقة افتتح عام 2019 وتعامل مع 1.2 مليون حاوية عام 2023."),
    },
}


def handler(path, params):
    lang = path.strip("/").split("/")[0]
    pages = PAGES.get(lang)
    if pages is None or not path.endswith("/w/api.php"):
        return None
    if params.get("action") != "query":
        return json_route({"error": {"code": "unknown_action", "info": f"Unrecognized value for parameter \"action\": {params.get('action')}.",
                                     "docref": "See the API help."}, "servedby": "fake1"})
    if params.get("list") == "search":
        words = params.get("srsearch", "").lower().split()
        hits = [(t, pid) for t, (pid, text) in pages.items() if any(w in (t + " " + text).lower() for w in words)]
        hits = hits[: int(params.get("srlimit", 10))]
        body = {"batchcomplete": "", "query": {"searchinfo": {"totalhits": len(hits)}, "search": [
            {"ns": 0, "title": t, "pageid": pid, "size": 1000 + pid, "wordcount": 120,
             "snippet": f"<span class=\"searchmatch\">{t.split()[0]}</span> &quot;test&quot; page",
             "timestamp": "2026-01-27T09:33:55Z"} for t, pid in hits]}}
        if len(hits) == int(params.get("srlimit", 10)):
            body["continue"] = {"sroffset": len(hits), "continue": "-||"}
        return json_route(body)
    if "extracts" in params.get("prop", ""):
        out = {}
        for n, title in enumerate(params.get("titles", "").split("|")):
            if title in pages:
                pid, text = pages[title]
                out[str(pid)] = {"pageid": pid, "ns": 0, "title": title, "extract": text, "contentmodel": "wikitext",
                                 "pagelanguage": lang, "pagelanguagehtmlcode": lang,
                                 "pagelanguagedir": "rtl" if lang == "ar" else "ltr", "touched": "2026-01-01T00:00:00Z",
                                 "lastrevid": 1000 + pid, "length": len(text),
                                 "fullurl": f"https://{lang}.wikipedia.org/wiki/{title.replace(' ', '_')}",
                                 "editurl": f"https://{lang}.wikipedia.org/w/index.php?title={title.replace(' ', '_')}&action=edit",
                                 "canonicalurl": f"https://{lang}.wikipedia.org/wiki/{title.replace(' ', '_')}"}
            else:
                out[str(-1 - n)] = {"ns": 0, "title": title, "missing": ""}
        return json_route({"batchcomplete": "", "query": {"pages": out}})
    return json_route({"batchcomplete": ""})


def make() -> ProviderFake:
    return ProviderFake(handler)
