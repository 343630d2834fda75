"""Large exports: a job row, a CSV written in chunks, expiry and clean-up."""

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from claims.models import ExportJob
from claims.reports import exports
from tests.personas import PersonaTestCase
from tests.report_data import add_claim, make_article, worked_article
from tests.worker import wait_for

ROOT = Path(__file__).resolve().parent.parent


class ExportTestCase(PersonaTestCase):
    """Exports written to a media folder of the test's own, over a worked article."""

    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=self.media)
        override.enable()
        self.addCleanup(override.disable)
        self.article, self.first, self.second, self.third = worked_article(self)


class ExportJobTests(ExportTestCase):

    def export(self, user, **filters) -> ExportJob:
        with self.captureOnCommitCallbacks() as callbacks:
            job = exports.request_export(by=user, filters=filters)
        self.assertEqual(len(callbacks), 1)  # the task is sent after commit
        return job

    def rows(self, job):
        job.refresh_from_db()
        with job.file.open("rb") as handle:
            return list(csv.DictReader(io.StringIO(handle.read().decode())))

    def test_it_writes_the_visible_filtered_claims_to_a_file(self):
        job = self.export(self.reporter, state=["published", "proposed"])
        self.assertTrue(exports.run_export(job_id=job.pk))
        job.refresh_from_db()
        self.assertEqual(job.status, "done")
        self.assertEqual((job.rows_written, job.rows_total, job.progress), (2, 2, 100))
        self.assertTrue(job.is_downloadable)
        self.assertGreater(job.expires_at, timezone.now())
        self.assertEqual([r["claim_id"] for r in self.rows(job)], [str(self.first.pk), str(self.second.pk)])

    def test_it_does_nothing_when_the_task_is_delivered_twice(self):
        job = self.export(self.editor)
        self.assertTrue(exports.run_export(job_id=job.pk))
        self.assertFalse(exports.run_export(job_id=job.pk))

    def test_it_refuses_bad_filters_and_saves_no_job(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            exports.request_export(by=self.editor, filters={"state": ["sideways"]})
        self.assertFalse(ExportJob.objects.exists())

    def test_it_deletes_expired_files(self):
        job = self.export(self.editor)
        exports.run_export(job_id=job.pk)
        job.refresh_from_db()
        path = job.file.path
        self.assertEqual(exports.delete_expired_exports(now=job.expires_at + timezone.timedelta(seconds=1)), 1)
        job.refresh_from_db()
        self.assertEqual(job.status, "expired")
        self.assertFalse(job.is_downloadable)
        import os

        self.assertFalse(os.path.exists(path))

    def test_it_keeps_memory_flat_however_many_claims(self):
        # Measured in a fresh process (bench/export_memory.py): tracemalloc
        # counts every thread's allocations, and this test process has others.
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "export_memory.py"), "--json"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
        )
        ratio = json.loads(result.stdout.strip().splitlines()[-1])["ratio"]
        # Four times the claims: a list built in memory would need about four
        # times the memory; reading a chunk at a time stays well below.
        self.assertLess(ratio, 1.5, result.stdout)


class ExportViewTests(ExportTestCase):
    def test_it_starts_shows_and_downloads_an_export(self):
        self.login(self.reporter)
        response = self.client.post(reverse("claims:export_start"), {"q": "bridge"})
        job = ExportJob.objects.get()
        self.assertRedirects(response, reverse("claims:export_detail", args=[job.pk]))
        self.assertContains(self.client.get(reverse("claims:export_detail", args=[job.pk])), "Queued")
        self.assertEqual(self.client.get(reverse("claims:export_download", args=[job.pk])).status_code, 404)
        exports.run_export(job_id=job.pk)
        response = self.client.get(reverse("claims:export_download", args=[job.pk]))
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode()
        self.assertIn("The new bridge cost", body)
        self.assertNotIn("Exports doubled", body)

    def test_it_keeps_an_export_to_its_requester(self):
        job = ExportJob.objects.create(requested_by=self.reporter)
        for person in (self.other_reporter, self.editor, self.outsider):
            self.login(person)
            self.assertEqual(self.client.get(reverse("claims:export_detail", args=[job.pk])).status_code, 404)
            self.assertEqual(self.client.get(reverse("claims:export_download", args=[job.pk])).status_code, 404)

    def test_it_forbids_outsiders_to_export(self):
        self.login(self.outsider)
        self.assertEqual(self.client.post(reverse("claims:export_start")).status_code, 403)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_it_runs_an_export_on_a_real_worker(personas_committed, celery_worker):
    article = make_article(personas_committed.reporter)
    add_claim(article, "The new bridge cost 300 million dollars.")
    job = exports.request_export(by=personas_committed.reporter, filters={})
    done = wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
                    timeout=60, message="the export job to finish")
    try:
        assert done.status == "done", done.error
        with done.file.open("rb") as handle:
            assert "The new bridge cost" in handle.read().decode()
    finally:
        done.file.delete(save=False)
