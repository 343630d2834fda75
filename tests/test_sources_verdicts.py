""""Checked before?" provider over the workbench's own published verdicts, across Arabic and English.

Real parts throughout: verdict rows in the test database and the bundled
multilingual-e5-small model (a handful of sentences, so it stays fast).
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims import gathering
from claims.models import Article, Claim, Evidence, RatingLabel, Verdict
from claims.sources import verdicts
from claims.sources.base import ClaimQuery

pytestmark = pytest.mark.django_db

PORT_EN = "The harbour of Examplia handled five million containers last year"
PORT_AR = "ميناء إكسامبليا تعامل مع خمسة ملايين حاوية العام الماضي"
JOBS_AR = "قال الوزير إن البطالة انخفضت إلى 4 في المئة في مارس"


def _claim(text, language):
    reporter, _ = get_user_model().objects.get_or_create(username="verdicts-reporter")
    body = f"Intro. {text}. Outro."
    article = Article.objects.create(submitted_by=reporter, title="A", body=body, language=language, status="ready")
    start = body.index(text)
    return Claim.objects.create(article=article, start=start, end=start + len(text), text=text, checkworthy=True)


def _verdict(claim, rating="false", status=Verdict.Status.PUBLISHED, rationale="The port authority's figures say 1.2 million."):
    editor, _ = get_user_model().objects.get_or_create(username="verdicts-editor")
    published = status == Verdict.Status.PUBLISHED
    return Verdict.objects.create(
        claim=claim, rating=RatingLabel.objects.get(slug=rating), rationale=rationale, status=status,
        is_current=published, proposed_by=editor, approved_by=editor if published else None,
        approved_at=timezone.now() if published else None,
    )


def test_it_finds_an_english_verdict_for_an_arabic_claim_and_back():
    checked_en = _claim(PORT_EN, "en")
    _verdict(checked_en)
    found = verdicts.search(ClaimQuery(f"قال مسؤول إن {PORT_AR}", language="ar"))
    assert [c.extra["claim_id"] for c in found] == [checked_en.pk]
    candidate = found[0]
    assert candidate.url.endswith(f"/claims/{checked_en.pk}/report/?verdict={checked_en.verdicts.get().pk}")
    assert candidate.extra["kind"] == "factcheck" and candidate.extra["rating"] == "False"
    assert "1.2 million" in candidate.text and candidate.extra["similarity"] >= verdicts.SEMANTIC_MIN

    checked_ar = _claim(JOBS_AR, "ar")
    _verdict(checked_ar, rating="mostly-true", rationale="أرقام الإحصاء تؤكد ذلك")
    found = verdicts.search(ClaimQuery("The minister said unemployment dropped to four percent in March", language="en"))
    assert [c.extra["claim_id"] for c in found] == [checked_ar.pk]


def test_it_proposes_nothing_for_an_unrelated_claim():
    _verdict(_claim(PORT_EN, "en"))
    _verdict(_claim(JOBS_AR, "ar"))
    assert verdicts.search(ClaimQuery("يتوقع هطول أمطار غزيرة في الشمال يوم الجمعة", language="ar")) == []
    assert verdicts.search(ClaimQuery("Heavy rain is expected in the north on Friday", language="en")) == []


def test_it_uses_only_verdicts_in_force_and_never_the_claims_own():
    proposed = _claim(PORT_EN, "en")
    _verdict(proposed, status=Verdict.Status.PROPOSED)
    assert verdicts.search(ClaimQuery(PORT_EN)) == []
    published = _claim(PORT_EN + " (again)", "en")
    _verdict(published)
    assert verdicts.search(ClaimQuery(PORT_EN, claim_id=published.pk)) == []
    assert [c.extra["claim_id"] for c in verdicts.search(ClaimQuery(PORT_EN, claim_id=proposed.pk))] == [published.pk]


def test_it_shows_an_earlier_verdict_as_evidence_that_refutes(django_capture_on_commit_callbacks):
    _verdict(_claim(PORT_EN, "en"))
    claim = _claim(PORT_AR, "ar")
    with django_capture_on_commit_callbacks(execute=False):
        run = gathering.start_gathering(article=claim.article, providers=["verdicts"])[0]
    run = gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert run.status == "done" and run.provider_runs.get().candidates == 1
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.source.provider == "verdicts" and evidence.source.title.startswith("False: ")
    assert evidence.suggested_stance == "refutes"  # an earlier "False" verdict
    # Gathered again: the same verdict is not added twice.
    with django_capture_on_commit_callbacks(execute=False):
        run = gathering.start_gathering(article=claim.article, providers=["verdicts"])[0]
    gathering.gather_for_claim(run_id=run.pk, allow_retry=False)
    assert Evidence.objects.filter(claim=claim).count() == 1
