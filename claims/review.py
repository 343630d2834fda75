"""What editors do to a claim: assign, work the evidence, propose, approve,
return, correct, comment, and reshape claims.

Every function is keyword-only and calls `workflow.transition`, which checks
who may do it, guards against a stale form and writes the audit row. This
module adds what belongs to the action but not to the table: looking up
input, notifications (rows now, e-mail after commit), and the multi-claim
actions (split, merge, add from a selection).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import fetch, roles, workflow
from .models import Claim, ClaimKind, ClaimState, Comment, Evidence, Notification, RatingLabel, Verdict
from .workflow import transition

logger = logging.getLogger(__name__)

# --- notifications -----------------------------------------------------------


def _notify(recipients, *, kind: str, claim: Claim, actor, message: str) -> list[Notification]:
    """One in-app notification per recipient (never the actor), and an
    e-mail for the kinds that send one, once the transaction commits."""
    seen, rows = set(), []
    for user in recipients:
        if user is None or user.pk == getattr(actor, "pk", None) or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, actor=actor, claim=claim, kind=kind, message=message))
    Notification.objects.bulk_create(rows)
    if kind in Notification.EMAIL_KINDS:
        mailed = [(n.pk, n.recipient.email) for n in rows if n.recipient.email]
        if mailed:
            transaction.on_commit(lambda: _send_emails(mailed, subject=message, claim=claim))
    return rows


def claim_url(claim: Claim) -> str:
    """The claim page's absolute address: an e-mail is read outside the site."""
    return settings.SITE_URL.rstrip("/") + reverse("claims:claim_detail", args=[claim.pk])


def _send_emails(mailed, *, subject: str, claim: Claim) -> None:
    body = _("%(subject)s\n\nClaim: %(text)s\n\nOpen it in the workbench: %(url)s") % {
        "subject": subject, "text": claim.text, "url": claim_url(claim),
    }
    for notification_id, address in mailed:
        try:
            send_mail(subject[:150], body, settings.DEFAULT_FROM_EMAIL, [address])
        except OSError:
            # The in-app notification is there; a mail server being down must
            # not undo the editor's committed work.
            logger.exception("could not e-mail notification %s", notification_id)
            continue
        Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def _chief_editors():
    User = get_user_model()
    return User.objects.filter(is_active=True, groups__name=roles.CHIEF_EDITOR).distinct()


def _short(claim: Claim) -> str:
    return claim.text if len(claim.text) <= 80 else claim.text[:79] + "…"


# --- state changes ------------------------------------------------------------


def triage(*, claim: Claim, by, expected_version: int, checkworthy: bool | None = None) -> Claim:
    transition(claim, "triage", by=by, expected_version=expected_version, checkworthy=checkworthy)
    return claim


def mark_not_checkable(*, claim: Claim, by, expected_version: int, reason: str) -> Claim:
    transition(claim, "not_checkable", by=by, expected_version=expected_version, reason=reason)
    return claim


def start_research(*, claim: Claim, by, expected_version: int) -> Claim:
    transition(claim, "start_research", by=by, expected_version=expected_version)
    return claim


@transaction.atomic
def assign(*, claim: Claim, by, expected_version: int, assignee, due_at: datetime | None = None) -> Claim:
    """Assign (or reassign) the claim to an editor, with an optional due date."""
    previous = claim.assignee
    transition(claim, "assign", by=by, expected_version=expected_version, assignee=assignee, due_at=due_at)
    if previous is None or previous.pk != assignee.pk:
        _notify([assignee], kind=Notification.Kind.ASSIGNED, claim=claim, actor=by,
                message=_("%(who)s assigned you a claim: %(claim)s") % {"who": by.get_username(), "claim": _short(claim)})
    return claim


def self_assign(*, claim: Claim, by, expected_version: int, due_at: datetime | None = None) -> Claim:
    transition(claim, "self_assign", by=by, expected_version=expected_version, due_at=due_at)
    return claim


