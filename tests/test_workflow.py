"""The workflow table, taken by every role: who may, who may not, and what
each step leaves in the audit trail."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction

from claims import review, workflow
from claims.models import ClaimEvent, ClaimState, Verdict
from claims.workflow import StaleClaim, TransitionNotAllowed, transition
from tests.review_helpers import make_article, make_claim, rating_scale

S = ClaimState
ROLES = ("reporter", "editor", "editor2", "chief", "admin", "outsider")
ASSIGNED_STATES = (S.IN_REVIEW, S.RETURNED, S.ON_HOLD, S.PROPOSED, S.PUBLISHED, S.CORRECTED)

# Who may take each row, with the claim assigned to (and proposed by) "editor"
# where the state implies an assignee, and unassigned before that.
EXPECTED = {
    ("triage", S.NEW): {"editor", "editor2", "chief", "admin"},
    ("not_checkable", S.NEW): {"editor", "editor2", "chief", "admin"},
    ("not_checkable", S.TRIAGE): {"editor", "editor2", "chief", "admin"},
    ("not_checkable", S.RESEARCHING): {"editor", "editor2", "chief", "admin"},
    ("start_research", S.TRIAGE): {"editor", "editor2", "chief", "admin"},
    ("assign", S.TRIAGE): {"chief", "admin"},
    ("assign", S.RESEARCHING): {"chief", "admin"},
    ("assign", S.IN_REVIEW): {"chief", "admin"},
    ("assign", S.RETURNED): {"chief", "admin"},
    ("assign", S.ON_HOLD): {"chief", "admin"},
    ("assign", S.PROPOSED): {"chief", "admin"},
    ("self_assign", S.TRIAGE): {"editor", "editor2", "chief", "admin"},
    ("self_assign", S.RESEARCHING): {"editor", "editor2", "chief", "admin"},
    ("self_assign", S.IN_REVIEW): set(),  # already assigned: a chief editor reassigns
    ("hold", S.TRIAGE): {"editor", "editor2", "chief", "admin"},
    ("hold", S.RESEARCHING): {"editor", "editor2", "chief", "admin"},
    ("hold", S.IN_REVIEW): {"editor", "chief", "admin"},
    ("hold", S.RETURNED): {"editor", "chief", "admin"},
    ("resume", S.ON_HOLD): {"editor", "chief", "admin"},
    ("propose", S.IN_REVIEW): {"editor", "chief", "admin"},
    ("propose", S.RETURNED): {"editor", "chief", "admin"},
    ("approve", S.PROPOSED): {"editor2", "chief", "admin"},  # never the proposer
    ("return", S.PROPOSED): {"editor2", "chief", "admin"},
    ("correct", S.PUBLISHED): {"chief", "admin"},
    ("correct", S.CORRECTED): {"chief", "admin"},
    ("reopen", S.NOT_CHECKABLE): {"editor", "editor2", "chief", "admin"},
    ("reopen", S.PUBLISHED): {"chief", "admin"},
    ("reopen", S.CORRECTED): {"chief", "admin"},
}


def _data(action, people, labels):
    return {
        "not_checkable": {"reason": "An opinion, not a fact."},
        "assign": {"assignee": people.editor2},
        "hold": {"reason": "Waiting for the ministry to answer."},
        "propose": {"rating": labels["false"], "rationale": "The office's figure is 5.3 percent."},
        "return": {"reason": "Cite the quarterly table."},
        "correct": {"reason": "The office revised its figure.", "rating": labels["misleading"],
                    "rationale": "Revised to 4.3 percent."},
        "reopen": {"reason": "New data published."},
    }.get(action, {})


def test_it_covers_every_row_of_the_table():
    rows = {(row.action, state) for row in workflow.TRANSITIONS if row.action in workflow.STATE_ACTIONS
            for state in row.sources}
    assert rows == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "state"), sorted(EXPECTED))
def test_it_lets_exactly_the_right_roles_take_each_transition(personas, action, state, role):
    labels = rating_scale()
    article = make_article(personas.reporter)
    assignee = personas.editor if state in ASSIGNED_STATES else None
    claim = make_claim(article, state=state, assignee=assignee, approver=personas.chief)
    user = getattr(personas, role)
    version = claim.version
    row = workflow.find(action, state)
    allowed = role in EXPECTED[(action, state)]
    assert workflow.may(user, action, claim) is allowed

    if not allowed:
        with pytest.raises(PermissionDenied):
            transition(claim, action, by=user, expected_version=version, **_data(action, personas, labels))
        claim.refresh_from_db()
        assert (claim.status, claim.version) == (state, version)
        assert not ClaimEvent.objects.filter(claim=claim).exists()
        return

    transition(claim, action, by=user, expected_version=version, **_data(action, personas, labels))
    assert claim.version == version + 1
    expected_state = {workflow.SAME: state, workflow.PREVIOUS: S.RESEARCHING}.get(row.target, row.target)
    assert claim.status == expected_state
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.actor, event.action, event.from_state, event.to_state) == (user, action, state, expected_state)
    if state != expected_state:
        assert event.changes["status"] == [state, expected_state]


@pytest.mark.parametrize("state", S.values)
def test_it_refuses_actions_the_table_does_not_list(personas, state):
    claim = make_claim(make_article(personas.reporter), state=state, assignee=personas.editor)
    for action in workflow.STATE_ACTIONS:
        if workflow.find(action, state) is None:
            with pytest.raises(TransitionNotAllowed):
                transition(claim, action, by=personas.admin, expected_version=claim.version)
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_a_proposer_cannot_approve_their_own_verdict_even_as_chief(personas):
    labels = rating_scale()
    claim = make_claim(make_article(personas.reporter), state=S.IN_REVIEW, assignee=personas.chief)
    review.propose_verdict(claim=claim, by=personas.chief, expected_version=claim.version, rating=labels["false"],
                           rationale="The budget table shows 280 million.")
    with pytest.raises(PermissionDenied, match="You proposed this verdict"):
        review.approve(claim=claim, by=personas.chief, expected_version=claim.version)
    assert claim.status == S.PROPOSED
    verdict = review.approve(claim=claim, by=personas.editor2, expected_version=claim.version)
    assert (verdict.approved_by, verdict.status, verdict.is_current) == (personas.editor2, "published", True)
    assert claim.status == S.PUBLISHED


def test_a_stale_form_is_refused_with_who_changed_it_and_when(personas):
    claim = make_claim(make_article(personas.reporter), state=S.NEW)
    loaded = claim.version
    review.triage(claim=claim, by=personas.editor, expected_version=loaded)
    with pytest.raises(StaleClaim) as caught:
        review.mark_not_checkable(claim=claim, by=personas.editor2, expected_version=loaded, reason="Opinion")
    message = str(caught.value)
    assert "changed by editor at" in message and "reload" in message
    claim.refresh_from_db()
    assert claim.status == S.TRIAGE
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True)) == ["triage"]


def test_required_input_is_checked_and_nothing_is_half_saved(personas):
    labels = rating_scale()
    claim = make_claim(make_article(personas.reporter), state=S.IN_REVIEW, assignee=personas.editor)
    version = claim.version
    with pytest.raises(ValidationError):
        review.propose_verdict(claim=claim, by=personas.editor, expected_version=version, rating=labels["false"],
                               rationale="   ")
    with pytest.raises(ValidationError):
        review.hold(claim=claim, by=personas.editor, expected_version=version, reason="")
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (S.IN_REVIEW, version)
    assert not Verdict.objects.filter(claim=claim).exists()
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_a_claim_walks_from_new_to_corrected_and_every_step_is_audited(personas):
    labels = rating_scale()
    claim = make_claim(make_article(personas.reporter), state=S.NEW)
    review.triage(claim=claim, by=personas.editor, expected_version=claim.version, checkworthy=True)
    review.start_research(claim=claim, by=personas.editor, expected_version=claim.version)
    review.assign(claim=claim, by=personas.chief, expected_version=claim.version, assignee=personas.editor)
    review.hold(claim=claim, by=personas.editor, expected_version=claim.version, reason="Waiting for data")
    review.resume(claim=claim, by=personas.editor, expected_version=claim.version)
    assert claim.status == S.IN_REVIEW  # back where it was put on hold
    first = review.propose_verdict(claim=claim, by=personas.editor, expected_version=claim.version,
                                   rating=labels["mostly-false"], rationale="Survey says 5.3 percent.",
                                   claimant="The minister", appeared_url="https://news.example.org/a")
    review.return_for_work(claim=claim, by=personas.editor2, expected_version=claim.version,
                           comment="Link the survey table.")
    first.refresh_from_db()
    assert first.status == Verdict.Status.RETURNED
    second = review.propose_verdict(claim=claim, by=personas.editor, expected_version=claim.version,
                                    rating=labels["false"], rationale="Survey table 3 says 5.3 percent.")
    review.approve(claim=claim, by=personas.editor2, expected_version=claim.version)
    corrected = review.correct(claim=claim, by=personas.chief, expected_version=claim.version,
                               reason="The survey was revised.", rating=labels["mostly-false"],
                               rationale="Revised survey: 4.6 percent.")
    second.refresh_from_db()
    assert claim.status == S.CORRECTED
    # the old verdict stays, marked superseded and linked to its correction
    assert (second.status, second.is_current, second.superseded_by) == ("superseded", False, corrected)
    assert corrected.is_current and corrected.correction_reason == "The survey was revised."
    assert list(claim.verdicts.order_by("pk")) == [first, second, corrected]

    events = list(ClaimEvent.objects.filter(claim=claim).order_by("pk"))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("triage", "new", "triage"),
        ("start_research", "triage", "researching"),
        ("assign", "researching", "in_review"),
        ("hold", "in_review", "on_hold"),
        ("resume", "on_hold", "in_review"),
        ("propose", "in_review", "proposed"),
        ("return", "proposed", "returned"),
        ("comment", "returned", "returned"),
        ("propose", "returned", "proposed"),
        ("approve", "proposed", "published"),
        ("correct", "published", "corrected"),
    ]
    assert events[2].changes["assignee_id"] == [None, personas.editor.pk]
    assert events[3].reason == "Waiting for data"
    assert events[6].reason == "Link the survey table."
    assert events[10].changes["corrected"]["from"]["rating"] == "false"
    assert events[10].changes["corrected"]["to"]["rating"] == "mostly-false"
    assert claim.version == 1 + 10  # the comment does not bump the version


def test_audit_events_cannot_be_changed_or_deleted(personas):
    claim = make_claim(make_article(personas.reporter), state=S.NEW)
    review.triage(claim=claim, by=personas.editor, expected_version=claim.version)
    event = ClaimEvent.objects.get(claim=claim)
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


# --- two editors at the same moment, on real PostgreSQL ---------------------------

needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="a real concurrent test needs PostgreSQL")


def _proposed_claim(personas):
    labels = rating_scale()
    claim = make_claim(make_article(personas.reporter), state=S.IN_REVIEW, assignee=personas.editor)
    review.propose_verdict(claim=claim, by=personas.editor, expected_version=claim.version, rating=labels["false"],
                           rationale="Survey says 5.3 percent.")
    return claim


def _in_thread(work, results, name):
    try:
        results[name] = work()
    except Exception as exc:  # collected and asserted on by the test
        results[name] = exc
    finally:
        connections.close_all()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_approving_at_once_exactly_one_wins(personas_committed):
    people = personas_committed
    claim = _proposed_claim(people)
    version = claim.version
    start = threading.Barrier(2)
    results = {}

    def approve_as(user):
        def work():
            from claims.models import Claim

            mine = Claim.objects.get(pk=claim.pk)
            start.wait()
            return review.approve(claim=mine, by=user, expected_version=version)
        return work

    threads = [threading.Thread(target=_in_thread, args=(approve_as(u), results, u.username))
               for u in (people.editor2, people.chief)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [name for name, r in results.items() if isinstance(r, Verdict)]
    losers = [r for r in results.values() if isinstance(r, StaleClaim)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert f"changed by {winners[0]} at" in str(losers[0])
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (S.PUBLISHED, version + 1)
    assert ClaimEvent.objects.filter(claim=claim, action="approve").count() == 1
    assert Verdict.objects.get(claim=claim, is_current=True).approved_by.username == winners[0]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_second_approver_waits_for_the_first_then_gets_a_reload_message(personas_committed):
    """The first approval holds its row lock while the second one starts: the
    second blocks on the conditional UPDATE, then finds the version moved."""
    people = personas_committed
    claim = _proposed_claim(people)
    version = claim.version
    first_inside, results, timings = threading.Event(), {}, {}

    def first():
        from claims.models import Claim

        with transaction.atomic():
            verdict = review.approve(claim=Claim.objects.get(pk=claim.pk), by=people.editor2,
                                     expected_version=version)
            first_inside.set()
            time.sleep(0.8)  # still uncommitted: the second approver must wait
        return verdict

    def second():
        from claims.models import Claim

        mine = Claim.objects.get(pk=claim.pk)
        first_inside.wait(10)
        began = time.monotonic()
        try:
            return review.approve(claim=mine, by=people.chief, expected_version=version)
        finally:
            timings["waited"] = time.monotonic() - began

    threads = [threading.Thread(target=_in_thread, args=(first, results, "first")),
               threading.Thread(target=_in_thread, args=(second, results, "second"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert isinstance(results["first"], Verdict), results
    assert isinstance(results["second"], StaleClaim), results
    assert "changed by editor2 at" in str(results["second"])
    assert timings["waited"] > 0.5  # it really was blocked by the first transaction
    assert ClaimEvent.objects.filter(claim=claim, action="approve").count() == 1
