"""The workbench's records, one module per area; import them from here.

articles.py: Article, Claim, Source, Evidence, ClaimEvent (the core).
review.py: RatingLabel, Verdict, Comment, Notification (the reviewer workflow).
"""

from .articles import (
    Article,
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimState,
    Evidence,
    Language,
    Source,
    Stance,
)
from .exports import ExportJob  # issue 6: large export jobs
from .gathering import Feed, GatherRun, ProviderRun, RunStatus  # issue 4: source gathering
from .review import Comment, Notification, RatingLabel, Verdict  # issue 5: reviewer workflow
from .webhooks import WebhookDelivery, WebhookSubscriber  # issue 6: webhooks

__all__ = [
    "Article",
    "Claim",
    "ClaimEvent",
    "ClaimKind",
    "ClaimState",
    "Evidence",
    "Language",
    "Source",
    "Stance",
    "Comment",
    "Notification",
    "RatingLabel",
    "Verdict",
    "Feed",
    "GatherRun",
    "ProviderRun",
    "RunStatus",
    "ExportJob",
    "WebhookDelivery",
    "WebhookSubscriber",
]