def hold(*, claim: Claim, by, expected_version: int, reason: str) -> Claim:
    transition(claim, "hold", by=by, expected_version=expected_version, reason=reason)
    return claim


def resume(*, claim: Claim, by, expected_version: int) -> Claim:
    transition(claim, "resume", by=by, expected_version=expected_version)
    return claim


@transaction.atomic
def propose_verdict(*, claim: Claim, by, expected_version: int, rating: RatingLabel, rationale: str,
                    claimant: str = "", appeared_url: str = "", appeared_on: date | None = None) -> Verdict:
    """Propose a verdict for review by a chief editor or a second editor."""
    verdict = transition(
        claim, "propose", by=by, expected_version=expected_version, rating=rating, rationale=rationale,
        claimant=claimant, appeared_url=appeared_url, appeared_on=appeared_on,
    ).result
    _notify(_chief_editors(), kind=Notification.Kind.REVIEW_REQUESTED, claim=claim, actor=by,
            message=_("%(who)s asks for review of a verdict (%(rating)s): %(claim)s")
            % {"who": by.get_username(), "rating": rating.name, "claim": _short(claim)})
    return verdict


@transaction.atomic
def approve(*, claim: Claim, by, expected_version: int) -> Verdict:
    """Approve the proposed verdict and publish it; never by its proposer."""
    verdict = transition(claim, "approve", by=by, expected_version=expected_version).result
    _notify([verdict.proposed_by, claim.assignee], kind=Notification.Kind.APPROVED, claim=claim, actor=by,
            message=_("%(who)s approved the verdict (%(rating)s): %(claim)s")
            % {"who": by.get_username(), "rating": verdict.rating.name, "claim": _short(claim)})
    return verdict


@transaction.atomic
def return_for_work(*, claim: Claim, by, expected_version: int, comment: str) -> Verdict:
    """Send the proposal back with a comment saying what is missing."""
    verdict = transition(claim, "return", by=by, expected_version=expected_version, reason=comment).result
    transition(claim, "comment", by=by, expected_version=None, body=comment, mentions=())
    _notify([verdict.proposed_by, claim.assignee], kind=Notification.Kind.RETURNED, claim=claim, actor=by,
            message=_("%(who)s returned the verdict for more work: %(claim)s")
            % {"who": by.get_username(), "claim": _short(claim)})
    return verdict


@transaction.atomic
def correct(*, claim: Claim, by, expected_version: int, reason: str, rating: RatingLabel, rationale: str,
            claimant: str | None = None, appeared_url: str | None = None, appeared_on: date | None = None) -> Verdict:
    """Publish a corrected verdict; the one it replaces stays visible, marked superseded."""
    verdict = transition(
        claim, "correct", by=by, expected_version=expected_version, reason=reason, rating=rating,
        rationale=rationale, claimant=claimant, appeared_url=appeared_url, appeared_on=appeared_on,
    ).result
    earlier = Verdict.objects.filter(claim=claim).exclude(pk=verdict.pk).select_related("proposed_by", "approved_by")
    people = [claim.assignee] + [p for v in earlier for p in (v.proposed_by, v.approved_by)]
    _notify(people, kind=Notification.Kind.CORRECTED, claim=claim, actor=by,
            message=_("%(who)s corrected the verdict to %(rating)s: %(claim)s")
            % {"who": by.get_username(), "rating": rating.name, "claim": _short(claim)})
    return verdict


def reopen(*, claim: Claim, by, expected_version: int, reason: str) -> Claim:
    transition(claim, "reopen", by=by, expected_version=expected_version, reason=reason)
    return claim


# --- comments -----------------------------------------------------------------


@transaction.atomic
def comment(*, claim: Claim, by, body: str) -> Comment:
    """Add a comment; @username mentions of editors notify them."""
    body = (body or "").strip()
    names = Comment.mentioned_usernames(body)
    User = get_user_model()
    mentioned = [u for u in User.objects.filter(username__in=names, is_active=True).exclude(pk=by.pk)
                 if roles.is_editor(u)]
    result = transition(claim, "comment", by=by, expected_version=None, body=body, mentions=mentioned).result
    _notify(mentioned, kind=Notification.Kind.MENTIONED, claim=claim, actor=by,
            message=_("%(who)s mentioned you: %(body)s") % {"who": by.get_username(), "body": body[:120]})
    return result


