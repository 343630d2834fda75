"""Names shown in the user's language for codes stored in the audit trail.

The timeline stores actions and states as codes ("start_research",
"in_review"); these filters turn them into the labels the workflow table and
the models already translate, so an Arabic page does not show English codes.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from claims import failures, workflow
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


# The text pipeline (pure Python, no Django) words its reasons in English, the
# language of the extract_claims contract; the page shows them in the user's.
REASONS = {
    "looks like a heading, not a statement": _("looks like a heading, not a statement"),
    "contains a quotation": _("contains a quotation"),
    "has a figure": _("has a figure"),
    "has a date": _("has a date"),
    "attributed to a source": _("attributed to a source"),
    "mentions a treaty or deal": _("mentions a treaty or deal"),
    "makes a comparison": _("makes a comparison"),
    "refers to a measurable quantity": _("refers to a measurable quantity"),
    "states a cause": _("states a cause"),
    "hedged or opinion wording": _("hedged or opinion wording"),
    "evaluative wording": _("evaluative wording"),
    "a prediction": _("a prediction"),
    "a question": _("a question"),
    "too short to check": _("too short to check"),
}
# Reasons that carry names after a colon ("names a person: X, Y").
REASON_PREFIXES = {
    "names a person": _("names a person"),
    "names a body": _("names a body"),
    "names a place": _("names a place"),
    "names equipment": _("names equipment"),
}


@register.filter
def reason_label(reason: str) -> str:
    """A check-worthiness reason in the user's language; names stay as written."""
    if reason in REASONS:
        return str(REASONS[reason])
    prefix, colon, names = reason.partition(": ")
    if colon and prefix in REASON_PREFIXES:
        return f"{REASON_PREFIXES[prefix]}: {names}"
    if reason.startswith("quotes "):
        return str(_("quotes %(speaker)s") % {"speaker": reason[len("quotes "):]})
    return reason


@register.filter
def failure_text(reason: str) -> str:
    """A failure reason stored in English, in the reader's language (claims/failures.py)."""
    return failures.failure_text(reason)


@register.filter
def provider_name(code: str) -> str:
    return failures.provider_name(code)


FIGURE_STATUSES = {"match": _("matches"), "mismatch": _("differs"), "absent": _("not found")}


@register.filter
def figure_status(code: str) -> str:
    """A figures check's result (match / mismatch / absent) in words."""
    return str(FIGURE_STATUSES.get(code, code))
