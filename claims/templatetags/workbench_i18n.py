"""Names shown in the user's language for codes stored in the audit trail.

The timeline stores actions and states as codes ("start_research",
"in_review"); these filters turn them into the labels the workflow table and
the models already translate, so an Arabic page does not show English codes.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from claims import workflow
from claims.models import Article, ClaimState

register = template.Library()

# Audit actions written outside the transition table (claims made by editors).
OTHER_ACTIONS = {
    "added_from_selection": _("Added from a selection"),
    "split_from": _("Split from another claim"),
    # Article events, in the report's audit timeline.
    "submitted": _("Submitted"),
    "fetched": _("Page fetched"),
    "claims_extracted": _("Claims found"),
    "intake_failed": _("Intake failed"),
    "intake_retried": _("Intake retried"),
}


@register.filter
def action_label(code: str) -> str:
    """The workflow's label for an audit action, or the code when it has none."""
    for row in workflow.TRANSITIONS:
        if row.action == code:
            return row.label
    return OTHER_ACTIONS.get(code, code)


@register.filter
def state_label(code: str) -> str:
    """A claim state's (or an article status's) translated name, else the code."""
    for states in (ClaimState, Article.Status):
        try:
            return states(code).label
        except ValueError:
            continue
    return code
