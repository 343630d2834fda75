"""The archive: articles and sources already in the database, full-text searched.

Arabic is normalised the same way on both sides, stored text and query: harakat
and tatweel removed, alef forms, alef maqsura and taa marbuta folded, and a
leading article with its clitics (ال، وال، بال، فال، كال، لل) taken off.

PostgreSQL: full-text search (the "simple" configuration, so no English
stemming mangles Arabic) over title and text folded in SQL (`translate()` for
letters and marks, `regexp_replace()` for the article and clitics), ranked with
ts_rank; query words are prefixes, so a word also meets its suffixed forms.

SQLite (the embedded default): an FTS5 table holds each row's title and text as
the tokens of `claims.text.tokens.tokenize` (the same folding plus light stemming),
ranked with FTS5's bm25(). It is created on first use and brought up to date
before each search (new, changed and deleted rows; a row is re-indexed when the
length of its title or text changes, or an article's `updated_at`). Works
offline; the claim's own article is left out.
"""

from __future__ import annotations

import re

from django.db import connection, transaction
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Cast, Concat, Length

from claims.text.tokens import fold, tokenize

from .base import Candidate, ClaimQuery

NAME = "archive"
# Asked in the task's own thread, where its database connection and transaction are.
USES_DATABASE = True
MAX_RESULTS = 5
# Letters folded and marks deleted by translate(): alef forms, alef maqsura and taa
# marbuta map one to one; harakat (U+064B-U+0652), dagger alef and tatweel have no
# counterpart in the target string, so translate() deletes them.
_FROM = "أإآٱىة" + "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"
_TO = "اااايه"
# The article with its clitics at the start of a word (at least 3 letters stay).
# Explicit letter ranges, not [[:alnum:]]: under a C locale PostgreSQL counts no
# Arabic letter as alphanumeric.
_ARTICLE_SQL = r"(^|[^0-9a-z_ء-ي])(وبال|فبال|وكال|فكال|وال|فال|بال|كال|لل|ال)([ء-ي]{3,})"
_SAFE = re.compile(r"^\w+$")


def _folded(field: str):
    lowered = Func(F(field), function="lower", output_field=TextField())
    letters = Func(lowered, Value(_FROM), Value(_TO), function="translate", output_field=TextField())
    return Func(letters, Value(_ARTICLE_SQL), Value("\\1\\3"), Value("g"), function="regexp_replace",
                output_field=TextField())


_ARTICLE = re.compile(r"^(?:وبال|فبال|وكال|فكال|وال|فال|بال|كال|لل|ال)(?=\w{3})")


def _terms(query: ClaimQuery) -> list[str]:
    # Folded surface words (not stems: the database has no Arabic light stemmer),
    # minus stop words, with the article and its clitics removed as in the index.
    words = []
    for word in re.findall(r"[^\W_]+", fold(query.text)):
        if not tokenize(word):
            continue
        words.append(_ARTICLE.sub("", word, count=1))
    return list(dict.fromkeys(w for w in words if _SAFE.match(w)))[:20]


def search_vector(fields: tuple[str, str]):
    """The folded, weighted document of a row (title A, text B).

    Migration 0009 builds a GIN index on exactly this expression, so a search
    reads the index instead of folding every row; change both together.
    """
    from django.contrib.postgres.search import SearchVector

    return SearchVector(_folded(fields[0]), weight="A", config="simple") + SearchVector(
        _folded(fields[1]), weight="B", config="simple")


