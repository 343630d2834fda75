"""The claim workflow: one table of states and transitions, and the one
function that takes them.

Read `TRANSITIONS` top to bottom: each row says which action moves a claim
from which states to which state, who may take it, and what it must be given.
`transition()` is the only code that changes a claim's state (or anything
else an editor works on: assignee, wording, evidence, verdicts). It checks
the row and its rule, runs in one transaction, refuses a stale form through a
conditional UPDATE on `Claim.version`, applies the action's effect, and
writes the ClaimEvent recording who, from, to, which fields changed (old and
new) and why, in that same transaction.

Errors: `PermissionDenied` (the wrong role, or the proposer approving their
own verdict: a 403), `TransitionNotAllowed` (not from this state: a 409),
`StaleClaim` (someone changed it since the form was loaded: a 409 with
"changed by X at T, reload"), `ValidationError` (missing or bad input: a 400).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import roles, webhooks
from .models import Claim, ClaimEvent, ClaimState, Comment, Evidence, Stance, Verdict
from .models.articles import audited_writes

S = ClaimState

# --- who may act --------------------------------------------------------------
# A claim with an assignee is worked by that editor (or a chief editor); an
# unassigned claim by any editor. Reporters and outsiders take no action.


def _editor(user, claim) -> bool:
    return roles.is_editor(user)


def _chief(user, claim) -> bool:
    return roles.is_chief_editor(user)


def _worker(user, claim) -> bool:
    if roles.is_chief_editor(user):
        return True
    return roles.is_editor(user) and claim.assignee_id in (None, user.pk)


WHO = {
    "editor": (_editor, gettext_lazy("any editor")),
    "chief": (_chief, gettext_lazy("a chief editor")),
    "worker": (_worker, gettext_lazy("the assigned editor or a chief editor")),
    # Approvers are editors too; the four-eyes rule below keeps the proposer out.
    "approver": (_editor, gettext_lazy("a chief editor or a second editor, not the proposer")),
}

# --- the table ----------------------------------------------------------------

SAME = "same"  # the action changes the claim's content, not its state
PREVIOUS = "previous"  # back to the state the claim was in before it was put on hold
WORKING = (S.NEW, S.TRIAGE, S.RESEARCHING, S.IN_REVIEW, S.RETURNED)
FINISHED = (S.NOT_CHECKABLE, S.PUBLISHED, S.CORRECTED)
OPEN = tuple(s for s in S.values if s not in FINISHED)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    who: str
    label: str
    requires: tuple[str, ...] = ()
    # False for notes that change nothing a form is based on (comments):
    # they neither need nor bump the claim's version.
    locks: bool = True


def T(action, sources, target, who, label, requires=(), locks=True) -> Transition:  # noqa: N802 - reads as a table
    if isinstance(sources, str):
        sources = (sources,)
    return Transition(action, tuple(sources), target, who, label, tuple(requires), locks)


L = gettext_lazy  # labels are translated when shown
TRANSITIONS: tuple[Transition, ...] = (
    # action            from                                    to             who         label
    T("triage",         S.NEW,                                  S.TRIAGE,      "editor",   L("Triage")),
    T("not_checkable",  (S.NEW, S.TRIAGE, S.RESEARCHING),       S.NOT_CHECKABLE, "worker", L("Not checkable"),
      requires=("reason",)),
    T("start_research", S.TRIAGE,                               S.RESEARCHING, "worker",   L("Start research")),
    T("assign",         (S.TRIAGE, S.RESEARCHING),              S.IN_REVIEW,   "chief",    L("Assign"),
      requires=("assignee",)),
    T("assign",         (S.IN_REVIEW, S.RETURNED, S.ON_HOLD, S.PROPOSED), SAME, "chief",   L("Reassign"),
      requires=("assignee",)),
    T("self_assign",    (S.TRIAGE, S.RESEARCHING, S.IN_REVIEW), S.IN_REVIEW,   "worker",   L("Take it")),
    T("hold",           (S.TRIAGE, S.RESEARCHING, S.IN_REVIEW, S.RETURNED), S.ON_HOLD, "worker", L("Put on hold"),
      requires=("reason",)),
    T("resume",         S.ON_HOLD,                              PREVIOUS,      "worker",   L("Resume")),
    T("propose",        (S.IN_REVIEW, S.RETURNED),              S.PROPOSED,    "worker",   L("Propose verdict"),
      requires=("rating", "rationale")),
    T("approve",        S.PROPOSED,                             S.PUBLISHED,   "approver", L("Approve and publish")),
    T("return",         S.PROPOSED,                             S.RETURNED,    "approver", L("Return for more work"),
      requires=("reason",)),
    T("correct",        (S.PUBLISHED, S.CORRECTED),             S.CORRECTED,   "chief",    L("Correct"),
      requires=("reason", "rating", "rationale")),
    T("reopen",         S.NOT_CHECKABLE,                        S.TRIAGE,      "editor",   L("Reopen"),
      requires=("reason",)),
    T("reopen",         (S.PUBLISHED, S.CORRECTED),             S.IN_REVIEW,   "chief",    L("Reopen"),
      requires=("reason",)),
    # Work on the claim's content, allowed while it is being worked.
    T("edit_wording",   WORKING,                                SAME,          "worker",   L("Edit wording"),
      requires=("text",)),
    T("split",          WORKING,                                SAME,          "worker",   L("Split")),
    T("merge",          WORKING,                                SAME,          "worker",   L("Merge")),
    T("merged_into",    WORKING,                                S.NOT_CHECKABLE, "worker", L("Merged into another claim")),
    T("attach_evidence", WORKING,                               SAME,          "worker",   L("Attach evidence")),
    T("detach_evidence", WORKING,                               SAME,          "worker",   L("Detach evidence")),
    T("set_stance",     WORKING,                                SAME,          "worker",   L("Set stance")),
    T("mark_relied_on", WORKING,                                SAME,          "worker",   L("Mark the passage relied on")),
    T("add_source",     WORKING,                                SAME,          "worker",   L("Add a source")),
    T("comment",        tuple(S.values),                        SAME,          "editor",   L("Comment"),
      requires=("body",), locks=False),
)

# Actions shown as buttons on the claim page; the others have their own forms.
STATE_ACTIONS = ("triage", "start_research", "self_assign", "assign", "not_checkable", "hold", "resume",
                 "propose", "approve", "return", "correct", "reopen")


def find(action: str, state: str) -> Transition | None:
    for row in TRANSITIONS:
        if row.action == action and state in row.sources:
            return row
    return None


def actions_known() -> set[str]:
    return {row.action for row in TRANSITIONS}


# --- errors -------------------------------------------------------------------


class WorkflowError(Exception):
    """Base for refusals the user can act on; the message is shown to them."""


class TransitionNotAllowed(WorkflowError):
    pass


class StaleClaim(WorkflowError):
    def __init__(self, message: str, *, actor=None, at: datetime | None = None, version: int | None = None):
        super().__init__(message)
        self.actor, self.at, self.version = actor, at, version


# --- rules beyond the role ----------------------------------------------------


def _proposal(claim) -> Verdict | None:
    return claim.verdicts.filter(status=Verdict.Status.PROPOSED).first()


def _rule_problem(row: Transition, claim: Claim, user) -> str | None:
    """Why `user` may not take `row` on `claim` although their role allows it."""
    if row.action in ("approve", "return"):
        proposal = _proposal(claim)
        if proposal is not None and proposal.proposed_by_id == user.pk:
            return _("You proposed this verdict; a chief editor or a second editor must review it.")
    if row.action == "self_assign" and claim.assignee_id is not None:
        if claim.assignee_id == user.pk:
            return _("This claim is already assigned to you.")
        return _("This claim is already assigned; a chief editor can reassign it.")
    return None


def may(user, action: str, claim: Claim) -> bool:
    """True when `user` may take `action` on `claim` as it is now (for buttons)."""
    row = find(action, claim.status)
    if row is None or not WHO[row.who][0](user, claim):
        return False
    return _rule_problem(row, claim, user) is None


def available_actions(user, claim: Claim, names=STATE_ACTIONS) -> list[Transition]:
    """The rows `user` may take on `claim` now, in table order, one per action."""
    rows, seen = [], set()
    for row in TRANSITIONS:
        if row.action in names and row.action not in seen and claim.status in row.sources:
            seen.add(row.action)
            if WHO[row.who][0](user, claim) and _rule_problem(row, claim, user) is None:
                rows.append(row)
    return rows


# --- the one place a claim changes --------------------------------------------

TRACKED_FIELDS = ("status", "assignee_id", "due_at", "text", "start", "end", "kind", "checkworthy")


@dataclass
class Step:
    """What an effect hands back: more changes to record, and the verdict or
    evidence it touched, for the caller."""

    changes: dict
    result: object = None


def transition(claim: Claim, action: str, *, by, expected_version: int | None, reason: str = "", **data) -> Step:
    """Take `action` on `claim` for user `by`, if the table and its rules allow it.

    `expected_version` is the `Claim.version` the user's form was built from;
    when the claim has moved on since, nothing changes and `StaleClaim` says
    who changed it and when. `data` is the action's input (see the effects
    below). On success the event is written, `claim` is refreshed in place
    and the effect's result is returned.
    """
    if action not in actions_known():
        raise TransitionNotAllowed(_("Unknown action “%(action)s”.") % {"action": action})
    # audited_writes(): the guard on Claim lets this block change audited
    # fields because it writes their ClaimEvent before it commits.
    with transaction.atomic(), audited_writes():
        row = _lock(claim, action, expected_version)
        locked = Claim.objects.select_related("article").get(pk=claim.pk)
        allowed, _label = WHO[row.who]
        if not allowed(by, locked):
            raise PermissionDenied(_("Only %(who)s may do this.") % {"who": WHO[row.who][1]})
        problem = _rule_problem(row, locked, by)
        if problem:
            raise PermissionDenied(problem)
        reason = (reason or "").strip()
        missing = [name for name in row.requires if not _given(name, reason, data)]
        if missing:
            raise ValidationError({name: _("This is required.") for name in missing})

        before = {name: getattr(locked, name) for name in TRACKED_FIELDS}
        from_state = locked.status
        if row.target == PREVIOUS:
            locked.status = _state_before_hold(locked)
        elif row.target != SAME:
            locked.status = row.target
        step = EFFECTS.get(action, _no_effect)(locked, by=by, reason=reason, **data)
        changes = {
            name: [_plain(before[name]), _plain(getattr(locked, name))]
            for name in TRACKED_FIELDS
            if before[name] != getattr(locked, name)
        }
        fields_changed = bool(changes)
        changes.update(step.changes)
        if row.locks or fields_changed:
            locked.full_clean(exclude=["article", "assignee"], validate_constraints=False)
            locked.save()
        ClaimEvent.objects.create(
            article=locked.article, claim=locked, actor=by, action=action, from_state=from_state,
            to_state=locked.status, changes=changes, reason=reason,
        )
    claim.refresh_from_db()
    return step


def bulk_transition(claims, action: str, *, by, reason: str = "", **data) -> int:
    """Take `action` on every claim in the queryset `claims`: all of them or none.

    This is the bulk path for audited fields (a plain queryset update() of
    them is refused): each claim goes through `transition()`, so the table,
    its rules and the version bump apply and each gets its own ClaimEvent,
    all in one transaction. Returns how many claims changed.
    """
    with transaction.atomic():
        # Locked in primary-key order so two bulk changes cannot deadlock.
        rows = list(Claim.objects.filter(pk__in=claims.values("pk")).select_for_update().order_by("pk"))
        for claim in rows:
            transition(claim, action, by=by, expected_version=claim.version, reason=reason, **data)
    return len(rows)


def _lock(claim: Claim, action: str, expected_version: int | None) -> Transition:
    """Bump the version if it is still `expected_version`, or explain who moved it.

    The conditional UPDATE also takes the row lock until commit: a second
    editor acting at the same moment waits, then finds the version changed.
    """
    current = Claim.objects.filter(pk=claim.pk).values_list("status", "version").first()
    if current is None:
        raise TransitionNotAllowed(_("This claim no longer exists."))
    row = find(action, current[0])
    if row is None:
        if expected_version is not None and current[1] != expected_version:
            raise _stale(claim.pk, expected_version)
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the claim is %(state)s.")
            % {"action": action.replace("_", " "), "state": ClaimState(current[0]).label.lower()}
        )
    if not row.locks:
        list(Claim.objects.select_for_update().filter(pk=claim.pk).values_list("pk"))
        return row
    if expected_version is None:
        raise ValidationError({"version": _("The form's version is missing; reload the page.")})
    updated = Claim.objects.filter(pk=claim.pk, version=expected_version, status__in=row.sources).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise _stale(claim.pk, expected_version)
    return row


def _stale(pk: int, expected_version: int) -> StaleClaim:
    event = (
        ClaimEvent.objects.filter(claim_id=pk).exclude(action="comment").select_related("actor")
        .order_by("-created_at", "-pk").first()
    )
    version = Claim.objects.filter(pk=pk).values_list("version", flat=True).first()
    if event is None:
        return StaleClaim(_("This claim was changed since you loaded it; reload the page."), version=version)
    who = event.actor.get_username() if event.actor else _("the system")
    at = timezone.localtime(event.created_at)
    return StaleClaim(
        _("This claim was changed by %(who)s at %(at)s (%(action)s); reload the page and try again.")
        % {"who": who, "at": date_format(at, "Y-m-d H:i:s"), "action": event.action.replace("_", " ")},
        actor=event.actor, at=event.created_at, version=version,
    )


def _given(name: str, reason: str, data: dict) -> bool:
    if name == "reason":
        return bool(reason)
    value = data.get(name)
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _state_before_hold(claim: Claim) -> str:
    event = claim.events.filter(action="hold").order_by("-created_at", "-pk").first()
    return event.from_state if event and event.from_state else S.RESEARCHING


# --- effects: what each action does besides moving the state -------------------
# Each runs inside transition()'s transaction with the claim row locked, sets
# fields on `claim` (recorded automatically) and returns any other changes.


def _no_effect(claim, **_ignored) -> Step:
    return Step({})


def _triage(claim, *, by, reason, checkworthy=None, **_ignored) -> Step:
    if checkworthy is not None:
        claim.checkworthy = bool(checkworthy)
    return Step({})


def _assign(claim, *, by, reason, assignee, due_at=None, **_ignored) -> Step:
    if not roles.is_editor(assignee):
        raise ValidationError({"assignee": _("Claims can only be assigned to editors.")})
    claim.assignee = assignee
    if due_at is not None:
        claim.due_at = due_at
    return Step({})


def _self_assign(claim, *, by, reason, due_at=None, **_ignored) -> Step:
    claim.assignee = by
    if due_at is not None:
        claim.due_at = due_at
    return Step({})


def _new_verdict(claim, *, by, rating, rationale, claimant="", appeared_url="", appeared_on=None) -> Verdict:
    if not rating.is_active:
        raise ValidationError({"rating": _("This rating is no longer offered.")})
    verdict = Verdict(
        claim=claim, rating=rating, rationale=rationale.strip(), claimant=(claimant or "").strip(),
        appeared_url=(appeared_url or "").strip(), appeared_on=appeared_on, proposed_by=by,
    )
    verdict.full_clean(exclude=["claim", "superseded_by"], validate_constraints=False)
    return verdict


def _verdict_fields(verdict: Verdict) -> dict:
    return {
        "rating": verdict.rating.slug, "rationale": verdict.rationale, "claimant": verdict.claimant,
        "appeared_url": verdict.appeared_url,
        "appeared_on": verdict.appeared_on.isoformat() if verdict.appeared_on else None,
    }


def _propose(claim, *, by, reason, rating, rationale, claimant="", appeared_url="", appeared_on=None,
             **_ignored) -> Step:
    verdict = _new_verdict(claim, by=by, rating=rating, rationale=rationale, claimant=claimant,
                           appeared_url=appeared_url, appeared_on=appeared_on)
    verdict.save()
    return Step({"verdict": verdict.pk, "proposed": _verdict_fields(verdict)}, verdict)


def _publish(claim, verdict: Verdict, *, by, now) -> dict:
    """Make `verdict` the one in force, superseding the previous one."""
    changes = {}
    previous = claim.verdicts.filter(is_current=True).exclude(pk=verdict.pk).first()
    if previous is not None:
        previous.is_current = False
        previous.status = Verdict.Status.SUPERSEDED
        previous.save(update_fields=["is_current", "status"])
        changes["superseded"] = previous.pk
    verdict.status = Verdict.Status.PUBLISHED
    verdict.is_current = True
    verdict.approved_by = by
    verdict.approved_at = now
    verdict.save()
    if previous is not None:
        previous.superseded_by = verdict
        previous.save(update_fields=["superseded_by"])
    # In the transition's transaction: subscribers hear of it only if it commits.
    webhooks.emit_verdict_published(verdict)
    return changes


def _approve(claim, *, by, reason, **_ignored) -> Step:
    verdict = _proposal(claim)
    if verdict is None:
        raise TransitionNotAllowed(_("There is no proposed verdict to approve."))
    changes = {"verdict": verdict.pk, "approved": verdict.rating.slug}
    changes.update(_publish(claim, verdict, by=by, now=timezone.now()))
    return Step(changes, verdict)


def _return(claim, *, by, reason, **_ignored) -> Step:
    verdict = _proposal(claim)
    if verdict is None:
        raise TransitionNotAllowed(_("There is no proposed verdict to return."))
    verdict.status = Verdict.Status.RETURNED
    verdict.save(update_fields=["status"])
    return Step({"verdict": verdict.pk, "verdict_status": [Verdict.Status.PROPOSED, Verdict.Status.RETURNED]},
                verdict)


def _correct(claim, *, by, reason, rating, rationale, claimant=None, appeared_url=None, appeared_on=None,
             **_ignored) -> Step:
    old = claim.verdicts.filter(is_current=True).select_related("rating").first()
    if old is None:
        raise TransitionNotAllowed(_("There is no published verdict to correct."))
    verdict = _new_verdict(
        claim, by=by, rating=rating, rationale=rationale,
        claimant=old.claimant if claimant is None else claimant,
        appeared_url=old.appeared_url if appeared_url is None else appeared_url,
        appeared_on=old.appeared_on if appeared_on is None else appeared_on,
    )
    verdict.correction_reason = reason
    verdict.save()
    changes = {"verdict": verdict.pk, "corrected": {"from": _verdict_fields(old), "to": _verdict_fields(verdict)}}
    changes.update(_publish(claim, verdict, by=by, now=timezone.now()))
    return Step(changes, verdict)


def _edit_wording(claim, *, by, reason, text, **_ignored) -> Step:
    claim.text = text.strip()
    return Step({})


def _evidence_of(claim, evidence) -> Evidence:
    evidence_id = evidence.pk if isinstance(evidence, Evidence) else evidence
    found = Evidence.objects.select_for_update().filter(pk=evidence_id, claim=claim).first()
    if found is None:
        raise ValidationError({"evidence": _("This evidence does not belong to the claim.")})
    return found


def _set_evidence(claim, evidence, **values) -> Step:
    row = _evidence_of(claim, evidence)
    changed = {name: [getattr(row, name), value] for name, value in values.items() if getattr(row, name) != value}
    for name, value in values.items():
        setattr(row, name, value)
    row.save(update_fields=list(values))
    return Step({"evidence": row.pk, **changed} if changed else {"evidence": row.pk}, row)


def _attach(claim, *, by, reason, evidence, **_ignored) -> Step:
    return _set_evidence(claim, evidence, attached=True)


def _detach(claim, *, by, reason, evidence, **_ignored) -> Step:
    return _set_evidence(claim, evidence, attached=False, relied_on=False)


def _set_stance(claim, *, by, reason, evidence, stance, **_ignored) -> Step:
    if stance not in Stance.values and stance != "":
        raise ValidationError({"stance": _("Unknown stance.")})
    return _set_evidence(claim, evidence, stance=stance)


def _mark_relied_on(claim, *, by, reason, evidence, relied_on=True, passage=None, **_ignored) -> Step:
    row = _evidence_of(claim, evidence)
    values = {"relied_on": bool(relied_on)}
    if relied_on and not row.attached:
        raise ValidationError({"evidence": _("Attach the evidence before relying on it.")})
    if passage is not None:
        passage = passage.strip()
        text = row.source.text or ""
        if passage and text and passage not in text:
            raise ValidationError({"passage": _("The passage must be quoted exactly from the source's text.")})
        values["passage"] = passage
    return _set_evidence(claim, row, **values)


def _add_source(claim, *, by, reason, source, passage="", stance="", **_ignored) -> Step:
    evidence, created = Evidence.objects.get_or_create(
        claim=claim, source=source,
        defaults={"passage": passage, "stance": stance, "added_by": by, "attached": True},
    )
    if not created and not evidence.attached:
        evidence.attached = True
        evidence.save(update_fields=["attached"])
    return Step({"evidence": evidence.pk, "source": source.pk, "url": source.url, "created": created}, evidence)


def _split(claim, *, by, reason, parts, **_ignored) -> Step:
    """The claim keeps the first part; `parts` are the (start, end, text)
    of the pieces cut from it, created by the caller's `record` below."""
    start, end, text = parts[0]
    claim.start, claim.end, claim.text = start, end, text
    return Step({"split_into": [list(p) for p in parts]})


