"""An article worked through the real review workflow, for the report tests.

The article and its claims are written directly (they stand for the intake
job's output); everything after that goes through claims/review.py, so the
audit trail, verdicts and approvals are the ones the application makes.
"""

from datetime import date

from django.utils import timezone

from claims import review
from claims.models import Article, Claim, Evidence, RatingLabel, Source

# Text written for these tests. The Arabic sentence mixes Latin letters and
# digits, so the PDF test can check the logical order of a bidirectional line.
ARABIC_BODY = (
    "قال الوزير إن البطالة انخفضت إلى 4.1 بالمئة في عام 2023. "
    "وأضاف أن الجسر الجديد كلف 300 مليون دولار حسب تقرير GDP الرسمي. "
)
ENGLISH_BODY = (
    "The minister said unemployment fell to 4.1 percent last year. "
    "The new bridge cost 300 million dollars. "
    "Exports doubled since 2019."
)


def ensure_scale() -> dict[str, RatingLabel]:
    """The rating scale; transactional tests flush what the data migration made."""
    from importlib import import_module

    scale = import_module("claims.migrations.0004_default_rating_scale").DEFAULT_SCALE
    return {
        slug: RatingLabel.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_ar": name_ar, "value": value, "position": position})[0]
        for position, (slug, name, name_ar, value) in enumerate(scale)
    }


def make_article(by, *, body=ENGLISH_BODY, title="Budget story", language="en", url="https://news.example.org/budget"):
    article = Article.objects.create(
        title=title, body=body, language=language, url=url, outlet="Example News", author="A. Writer",
        published_at=timezone.now() - timezone.timedelta(days=3), submitted_by=by, status=Article.Status.READY,
    )
    return article


def add_claim(article, text: str, *, kind="statistic", speaker="") -> Claim:
    start = article.body.index(text)
    return Claim.objects.create(article=article, start=start, end=start + len(text), text=text, kind=kind,
                                checkworthy=True, score=0.8, speaker=speaker)


def add_evidence(claim, *, url="https://stats.example.org/labour", title="Labour force survey",
                 passage="Unemployment was 5.3 percent in the fourth quarter.", stance="refutes", relied_on=True):
    source, _ = Source.objects.get_or_create(
        normalized_url=url,
        defaults=dict(url=url, title=title, text=passage, sha256="ab" * 32, fetched_at=timezone.now(),
                      wayback_url=f"https://web.archive.example/{url}"),
    )
    return Evidence.objects.create(claim=claim, source=source, passage=passage, stance=stance, relied_on=relied_on)


def publish(claim, *, people, rating="false", rationale="The statistics office says 5.3 percent.",
            claimant="The minister", appeared_url="https://news.example.org/budget"):
    """Triage, assign to the editor, propose, and have the chief approve."""
    labels = ensure_scale()
    claim.refresh_from_db()
    review.triage(claim=claim, by=people.editor, expected_version=claim.version)
    review.assign(claim=claim, by=people.chief, expected_version=claim.version, assignee=people.editor)
    review.propose_verdict(claim=claim, by=people.editor, expected_version=claim.version, rating=labels[rating],
                           rationale=rationale, claimant=claimant, appeared_url=appeared_url,
                           appeared_on=date(2024, 5, 1))
    return review.approve(claim=claim, by=people.chief, expected_version=claim.version)


def propose_only(claim, *, people, rating="misleading"):
    labels = ensure_scale()
    claim.refresh_from_db()
    review.triage(claim=claim, by=people.editor, expected_version=claim.version)
    review.assign(claim=claim, by=people.chief, expected_version=claim.version, assignee=people.editor)
    return review.propose_verdict(claim=claim, by=people.editor, expected_version=claim.version,
                                  rating=labels[rating], rationale="Partly right, partly wrong.")


def worked_article(people):
    """An English article: one published verdict with evidence, one proposal,
    one untouched claim."""
    article = make_article(people.reporter)
    first = add_claim(article, "The minister said unemployment fell to 4.1 percent last year.", speaker="The minister")
    second = add_claim(article, "The new bridge cost 300 million dollars.")
    third = add_claim(article, "Exports doubled since 2019.")
    add_evidence(first)
    add_evidence(first, url="https://blog.example.org/x", title="Unused blog", relied_on=False)
    publish(first, people=people)
    propose_only(second, people=people)
    return article, first, second, third