# --- evidence -----------------------------------------------------------------


def attach_evidence(*, claim: Claim, by, expected_version: int, evidence: Evidence) -> Evidence:
    return transition(claim, "attach_evidence", by=by, expected_version=expected_version, evidence=evidence).result


def detach_evidence(*, claim: Claim, by, expected_version: int, evidence: Evidence) -> Evidence:
    return transition(claim, "detach_evidence", by=by, expected_version=expected_version, evidence=evidence).result


def set_stance(*, claim: Claim, by, expected_version: int, evidence: Evidence, stance: str) -> Evidence:
    return transition(claim, "set_stance", by=by, expected_version=expected_version, evidence=evidence,
                      stance=stance).result


def mark_relied_on(*, claim: Claim, by, expected_version: int, evidence: Evidence, relied_on: bool = True,
                   passage: str | None = None) -> Evidence:
    """Mark (or unmark) the evidence the verdict rests on; a passage must be
    quoted exactly from the archived source."""
    return transition(claim, "mark_relied_on", by=by, expected_version=expected_version, evidence=evidence,
                      relied_on=relied_on, passage=passage).result


def request_source(*, claim: Claim, by, url: str, passage: str = "", stance: str = "") -> None:
    """Queue a source added by hand: the page is fetched by a worker, never in
    the request. What can be refused without the network is refused now; a
    page that cannot be fetched later is reported to `by` as a notification."""
    from .tasks import add_source_by_hand

    if not workflow.may(by, "add_source", claim):
        raise PermissionDenied(_("You may not add sources to this claim now."))
    url = (url or "").strip()
    try:
        fetch.check_url(url)
    except fetch.FetchError as exc:
        raise ValidationError({"url": str(exc)}) from exc
    add_source_by_hand.delay_on_commit(claim.pk, by.pk, url, passage, stance)


