"""The claim page and the queues, seen and used by every role."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import review
from claims.models import Article, Claim, ClaimEvent, ClaimState, Comment, Verdict
from tests.review_helpers import SENTENCES, make_article, make_claim, make_evidence, rating_scale

S = ClaimState


@pytest.fixture
def article(personas):
    return make_article(personas.reporter)


def page(client, user, claim):
    client.force_login(user)
    return client.get(reverse("claims:claim_detail", args=[claim.pk]))


def act(client, user, claim, action, **data):
    client.force_login(user)
    data.setdefault("version", claim.version)
    return client.post(reverse("claims:claim_act", args=[claim.pk, action]), data)


def buttons(response) -> set[str]:
    return set(re.findall(r'data-action="(\w+)"', response.content.decode().split('id="timeline"')[0]))


# --- who sees the claim page ----------------------------------------------------


def test_editors_and_the_articles_reporter_see_the_claim_page(client, personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    for user in (personas.editor, personas.editor2, personas.chief, personas.admin, personas.reporter):
        response = page(client, user, claim)
        assert response.status_code == 200, user
        assert SENTENCES[0] in response.content.decode()


def test_outsiders_and_other_reporters_get_404(client, personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    for user in (personas.outsider, personas.other_reporter):
        assert page(client, user, claim).status_code == 404
        assert act(client, user, claim, "start_research").status_code == 404
    claim.refresh_from_db()
    assert claim.status == S.TRIAGE


def test_reporters_see_the_state_but_cannot_act(client, personas, article):
    claim = make_claim(article, state=S.PROPOSED, assignee=personas.editor)
    response = page(client, personas.reporter, claim)
    assert "Verdict proposed" in response.content.decode()
    assert buttons(response) == set()
    assert act(client, personas.reporter, claim, "approve").status_code == 403
    claim.refresh_from_db()
    assert claim.status == S.PROPOSED


def test_the_page_offers_only_the_actions_this_user_may_take(client, personas, article):
    claim = make_claim(article, state=S.PROPOSED, assignee=personas.editor, proposer=personas.editor)
    assert buttons(page(client, personas.editor, claim)) == set()  # the proposer cannot review
    assert "You proposed this verdict" in page(client, personas.editor, claim).content.decode()
    assert buttons(page(client, personas.editor2, claim)) == {"approve", "return"}
    assert buttons(page(client, personas.chief, claim)) == {"approve", "return", "assign"}
    triage = make_claim(article, sentence=1, state=S.TRIAGE)
    assert buttons(page(client, personas.editor, triage)) == {"start_research", "self_assign", "not_checkable",
                                                               "hold"}


# --- acting through the page -------------------------------------------------------


def test_the_wrong_role_gets_403_and_nothing_changes(client, personas, article):
    claim = make_claim(article, state=S.RESEARCHING)
    response = act(client, personas.editor, claim, "assign", assignee=personas.editor2.pk)
    assert response.status_code == 403
    proposed = make_claim(article, sentence=1, state=S.PROPOSED, assignee=personas.editor)
    assert act(client, personas.editor, proposed, "approve").status_code == 403  # own proposal
    assert not ClaimEvent.objects.exists()


def test_a_stale_form_gets_409_with_who_changed_it(client, personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    stale = claim.version
    assert act(client, personas.editor2, claim, "start_research").status_code == 302
    response = act(client, personas.editor, claim, "not_checkable", version=stale, reason="Opinion")
    assert response.status_code == 409
    assert "changed by editor2 at" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == S.RESEARCHING


def test_an_action_not_allowed_from_this_state_gets_409(client, personas, article):
    claim = make_claim(article, state=S.NEW)
    assert act(client, personas.chief, claim, "approve").status_code == 409


def test_bad_input_gets_400_and_keeps_what_was_typed(client, personas, article):
    labels = rating_scale()
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    response = act(client, personas.editor, claim, "propose", rating=labels["false"].pk, rationale="",
                   claimant="The minister")
    assert response.status_code == 400
    assert 'value="The minister"' in response.content.decode()
    assert not Verdict.objects.exists()
    assert act(client, personas.editor, claim, "hold", reason="").status_code == 400
    assert act(client, personas.editor, claim, "no_such_action").status_code == 404


def test_a_claim_goes_from_new_to_published_through_the_page(client, personas, article):
    labels = rating_scale()
    claim = make_claim(article, state=S.NEW)
    evidence = make_evidence(claim)
    steps = [
        (personas.editor, "triage", {}),
        (personas.editor, "start_research", {}),
        (personas.chief, "assign", {"assignee": personas.editor.pk,
                                    "due_at": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")}),
        (personas.editor, "set_stance", {"evidence": evidence.pk, "stance": "refutes"}),
        (personas.editor, "mark_relied_on", {"evidence": evidence.pk, "relied_on": "on"}),
        (personas.editor, "propose", {"rating": labels["false"].pk, "rationale": "Survey: 5.3 percent.",
                                      "claimant": "The minister", "appeared_url": "https://news.example.org/x",
                                      "appeared_on": "2025-01-31"}),
        (personas.editor2, "approve", {}),
    ]
    for user, action, data in steps:
        claim.refresh_from_db()
        response = act(client, user, claim, action, **data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED
    body = page(client, personas.reporter, claim).content.decode()
    for action in ("triage", "start_research", "assign", "set_stance", "mark_relied_on", "propose", "approve"):
        assert f'data-action="{action}"' in body.split('id="timeline"')[1]
    assert "In force" in body and "The minister" in body


def test_a_correction_keeps_the_old_verdict_visible(client, personas, article):
    labels = rating_scale()
    claim = make_claim(article, state=S.PUBLISHED, assignee=personas.editor, approver=personas.editor2)
    old = claim.verdicts.get()
    response = act(client, personas.chief, claim, "correct", reason="The office revised the series.",
                   rating=labels["mostly-false"].pk, rationale="Revised series: 4.6 percent.")
    assert response.status_code == 302
    body = page(client, personas.editor, claim).content.decode()
    assert f'id="verdict-{old.pk}" data-status="superseded"' in body
    assert old.rationale in body and "Revised series: 4.6 percent." in body
    assert "The office revised the series." in body


def test_comments_and_mentions_through_the_page(client, personas, article):
    claim = make_claim(article, state=S.RESEARCHING)
    assert act(client, personas.editor, claim, "comment", body="@chief please look").status_code == 302
    assert Comment.objects.get().mentions.get() == personas.chief
    client.force_login(personas.chief)
    assert "please look" in client.get(reverse("claims:notifications")).content.decode()
    assert act(client, personas.reporter, claim, "comment", body="hi").status_code == 403


def test_an_editor_adds_a_claim_from_a_selection(client, personas, article):
    client.force_login(personas.editor)
    start = article.body.index(SENTENCES[2])
    url = reverse("claims:claim_from_selection", args=[article.pk])
    response = client.post(url, {"start": start, "end": start + len(SENTENCES[2]), "text": SENTENCES[2],
                                 "kind": "statistic"})
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("claims:claim_detail", args=[claim.pk])
    client.post(url, {"start": 5, "end": 9999, "kind": "other"})
    assert Claim.objects.count() == 1
    client.force_login(personas.reporter)
    assert client.post(url, {"start": 0, "end": 5, "kind": "other"}).status_code == 403


# --- queues ------------------------------------------------------------------------


def test_each_queue_holds_the_right_claims(client, personas, article):
    past = timezone.now() - timedelta(days=1)
    mine = make_claim(article, sentence=0, state=S.IN_REVIEW, assignee=personas.editor)
    overdue = make_claim(article, sentence=1, state=S.RESEARCHING, assignee=personas.editor2, due_at=past)
    proposed = make_claim(article, sentence=2, state=S.PROPOSED, assignee=personas.editor2)
    unassigned = make_claim(make_article(personas.reporter, title="Other"), state=S.TRIAGE)
    published = make_claim(make_article(personas.reporter, title="Third"), state=S.PUBLISHED,
                           assignee=personas.editor2)
    client.force_login(personas.editor)
    expected = {"mine": {mine}, "unassigned": {unassigned}, "approval": {proposed}, "overdue": {overdue},
                "published": {published}}
    for name, claims in expected.items():
        response = client.get(reverse("claims:queue", args=[name]))
        assert response.status_code == 200
        assert set(response.context["page"].object_list) == claims, name
    assert "overdue" in client.get(reverse("claims:queue", args=["overdue"])).content.decode()
    assert client.get(reverse("claims:queue", args=["nonsense"])).status_code == 404


def test_queue_filters(client, personas, article):
    a = make_claim(article, sentence=0, state=S.TRIAGE)
    b = make_claim(article, sentence=1, state=S.RESEARCHING, assignee=personas.editor2)
    arabic = make_article(personas.reporter, title="عربي", language="ar")
    c = make_claim(arabic, sentence=2, state=S.TRIAGE)
    Claim.objects.filter(pk=c.pk).update(kind="quote", score=0.2)
    client.force_login(personas.chief)
    url = reverse("claims:queue", args=["unassigned"])

    def shown(**params):
        return set(client.get(url, params).context["page"].object_list)

    assert shown() == {a, c}
    assert shown(language="ar") == {c}
    assert shown(article=article.pk) == {a}
    assert shown(state="triage", kind="quote") == {c}
    assert shown(min_score=0.5) == {a}
    mine = reverse("claims:queue", args=["mine"])
    client.force_login(personas.editor2)
    assert set(client.get(mine, {"assignee": personas.editor2.pk}).context["page"].object_list) == {b}


def test_reporters_queues_show_only_their_articles(client, personas, article):
    own = make_claim(article, state=S.PUBLISHED, assignee=personas.editor)
    other = make_claim(make_article(personas.other_reporter), state=S.PUBLISHED, assignee=personas.editor)
    client.force_login(personas.reporter)
    listed = set(client.get(reverse("claims:queue", args=["published"])).context["page"].object_list)
    assert own in listed and other not in listed
    client.force_login(personas.outsider)
    assert not client.get(reverse("claims:queue", args=["published"])).context["page"].object_list


# --- a fixed number of queries whatever the size ---------------------------------------


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["mine", "unassigned", "approval", "overdue", "published"])
def test_queue_pages_run_the_same_queries_for_any_page_size(client, personas, name):
    past = timezone.now() - timedelta(days=1)
    state = {"approval": S.PROPOSED, "published": S.PUBLISHED}.get(name, S.IN_REVIEW)
    assignee = None if name == "unassigned" else personas.editor
    for i in range(40):
        article = make_article(personas.reporter, title=f"Story {i}")
        make_claim(article, sentence=i % 3, state=state, assignee=assignee, due_at=past,
                   approver=personas.chief)
    client.force_login(personas.editor)
    url = reverse("claims:queue", args=[name])
    small = _queries(client, url, {"size": 2})
    large = _queries(client, url, {"size": 40})
    assert small == large
    assert len(client.get(url, {"size": 40}).context["page"].object_list) == 40


def test_the_claim_page_runs_the_same_queries_however_much_it_holds(client, personas, article):
    labels = rating_scale()
    small = make_claim(article, sentence=0, state=S.IN_REVIEW, assignee=personas.editor)
    big = make_claim(article, sentence=1, state=S.IN_REVIEW, assignee=personas.editor)
    make_evidence(small)
    review.comment(claim=small, by=personas.editor, body="one")
    for i in range(15):
        make_evidence(big, url=f"https://stats.example.org/{i}")
        review.comment(claim=big, by=personas.editor2, body=f"note {i} @chief")
    for rationale in ("first", "second"):
        review.propose_verdict(claim=big, by=personas.editor, expected_version=big.version, rating=labels["false"],
                               rationale=rationale)
        review.return_for_work(claim=big, by=personas.chief, expected_version=big.version, comment="more")
    client.force_login(personas.editor)
    assert _queries(client, reverse("claims:claim_detail", args=[small.pk])) == _queries(
        client, reverse("claims:claim_detail", args=[big.pk]))
    assert Article.objects.count() == 1


def test_a_source_by_url_is_fetched_by_a_worker_after_the_page_answers(
        client, personas, fake_http, django_capture_on_commit_callbacks):
    article = make_article(personas.reporter)
    claim = make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    url = fake_http.route("/report", body="<p>x</p>", headers={"Content-Type": "text/html"})
    with django_capture_on_commit_callbacks() as callbacks:
        response = act(client, personas.editor, claim, "add_source", url=url)
    assert response.status_code == 302 and len(callbacks) == 1
    assert fake_http.requests == []  # nothing fetched while the editor waited
    refused = act(client, personas.editor, claim, "add_source", url="http://10.0.0.7/admin")
    assert refused.status_code == 400 and "10.0.0.7" in refused.content.decode()
