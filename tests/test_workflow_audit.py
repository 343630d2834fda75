"""No write path skips the audit trail: bulk updates of audited claim fields
are refused, and the workflow's bulk path leaves one event per claim."""

import pytest
from django.utils import timezone

from claims import workflow
from claims.models import Claim, ClaimEvent, ClaimState
from claims.models.articles import UnauditedChange
from tests.review_helpers import make_article, make_claim

S = ClaimState
pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(personas):
    article = make_article(personas.reporter)
    return [make_claim(article, sentence=i, state=S.TRIAGE) for i in range(3)]


@pytest.mark.parametrize("change", [
    {"status": S.PUBLISHED}, {"assignee_id": None}, {"due_at": None}, {"text": "Something else."}, {"start": 1},
])
def test_it_refuses_a_bulk_update_of_an_audited_field(claims, change):
    with pytest.raises(UnauditedChange):
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(**change)
    assert not Claim.objects.exclude(status=S.TRIAGE).exists()


def test_it_refuses_bulk_update_and_a_plain_save_of_an_audited_field(personas, claims):
    for claim in claims:
        claim.status = S.PUBLISHED
    with pytest.raises(UnauditedChange):
        Claim.objects.bulk_update(claims, ["status"])
    claim = Claim.objects.get(pk=claims[0].pk)
    claim.assignee = personas.editor
    with pytest.raises(UnauditedChange, match="assignee_id"):
        claim.save()
    with pytest.raises(UnauditedChange):
        claim.save(update_fields=["assignee"])
    assert not Claim.objects.filter(assignee__isnull=False).exists()


def test_it_lets_machine_fields_and_unchanged_claims_be_saved(claims):
    assert Claim.objects.filter(pk=claims[0].pk).update(score=0.1, kind="quote", checkworthy=False) == 1
    claim = Claim.objects.get(pk=claims[0].pk)
    claim.speaker = "The minister"
    claim.save()
    claim.refresh_from_db()
    claim.save()  # nothing audited changed
    assert Claim.objects.get(pk=claim.pk).speaker == "The minister"


def test_it_refuses_to_delete_claims_with_an_audit_trail(personas, claims):
    workflow.transition(claims[0], "start_research", by=personas.editor, expected_version=claims[0].version)
    with pytest.raises(UnauditedChange):
        Claim.objects.filter(pk=claims[0].pk).delete()
    with pytest.raises(UnauditedChange):
        Claim.objects.get(pk=claims[0].pk).delete()
    assert ClaimEvent.objects.filter(claim=claims[0]).exists()
    # A claim nobody has worked (the extractor's output) may be replaced.
    Claim.objects.filter(pk=claims[1].pk).delete()
    assert not Claim.objects.filter(pk=claims[1].pk).exists()


def test_a_bulk_change_through_the_workflow_leaves_one_audit_row_per_claim(personas, claims):
    due = timezone.now() + timezone.timedelta(days=2)
    changed = workflow.bulk_transition(Claim.objects.filter(status=S.TRIAGE), "assign", by=personas.chief,
                                       assignee=personas.editor2, due_at=due)
    assert changed == 3
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.assignee, claim.due_at) == (S.IN_REVIEW, personas.editor2, due)
        event = ClaimEvent.objects.get(claim=claim)
        assert (event.actor, event.action, event.from_state, event.to_state) == (
            personas.chief, "assign", S.TRIAGE, S.IN_REVIEW)
        assert event.changes["assignee_id"] == [None, personas.editor2.pk]


def test_a_bulk_change_refused_for_one_claim_changes_none(personas, claims):
    late = make_claim(claims[0].article, sentence=2, state=S.NEW)  # highest pk: refused after the others
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.bulk_transition(Claim.objects.all(), "start_research", by=personas.editor2)
    assert set(Claim.objects.values_list("status", flat=True)) == {S.TRIAGE, S.NEW}
    assert Claim.objects.get(pk=late.pk).version == late.version
    assert not ClaimEvent.objects.filter(action="start_research").exists()
