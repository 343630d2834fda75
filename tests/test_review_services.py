"""The reviewer services: notifications, comments, evidence, manual sources,
and reshaping claims (wording, split, merge, a claim from a selection)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from claims import review
from claims.models import Claim, ClaimEvent, ClaimState, Evidence, Notification, Source
from claims.workflow import StaleClaim, TransitionNotAllowed
from tests.review_helpers import BODY, SENTENCES, make_article, make_claim, make_evidence, rating_scale

S = ClaimState


@pytest.fixture
def article(personas):
    return make_article(personas.reporter)


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- notifications -------------------------------------------------------------


def test_it_notifies_and_emails_the_assignee_after_commit(personas, article, django_capture_on_commit_callbacks):
    claim = make_claim(article, state=S.RESEARCHING)
    with django_capture_on_commit_callbacks(execute=True):
        review.assign(claim=claim, by=personas.chief, expected_version=claim.version, assignee=personas.editor)
    assert kinds_for(personas.editor) == ["assigned"]
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert "chief assigned you a claim" in mail.outbox[0].subject
    assert Notification.objects.get(recipient=personas.editor).emailed_at is not None


def test_it_links_the_claim_by_its_absolute_address_in_emails(personas, article, settings,
                                                             django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://factcheck.example.org/"
    claim = make_claim(article, state=S.RESEARCHING)
    with django_capture_on_commit_callbacks(execute=True):
        review.assign(claim=claim, by=personas.chief, expected_version=claim.version, assignee=personas.editor)
    assert f"https://factcheck.example.org/claims/{claim.pk}/" in mail.outbox[0].body


def test_it_asks_chief_editors_to_review_and_tells_the_proposer_the_outcome(personas, article,
                                                                            django_capture_on_commit_callbacks):
    labels = rating_scale()
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.propose_verdict(claim=claim, by=personas.editor, expected_version=claim.version,
                               rating=labels["false"], rationale="Table 3 says 5.3 percent.")
        review.return_for_work(claim=claim, by=personas.chief, expected_version=claim.version,
                               comment="Which quarter?")
        review.propose_verdict(claim=claim, by=personas.editor, expected_version=claim.version,
                               rating=labels["false"], rationale="Q4 table 3 says 5.3 percent.")
        review.approve(claim=claim, by=personas.editor2, expected_version=claim.version)
        review.correct(claim=claim, by=personas.chief, expected_version=claim.version, reason="Revised figures",
                       rating=labels["mostly-false"], rationale="Revised: 4.6 percent.")
    assert kinds_for(personas.chief) == ["review_requested", "review_requested"]
    assert kinds_for(personas.editor) == ["corrected", "approved", "returned"]  # newest first
    assert kinds_for(personas.editor2) == ["corrected"]
    assert len(mail.outbox) == 6
    assert not kinds_for(personas.reporter)


def test_comments_notify_mentioned_editors_only(personas, article):
    claim = make_claim(article, state=S.RESEARCHING)
    comment = review.comment(claim=claim, by=personas.editor,
                             body="@editor2 can you check this? @reporter @nobody and @editor (me).")
    assert list(comment.mentions.all()) == [personas.editor2]
    assert kinds_for(personas.editor2) == ["mentioned"]
    assert not kinds_for(personas.reporter)
    event = ClaimEvent.objects.get(claim=claim, action="comment")
    assert event.changes["mentions"] == ["editor2"]
    claim.refresh_from_db()
    assert claim.version == 1  # a comment does not make open forms stale


def test_reporters_and_outsiders_cannot_comment(personas, article):
    claim = make_claim(article)
    for user in (personas.reporter, personas.outsider):
        with pytest.raises(PermissionDenied):
            review.comment(claim=claim, by=user, body="Looks fine")
    with pytest.raises(ValidationError):
        review.comment(claim=claim, by=personas.editor, body="   ")
    assert not claim.comments.exists()


# --- evidence ------------------------------------------------------------------


def test_evidence_can_be_detached_attached_judged_and_relied_on(personas, article):
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    evidence = make_evidence(claim)
    review.set_stance(claim=claim, by=personas.editor, expected_version=claim.version, evidence=evidence,
                      stance="refutes")
    review.mark_relied_on(claim=claim, by=personas.editor, expected_version=claim.version, evidence=evidence,
                          passage="Unemployment was 5.3 percent in the fourth quarter")
    review.detach_evidence(claim=claim, by=personas.editor, expected_version=claim.version, evidence=evidence)
    evidence.refresh_from_db()
    assert (evidence.stance, evidence.attached, evidence.relied_on) == ("refutes", False, False)
    assert evidence.passage == "Unemployment was 5.3 percent in the fourth quarter"
    review.attach_evidence(claim=claim, by=personas.editor, expected_version=claim.version, evidence=evidence)
    events = list(ClaimEvent.objects.filter(claim=claim).order_by("pk"))
    assert [e.action for e in events] == ["set_stance", "mark_relied_on", "detach_evidence", "attach_evidence"]
    assert events[0].changes == {"evidence": evidence.pk, "stance": ["", "refutes"]}
    assert events[2].changes["attached"] == [True, False]


def test_evidence_rules_refuse_bad_input(personas, article):
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    other = make_claim(article, sentence=1, state=S.RESEARCHING)
    evidence = make_evidence(claim)
    foreign = make_evidence(other, url="https://other.example.org/")
    version = claim.version
    with pytest.raises(ValidationError):
        review.set_stance(claim=claim, by=personas.editor, expected_version=version, evidence=foreign,
                          stance="supports")
    with pytest.raises(ValidationError):
        review.set_stance(claim=claim, by=personas.editor, expected_version=version, evidence=evidence,
                          stance="probably")
    with pytest.raises(ValidationError, match="quoted exactly"):
        review.mark_relied_on(claim=claim, by=personas.editor, expected_version=version, evidence=evidence,
                              passage="Unemployment was 2 percent")
    with pytest.raises(PermissionDenied):  # assigned to editor, not to editor2
        review.set_stance(claim=claim, by=personas.editor2, expected_version=version, evidence=evidence,
                          stance="supports")
    claim.refresh_from_db()
    assert claim.version == version
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_a_proposed_verdict_freezes_the_evidence_until_it_is_returned(personas, article):
    claim = make_claim(article, state=S.PROPOSED, assignee=personas.editor)
    evidence = make_evidence(claim)
    with pytest.raises(TransitionNotAllowed):
        review.detach_evidence(claim=claim, by=personas.editor, expected_version=claim.version, evidence=evidence)
    with pytest.raises(TransitionNotAllowed):
        review.edit_wording(claim=claim, by=personas.editor, expected_version=claim.version, text="Other words")


def test_a_source_added_by_hand_is_fetched_safely_and_archived(personas, article, fake_http, settings):
    settings.WAYBACK_AVAILABLE_URL = ""
    fake_http.route("/report", body="<html><head><title>Labour report</title></head><body><article>"
                    + "<p>Unemployment stood at 5.3 percent at the end of the year, the office said.</p>" * 8
                    + "</article></body></html>", headers={"Content-Type": "text/html; charset=utf-8"})
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    evidence = review.add_source(claim=claim, by=personas.editor, expected_version=claim.version,
                                 url=fake_http.url("/report"), stance="refutes")
    source = evidence.source
    assert source.provider == "manual" and source.http_status == 200 and len(source.sha256) == 64
    assert "5.3 percent" in source.text
    assert (evidence.claim, evidence.stance, evidence.attached, evidence.added_by) == (
        claim, "refutes", True, personas.editor)
    event = ClaimEvent.objects.get(claim=claim, action="add_source")
    assert event.changes["source"] == source.pk
    # the same page again reuses the archive instead of fetching twice
    other = make_claim(article, sentence=1, state=S.RESEARCHING)
    again = review.add_source(claim=other, by=personas.editor, expected_version=other.version,
                              url=fake_http.url("/report"))
    assert again.source == source and len(fake_http.requests) == 1


def test_an_unsafe_source_url_is_refused_before_any_change(personas, article):
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    with pytest.raises(ValidationError):
        review.add_source(claim=claim, by=personas.editor, expected_version=claim.version,
                          url="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(PermissionDenied):
        review.add_source(claim=claim, by=personas.reporter, expected_version=claim.version,
                          url="https://example.org/")
    assert not Source.objects.exists() and not Evidence.objects.exists()
    assert not ClaimEvent.objects.filter(claim=claim).exists()


# --- reshaping claims --------------------------------------------------------------


def test_editing_the_wording_keeps_the_span_and_records_old_and_new(personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    old = claim.text
    review.edit_wording(claim=claim, by=personas.editor, expected_version=claim.version,
                        text="Unemployment fell to 4.1% last year.", reason="Closer to the quote")
    assert claim.text == "Unemployment fell to 4.1% last year."
    assert BODY[claim.start:claim.end] == old
    event = ClaimEvent.objects.get(claim=claim)
    assert event.changes["text"] == [old, claim.text] and event.reason == "Closer to the quote"


def test_a_claim_is_split_at_an_offset_into_two(personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    cut = claim.start + SENTENCES[0].index(" last year")
    first, second = review.split(claim=claim, by=personas.editor, expected_version=claim.version, at=[cut])
    assert first.pk == claim.pk
    assert first.text == "The minister said unemployment fell to 4.1 percent"
    assert second.text == "last year." and BODY[second.start:second.end] == second.text
    assert second.status == S.NEW
    assert ClaimEvent.objects.get(claim=second).changes["from_claim"] == claim.pk
    with pytest.raises(ValidationError):
        review.split(claim=first, by=personas.editor, expected_version=first.version, at=[first.end + 5])


def test_merged_claims_leave_the_queues_and_bring_their_evidence(personas, article):
    a = make_claim(article, sentence=1, state=S.RESEARCHING)
    b = make_claim(article, sentence=2, state=S.TRIAGE)
    evidence = make_evidence(b)
    review.merge(claim=a, by=personas.editor, expected_version=a.version, others={b: b.version})
    b.refresh_from_db()
    evidence.refresh_from_db()
    assert a.start == BODY.index(SENTENCES[1]) and a.end == len(BODY)
    assert a.text == f"{SENTENCES[1]} {SENTENCES[2]}"
    assert b.status == S.NOT_CHECKABLE and evidence.claim == a
    event = ClaimEvent.objects.get(claim=b)
    assert event.action == "merged_into" and event.reason == f"Merged into claim #{a.pk}"


def test_a_merge_with_a_stale_claim_changes_nothing(personas, article):
    a = make_claim(article, sentence=1, state=S.RESEARCHING)
    b = make_claim(article, sentence=2, state=S.TRIAGE)
    stale = b.version
    review.start_research(claim=b, by=personas.editor2, expected_version=b.version)
    with pytest.raises(StaleClaim, match="changed by editor2"):
        review.merge(claim=a, by=personas.editor, expected_version=a.version, others={b: stale})
    a.refresh_from_db()
    assert a.text == SENTENCES[1] and a.version == 1
    assert not ClaimEvent.objects.filter(claim=a).exists()


def test_an_editor_adds_a_missed_claim_from_a_selection(personas, article):
    start = BODY.index("The new bridge")
    end = start + len(SENTENCES[1])
    claim = review.add_claim_from_selection(article=article, by=personas.editor, start=start - 1, end=end + 1,
                                            kind="statistic")
    # blanks around the selection are trimmed, offsets follow
    assert (claim.start, claim.end, claim.text) == (start, end, SENTENCES[1])
    assert claim.status == S.NEW and claim.checkworthy
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.action, event.actor, event.changes["start"]) == ("added_from_selection", personas.editor, start)


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (10, 5), (0, len(BODY) + 1),
                                           (len(SENTENCES[0]), len(SENTENCES[0]) + 1)])
def test_a_bad_selection_is_refused(personas, article, start, end):
    assert start >= end or start < 0 or end > len(BODY) or BODY[start:end].isspace()
    with pytest.raises(ValidationError):
        review.add_claim_from_selection(article=article, by=personas.editor, start=start, end=end)
    assert not Claim.objects.exists()


def test_a_selection_made_on_other_text_or_by_a_reporter_is_refused(personas, article):
    with pytest.raises(ValidationError, match="does not match"):
        review.add_claim_from_selection(article=article, by=personas.editor, start=0, end=12, text="Something else")
    with pytest.raises(PermissionDenied):
        review.add_claim_from_selection(article=article, by=personas.reporter, start=0, end=12)
    assert not Claim.objects.exists()


def test_a_source_by_url_is_queued_for_a_worker_not_fetched_in_the_request(
        personas, article, fake_http, django_capture_on_commit_callbacks):
    url = fake_http.route("/report", body="<p>x</p>", headers={"Content-Type": "text/html"})
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    with django_capture_on_commit_callbacks() as callbacks:
        review.request_source(claim=claim, by=personas.editor, url=url, stance="supports")
    assert len(callbacks) == 1 and fake_http.requests == []
    assert not Source.objects.exists()


def test_a_source_url_that_can_never_be_fetched_is_refused_at_once(personas, article,
                                                                   django_capture_on_commit_callbacks):
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    for url in ("http://169.254.169.254/latest/meta-data/", "ftp://example.org/a", ""):
        with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
            review.request_source(claim=claim, by=personas.editor, url=url)
        assert callbacks == []
    with pytest.raises(PermissionDenied):
        review.request_source(claim=claim, by=personas.reporter, url="https://example.org/")


def test_the_worker_tells_the_editor_when_a_source_cannot_be_fetched(personas, article, fake_http, settings):
    settings.WAYBACK_AVAILABLE_URL = ""
    url = fake_http.route("/gone", status=404, body="<h1>Not found</h1>", headers={"Content-Type": "text/html"})
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    review.add_source_in_background(claim_id=claim.pk, user_id=personas.editor.pk, url=url)
    note = Notification.objects.get(recipient=personas.editor, kind=Notification.Kind.SOURCE_FAILED)
    assert url in note.message and "404" in note.message
    assert not Source.objects.exists() and not Evidence.objects.exists()


def test_the_worker_attaches_a_fetched_source(personas, article, fake_http, settings):
    settings.WAYBACK_AVAILABLE_URL = ""
    url = fake_http.route("/report", body="<html><body><article>"
                          + "<p>Unemployment stood at 5.3 percent at the end of the year, the office said.</p>" * 8
                          + "</article></body></html>", headers={"Content-Type": "text/html; charset=utf-8"})
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    review.add_source_in_background(claim_id=claim.pk, user_id=personas.editor.pk, url=url, stance="refutes")
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == "refutes" and evidence.added_by == personas.editor
    assert not Notification.objects.filter(kind=Notification.Kind.SOURCE_FAILED).exists()
