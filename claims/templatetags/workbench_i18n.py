"""Names shown in the user's language for codes stored in the audit trail.

The timeline stores actions and states as codes ("start_research",
"in_review"); these filters turn them into the labels the workflow table and
the models already translate, so an Arabic page does not show English codes.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from claims import workflow
from claims.models import ClaimState

register = template.Library()

# Audit actions written outside the transition table (claims made by editors).
OTHER_ACTIONS = {
    "added_from_selection": _("Added from a selection"),
    "split_from": _("Split from another claim"),
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
    """A claim state's translated name, or the code when it is not a state."""
    try:
        return ClaimState(code).label
    except ValueError:
        return code