def _postgres(model, fields: tuple[str, str], terms: list[str], exclude: Q) -> list:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    vector = search_vector(fields)
    # Prefix matching (":*") so a bare stem also meets its clitic-free inflections.
    search_query = SearchQuery(" | ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
    return list(
        model.objects.annotate(document=vector).filter(document=search_query)  # @@, served by the index
        .annotate(rank=SearchRank(vector, search_query)).exclude(exclude).order_by("-rank")[:MAX_RESULTS]
    )


# --- SQLite FTS5 -------------------------------------------------------------------------

FTS_TABLE = "claims_archive_fts"
_KINDS = {"source": ("title", "text"), "article": ("title", "body")}


def index_text(text: str) -> str:
    """What the FTS5 index stores for `text`: its matching tokens, space-separated."""
    return " ".join(tokenize(text))


def _stamp(model, fields: tuple[str, str]):
    parts = [Cast(Length(fields[0]), TextField()), Value(":"), Cast(Length(fields[1]), TextField())]
    if hasattr(model, "updated_at"):
        parts += [Value(":"), Cast(F("updated_at"), TextField())]
    return Concat(*parts, output_field=TextField())


def sync_fts_index() -> int:
    """Create the FTS5 table if needed and bring it up to date; returns how many rows were (re)indexed."""
    from claims.models import Article, Source

    models = {"source": Source, "article": Article}
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, body, kind UNINDEXED, ref UNINDEXED, stamp UNINDEXED, tokenize = 'unicode61')"
        )
        for kind, fields in _KINDS.items():
            model = models[kind]
            cursor.execute(f"SELECT ref, stamp, rowid FROM {FTS_TABLE} WHERE kind = %s", [kind])
            indexed = {ref: (stamp, rowid) for ref, stamp, rowid in cursor.fetchall()}
            current = dict(model.objects.annotate(stamp=_stamp(model, fields)).values_list("pk", "stamp"))
            gone = [indexed[ref][1] for ref in indexed.keys() - current.keys()]
            stale = [pk for pk, stamp in current.items() if indexed.get(pk, (None,))[0] != stamp]
            for rowid in gone:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [rowid])
            for start in range(0, len(stale), 500):
                batch = stale[start:start + 500]
                cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",
                                   [[indexed[pk][1]] for pk in batch if pk in indexed])
                rows = model.objects.filter(pk__in=batch).values_list("pk", *fields)
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (title, body, kind, ref, stamp) VALUES (%s, %s, %s, %s, %s)",
                    [[index_text(title), index_text(text), kind, pk, current[pk]] for pk, title, text in rows],
                )
            changed += len(stale)
    return changed


def _sqlite(model, kind: str, query_text: str, exclude: Q) -> list:
    tokens = list(dict.fromkeys(tokenize(query_text)))[:30]
    if not tokens:
        return []
    # Tokens are \w runs; quoted, FTS5 reads them as plain terms, never as operators.
    match = " OR ".join('"' + t.replace('"', "") + '"' for t in tokens)
    with connection.cursor() as cursor:
        # The title weighs twice the text, as the A/B weights do on PostgreSQL.
        cursor.execute(
            f"SELECT ref FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s "
            f"ORDER BY bm25({FTS_TABLE}, 2.0, 1.0) LIMIT %s",
            # Generous: rows the caller leaves out (pasted articles, the claim's own) are dropped below.
            [f"{{title body}}: ({match})", kind, 200],
        )
        refs = [row[0] for row in cursor.fetchall()]
    rows = model.objects.in_bulk(refs)
    excluded = set(model.objects.filter(pk__in=refs).filter(exclude).values_list("pk", flat=True))
    return [rows[ref] for ref in refs if ref in rows and ref not in excluded][:MAX_RESULTS]


def search(query: ClaimQuery) -> list[Candidate]:
    """Archived sources and earlier articles that share the claim's words."""
    from claims.models import Article, Source

    terms = _terms(query)
    if not terms:
        return []
    if connection.vendor != "postgresql":
        sync_fts_index()
    found = []
    for model, kind, exclude in (
        (Source, "source", Q(text="")),
        (Article, "article", Q(pk=query.article_id) | Q(url="")),
    ):
        if connection.vendor == "postgresql":
            rows = _postgres(model, _KINDS[kind], terms, exclude)
        else:
            rows = _sqlite(model, kind, query.text, exclude)
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
