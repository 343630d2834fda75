"""Who may see and change what, written once.

Views and the API call these helpers and nothing else decides visibility:
an object the user may not see is a 404 (its existence is not revealed), an
object they may see but not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from . import roles
from .models import Article, Claim


def articles_visible_to(user) -> QuerySet[Article]:
    """Editors see every article; reporters their own; outsiders none."""
    if roles.is_editor(user):
        return Article.objects.all()
    if roles.is_reporter(user):
        return Article.objects.filter(submitted_by=user)
    return Article.objects.none()


def claims_visible_to(user) -> QuerySet[Claim]:
    if roles.is_editor(user):
        # Every claim: no "article IN (all articles)" semi-join for the planner
        # to carry through queue queries over 200,000 claims.
        return Claim.objects.all()
    return Claim.objects.filter(article__in=articles_visible_to(user))


def get_article_for_user(user, pk) -> Article:
    return get_object_or_404(articles_visible_to(user), pk=pk)


def get_claim_for_user(user, pk, *, write: bool = False) -> Claim:
    """The claim if `user` may see it (else 404); with write=True, also 403
    unless they may work claims."""
    claim = get_object_or_404(claims_visible_to(user).select_related("article", "assignee"), pk=pk)
    if write and not roles.is_editor(user):
        raise PermissionDenied(_("Only editors may change claims."))
    return claim


def require_submitter(user) -> None:
    if not roles.can_submit(user):
        raise PermissionDenied(_("Only reporters and editors may submit articles."))
