"""Claims in any workflow state, for the reviewer-workflow tests.

Rows are written directly here, as test fixtures: the application itself
changes a claim only through claims/workflow.py.
"""

import importlib

from django.utils import timezone

from claims.models import Article, Claim, ClaimState, Evidence, RatingLabel, Source, Verdict

BODY = (
    "The minister said unemployment fell to 4.1 percent last year. "
    "The new bridge cost 300 million dollars. "
    "Exports doubled since 2019."
)
SENTENCES = [s + "." for s in BODY.rstrip(".").split(". ")]

_scale = importlib.import_module("claims.migrations.0004_default_rating_scale")


def rating_scale() -> dict[str, RatingLabel]:
    """The default scale; transactional tests flush what the data migration made."""
    labels = {}
    for position, (slug, name, name_ar, value) in enumerate(_scale.DEFAULT_SCALE):
        labels[slug] = RatingLabel.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_ar": name_ar, "value": value, "position": position}
        )[0]
    return labels


def make_article(reporter, *, body: str = BODY, title: str = "Budget story", language: str = "en") -> Article:
    return Article.objects.create(title=title, body=body, language=language, submitted_by=reporter,
                                  status=Article.Status.READY)


def make_claim(article: Article, *, sentence: int = 0, state: str = ClaimState.NEW, assignee=None,
               proposer=None, approver=None, rating: RatingLabel | None = None, due_at=None) -> Claim:
    text = SENTENCES[sentence]
    start = article.body.index(text)
    claim = Claim.objects.create(article=article, start=start, end=start + len(text), text=text, status=state,
                                 assignee=assignee, due_at=due_at, checkworthy=True, score=0.8, kind="statistic")
    rating = rating or rating_scale()["false"]
    if state == ClaimState.PROPOSED:
        Verdict.objects.create(claim=claim, rating=rating, rationale="The statistics office says 5.3 percent.",
                               proposed_by=proposer or assignee)
    if state in (ClaimState.PUBLISHED, ClaimState.CORRECTED):
        Verdict.objects.create(claim=claim, rating=rating, rationale="The statistics office says 5.3 percent.",
                               proposed_by=proposer or assignee, approved_by=approver, approved_at=timezone.now(),
                               status=Verdict.Status.PUBLISHED, is_current=True)
    return claim


def make_evidence(claim: Claim, *, url: str = "https://stats.example.org/labour", text: str = "") -> Evidence:
    source = Source.objects.create(
        url=url, normalized_url=url, title="Labour force survey",
        text=text or "Unemployment was 5.3 percent in the fourth quarter, the statistics office said.",
    )
    return Evidence.objects.create(claim=claim, source=source, passage=source.text[:60], score=0.7)
