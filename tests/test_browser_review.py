"""One claim from new to published, in a real browser, by three people.

Debian's Chromium through Playwright against the live Django server, as in
tests/test_browser.py: an editor adds a missed claim by selecting text and
works another one, the chief editor assigns it, the editor attaches evidence
and proposes a verdict, a second editor approves it, and the timeline shows
every step. The final screenshot is kept in test-artifacts/.
"""

import pytest

from claims.models import Claim, ClaimEvent, ClaimState, Verdict
from tests.browser import logged_in, screenshot
from tests.review_helpers import SENTENCES, make_article, make_claim, make_evidence, rating_scale

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def click_action(page, action):
    with page.expect_navigation():
        page.click(f"#actions button[data-action={action}]")
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()


def test_a_claim_walks_from_new_to_published_in_the_browser(live_server, personas_committed, browser):
    people = personas_committed
    labels = rating_scale()
    article = make_article(people.reporter)
    claim = make_claim(article, sentence=0)
    evidence = make_evidence(claim)
    evidence.attached = False
    evidence.save(update_fields=["attached"])
    claim_url = f"{live_server.url}/claims/{claim.pk}/"

    editor = logged_in(browser, live_server, people.editor)
    # A claim the extractor missed: select the last sentence in the article.
    editor.goto(f"{live_server.url}/articles/{article.pk}/")
    editor.evaluate("""(sentence) => {
        const box = document.querySelector('.article-text');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(sentence);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + sentence.length);
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
                document.dispatchEvent(new MouseEvent('mouseup'));
                return;
            }
        }
        throw new Error('sentence not found');
    }""", SENTENCES[2])
    editor.select_option("#add-claim-form select[name=kind]", "statistic")
    with editor.expect_navigation():
        editor.click("#add-claim-form button")
    added = Claim.objects.exclude(pk=claim.pk).get()
    assert (added.text, article.body[added.start:added.end]) == (SENTENCES[2], SENTENCES[2])
    assert editor.url.endswith(f"/claims/{added.pk}/")

    editor.goto(claim_url)
    click_action(editor, "triage")
    click_action(editor, "start_research")

    chief = logged_in(browser, live_server, people.chief)
    chief.goto(claim_url)
    chief.select_option("#form-assign select[name=assignee]", str(people.editor.pk))
    click_action(chief, "assign")
    assert "editor" in chief.inner_text("#claim-assignee")

    editor.goto(claim_url)
    with editor.expect_navigation():
        editor.click(f"#evidence-{evidence.pk} button:has-text('Attach')")
    editor.select_option(f"#evidence-{evidence.pk} select[name=stance]", "refutes")
    with editor.expect_navigation():
        editor.click(f"#evidence-{evidence.pk} button:has-text('Set stance')")
    editor.select_option("#form-propose select[name=rating]", str(labels["false"].pk))
    editor.fill("#form-propose textarea[name=rationale]", "The statistics office reports 5.3 percent.")
    editor.fill("#form-propose input[name=claimant]", "The minister")
    click_action(editor, "propose")
    assert editor.inner_text("#claim-state") == "Verdict proposed"
    assert editor.locator("#actions button[data-action=approve]").count() == 0  # not for the proposer

    second = logged_in(browser, live_server, people.editor2)
    second.goto(claim_url)
    click_action(second, "approve")
    assert second.inner_text("#claim-state") == "Approved and published"
    timeline = second.eval_on_selector_all("#timeline ol > li", "items => items.map(li => li.dataset.action)")
    assert timeline == ["triage", "start_research", "assign", "attach_evidence", "set_stance", "propose", "approve"]
    assert "In force" in second.inner_text("#verdicts")
    assert screenshot(second, "review-published.png").exists()

    claim.refresh_from_db()
    assert claim.status == ClaimState.PUBLISHED
    assert Verdict.objects.get(claim=claim, is_current=True).approved_by == people.editor2
    assert ClaimEvent.objects.filter(claim=claim).count() == len(timeline)