def _merge(claim, *, by, reason, others, start, end, text, **_ignored) -> Step:
    claim.start, claim.end, claim.text = start, end, text
    return Step({"merged": [o.pk for o in others]})


def _merged_into(claim, *, by, reason, into, **_ignored) -> Step:
    """The absorbed claim's evidence moves to the claim it was merged into
    (unless that one already has the same source)."""
    moved = []
    for evidence in Evidence.objects.filter(claim=claim).exclude(source__evidence__claim=into):
        evidence.claim = into
        evidence.save(update_fields=["claim"])
        moved.append(evidence.pk)
    return Step({"merged_into": into.pk, "evidence_moved": moved})


def _comment(claim, *, by, reason, body, mentions=(), **_ignored) -> Step:
    comment = Comment.objects.create(claim=claim, author=by, body=body.strip())
    if mentions:
        comment.mentions.set(mentions)
    return Step({"comment": comment.pk, "mentions": [u.get_username() for u in mentions]}, comment)


EFFECTS: dict[str, Callable[..., Step]] = {
    "triage": _triage,
    "assign": _assign,
    "self_assign": _self_assign,
    "propose": _propose,
    "approve": _approve,
    "return": _return,
    "correct": _correct,
    "edit_wording": _edit_wording,
    "attach_evidence": _attach,
    "detach_evidence": _detach,
    "set_stance": _set_stance,
    "mark_relied_on": _mark_relied_on,
    "add_source": _add_source,
    "split": _split,
    "merge": _merge,
    "merged_into": _merged_into,
    "comment": _comment,
}


def record_new_claim(claim: Claim, *, by, action: str, reason: str = "", changes: dict | None = None) -> ClaimEvent:
    """The audit row for a claim an editor created (from a selection or a split)."""
    return ClaimEvent.objects.create(
        article=claim.article, claim=claim, actor=by, action=action, from_state="", to_state=claim.status,
        changes={"start": claim.start, "end": claim.end, "text": claim.text, **(changes or {})}, reason=reason,
    )
