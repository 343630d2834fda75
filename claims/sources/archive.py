"""The archive: articles and sources already in the database, full-text searched.

PostgreSQL: full-text search (the "simple" configuration, so no English
stemming mangles Arabic) over title and text with Arabic letter forms folded by
`translate()` on both sides, ranked with ts_rank. Elsewhere (the embedded SQLite
default): rows containing any of the claim's rarest words are read and ranked
with BM25 in Python. Works offline; the claim's own article is left out.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import F, Func, Q, TextField, Value

from claims.evidence import BM25, fold, tokenize

from .base import Candidate, ClaimQuery

NAME = "archive"
# Asked in the task's own thread, where its database connection and transaction are.
USES_DATABASE = True
MAX_RESULTS = 5
_FROM, _TO = "أإآٱىة", "ااااي" + "ه"
_SAFE = re.compile(r"^\w+$")


def _folded(field: str):
    return Func(Func(F(field), function="lower", output_field=TextField()), Value(_FROM), Value(_TO),
                function="translate", output_field=TextField())


def _terms(query: ClaimQuery) -> list[str]:
    # Folded surface words (not stems: the database has no Arabic light stemmer),
    # minus stop words, with an article prefix removed so "الحكومة" meets "حكومة".
    words = []
    for word in re.findall(r"[^\W_]+", fold(query.text)):
        if not tokenize(word):
            continue
        if word.startswith(("وال", "بال", "فال", "كال")) and len(word) > 5:
            word = word[3:]
        elif word.startswith("ال") and len(word) > 4:
            word = word[2:]
        words.append(word)
    return list(dict.fromkeys(w for w in words if _SAFE.match(w)))[:20]


def _postgres(model, fields: tuple[str, str], terms: list[str], exclude: Q) -> list:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector(_folded(fields[0]), weight="A", config="simple") + SearchVector(
        _folded(fields[1]), weight="B", config="simple")
    # Prefix matching (":*") so a bare stem also meets its clitic-free inflections.
    search_query = SearchQuery(" | ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
    return list(
        model.objects.annotate(rank=SearchRank(vector, search_query))
        .filter(rank__gt=0).exclude(exclude).order_by("-rank")[:MAX_RESULTS]
    )


def _python(model, fields: tuple[str, str], terms: list[str], query_text: str, exclude: Q) -> list:
    rare = sorted(terms, key=len, reverse=True)[:5]
    condition = Q()
    for term in rare:
        condition |= Q(**{f"{fields[1]}__icontains": term}) | Q(**{f"{fields[0]}__icontains": term})
    rows = list(model.objects.filter(condition).exclude(exclude)[:500])
    if not rows:
        return []
    index = BM25([tokenize(f"{getattr(r, fields[0])} {getattr(r, fields[1])}") for r in rows])
    return [rows[i] for i, _ in index.top(tokenize(query_text), MAX_RESULTS)]


def search(query: ClaimQuery) -> list[Candidate]:
    """Archived sources and earlier articles that share the claim's words."""
    from claims.models import Article, Source

    terms = _terms(query)
    if not terms:
        return []
    found = []
    for model, fields, exclude in (
        (Source, ("title", "text"), Q(text="")),
        (Article, ("title", "body"), Q(pk=query.article_id) | Q(url="")),
    ):
        if connection.vendor == "postgresql":
            rows = _postgres(model, fields, terms, exclude)
        else:
            rows = _python(model, fields, terms, query.text, exclude)
        found.extend(rows)
    candidates = []
    for row in found:
        is_article = isinstance(row, Article)
        text = row.body if is_article else row.text
        candidates.append(Candidate(
            url=(row.final_url or row.url), title=row.title, snippet=text[:300], provider=NAME,
            text=text, language=row.language, rank=len(candidates),
            extra={"kind": "article" if is_article else "source", "id": row.pk},
        ))
    return candidates
