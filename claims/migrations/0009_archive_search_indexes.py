"""GIN indexes for the archive provider's full-text search (PostgreSQL only).

Each index is built on the very expression `claims.sources.archive.search_vector`
produces, so the planner can answer `document @@ query` from it. SQLite has its
own FTS5 table (claims/sources/archive.py) and gets nothing here.
"""

from django.db import migrations

INDEXES = (
    ("Article", "article_archive_search", ("title", "body")),
    ("Source", "source_archive_search", ("title", "text")),
)


def _index(name, fields):
    from django.contrib.postgres.indexes import GinIndex

    from claims.sources.archive import search_vector

    return GinIndex(search_vector(fields), name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name, fields in INDEXES:
        schema_editor.add_index(apps.get_model("claims", model_name), _index(name, fields))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name, fields in INDEXES:
        schema_editor.remove_index(apps.get_model("claims", model_name), _index(name, fields))


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_queue_indexes")]
    operations = [migrations.RunPython(create, drop)]
