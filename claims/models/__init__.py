"""The workbench's records, one module per area; import them from here.

articles.py: Article, Claim, Source, Evidence, ClaimEvent (the core).
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
from .gathering import Feed, GatherRun, ProviderRun, RunStatus  # issue 4: source gathering
from .exports import ExportJob  # issue 6: large export jobs
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
    "Feed",
    "GatherRun",
    "ProviderRun",
    "RunStatus",
    "ExportJob",
    "WebhookDelivery",
    "WebhookSubscriber",
]