def add_source_in_background(*, claim_id: int, user_id: int, url: str, passage: str = "", stance: str = "") -> None:
    """The worker's half of `request_source`: fetch, archive and attach, or tell
    the editor why not."""
    from django.contrib.auth import get_user_model

    claim = Claim.objects.filter(pk=claim_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if claim is None or user is None:
        return
    try:
        # The claim may have moved on since the form was sent: adding evidence is
        # additive, so the version current now is the one that counts.
        add_source(claim=claim, by=user, expected_version=claim.version, url=url, passage=passage, stance=stance)
    except (ValidationError, PermissionDenied, workflow.WorkflowError) as exc:
        reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        with transaction.atomic():
            _notify([user], kind=Notification.Kind.SOURCE_FAILED, claim=claim, actor=None,
                    message=_("%(url)s could not be added as a source: %(reason)s") % {"url": url, "reason": reason})


def add_source(*, claim: Claim, by, expected_version: int, url: str, passage: str = "", stance: str = "") -> Evidence:
    """Fetch `url` through the safe fetcher, archive it as a Source and attach it.

    A page already archived (same normalised URL) is reused. The fetch happens
    before the transaction, so a slow site never holds the claim's row lock;
    the version check still refuses a stale form afterwards.
    """
    from .gathering import archive_url

    if not workflow.may(by, "add_source", claim):
        raise PermissionDenied(_("You may not add sources to this claim now."))
    try:
        # A page with no article body (a data table, say) is still worth archiving whole.
        source = archive_url((url or "").strip(), provider="manual", keep_without_article=True)
    except fetch.FetchError as exc:
        raise ValidationError({"url": str(exc)}) from exc
    return transition(claim, "add_source", by=by, expected_version=expected_version, source=source,
                      passage=passage, stance=stance).result


# --- reshaping claims -----------------------------------------------------------


def edit_wording(*, claim: Claim, by, expected_version: int, text: str, reason: str = "") -> Claim:
    """Reword the claim; its span in the article is unchanged."""
    transition(claim, "edit_wording", by=by, expected_version=expected_version, text=text, reason=reason)
    return claim


def _span(body: str, start: int, end: int) -> tuple[int, int, str]:
    """Validate [start, end) against `body` and trim surrounding blanks."""
    if not (isinstance(start, int) and isinstance(end, int)) or start < 0 or end > len(body) or start >= end:
        raise ValidationError(_("The selection %(start)s–%(end)s is not inside the article's text.")
                              % {"start": start, "end": end})
    piece = body[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    start, end = start + lead, end - trail
    if start >= end:
        raise ValidationError(_("The selection is empty."))
    return start, end, body[start:end]


@transaction.atomic
def add_claim_from_selection(*, article, by, start: int, end: int, kind: str = ClaimKind.OTHER,
                             text: str | None = None) -> Claim:
    """A claim the extractor missed: the editor's selection [start, end) of the
    article's text. If `text` is given it must be what the selection holds, so
    a selection made on an older text is refused instead of misplaced."""
    if not roles.is_editor(by):
        raise PermissionDenied(_("Only editors may add claims."))
    if kind not in ClaimKind.values:
        raise ValidationError({"kind": _("Unknown kind of claim.")})
    start, end, span_text = _span(article.body, start, end)
    if text is not None and text.strip() != span_text:
        raise ValidationError(_("The selected text does not match the article at that position; reload the page."))
    claim = Claim(article=article, start=start, end=end, text=span_text, kind=kind, checkworthy=True,
                  score=1.0, reasons=[_("selected by an editor")], status=ClaimState.NEW)
    claim.full_clean()
    claim.save()
    workflow.record_new_claim(claim, by=by, action="added_from_selection")
    return claim


@transaction.atomic
def split(*, claim: Claim, by, expected_version: int, at: list[int]) -> list[Claim]:
    """Cut the claim at the given offsets into the article's text. The claim
    keeps the first piece; each other piece becomes a new claim in "new"."""
    body = claim.article.body
    cuts = sorted(set(at))
    if not cuts or any(not (claim.start < c < claim.end) for c in cuts):
        raise ValidationError({"at": _("Split points must fall inside the claim's span.")})
    bounds = [claim.start, *cuts, claim.end]
    parts = [_span(body, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    transition(claim, "split", by=by, expected_version=expected_version, parts=parts)
    created = []
    for start, end, text in parts[1:]:
        piece = Claim(article=claim.article, start=start, end=end, text=text, kind=claim.kind,
                      checkworthy=claim.checkworthy, score=claim.score, reasons=claim.reasons, status=ClaimState.NEW)
        piece.full_clean()
        piece.save()
        workflow.record_new_claim(piece, by=by, action="split_from", changes={"from_claim": claim.pk})
        created.append(piece)
    return [claim, *created]


@transaction.atomic
def merge(*, claim: Claim, by, expected_version: int, others: dict[Claim, int]) -> Claim:
    """Merge `others` (each with the version its form showed) into `claim`.

    The merged claim spans them all; the others leave the queues as not
    checkable, with "merged into #N" in their trail; their evidence moves over.
    """
    others = {o: v for o, v in others.items() if o.pk != claim.pk}
    if not others:
        raise ValidationError({"others": _("Choose at least one other claim to merge.")})
    if any(o.article_id != claim.article_id for o in others):
        raise ValidationError({"others": _("Only claims of the same article can be merged.")})
    everything = sorted([claim, *others], key=lambda c: (c.start, c.end))
    start, end = everything[0].start, max(c.end for c in everything)
    text = " ".join(c.text.strip() for c in everything)
    transition(claim, "merge", by=by, expected_version=expected_version, others=list(others), start=start,
               end=end, text=text)
    for other, version in others.items():
        transition(other, "merged_into", by=by, expected_version=version, into=claim,
                   reason=_("Merged into claim #%(pk)s") % {"pk": claim.pk})
    return claim
