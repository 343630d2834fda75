"""Template helpers for the reviewer workflow's pieces shown on other pages."""

from django import template

from claims import roles
from claims.models import ClaimKind

register = template.Library()


@register.simple_tag
def is_editor(user) -> bool:
    """True for editors and chief editors (who may add claims from a selection)."""
    return roles.is_editor(user)


@register.simple_tag
def claim_kinds():
    return ClaimKind.choices
