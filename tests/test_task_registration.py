"""The Celery tasks a worker knows, and the periodic ones beat sends.

A renamed or removed task strands the messages already queued under its old
name; this snapshot makes such a change deliberate.
"""

from factcheck.celery import app

EXPECTED_TASKS = {
    "claims.tasks.ingest_article",
    "claims.tasks.extract_claims_for_article",
    "claims.tasks.requeue_stale_intakes",
    "claims.tasks.add_source_by_hand",
    "claims.tasks.gather_for_article",
    "claims.tasks.gather_for_claim",
    "claims.tasks.retry_stale_gathering",
    "claims.tasks.export_claims_csv",
    "claims.tasks.delete_expired_exports",
    "claims.tasks.deliver_webhook",
}


def test_it_registers_exactly_the_known_tasks():
    app.loader.import_default_modules()
    assert {name for name in app.tasks if name.startswith("claims.")} == EXPECTED_TASKS


def test_every_periodic_task_exists():
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in EXPECTED_TASKS, entry
