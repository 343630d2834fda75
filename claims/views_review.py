"""The reviewer's pages: one claim (text in context, evidence, verdicts,
actions, comments, timeline), the work queues, and notifications.

Thin as the other views: the access helper decides 404 or 403, a form reads
the input, a `claims.review` service does the work (the workflow table
decides who may), and the page redirects. A refusal is shown on the claim
page with its status: 400 bad input, 403 wrong role, 409 stale or not from
this state.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import access, review, roles, workflow
from .models import ClaimKind, ClaimState, Evidence, Language, Notification, RatingLabel, Stance, Verdict

S = ClaimState

# --- forms -----------------------------------------------------------------------


def _editors():
    User = get_user_model()
    return (User.objects.filter(is_active=True)
            .filter(Q(groups__name__in=[roles.EDITOR, roles.CHIEF_EDITOR]) | Q(is_superuser=True))
            .distinct().order_by("username"))


class StyledForm(forms.Form):
    """Bootstrap's classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if not isinstance(field.widget, forms.HiddenInput | forms.CheckboxInput):
                field.widget.attrs.setdefault("class", css + (" form-select-sm" if css == "form-select" else ""))


class ReasonForm(StyledForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(StyledForm):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Editor"), queryset=get_user_model().objects.none())
    due_at = forms.DateTimeField(label=gettext_lazy("Due"), required=False,
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, editors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _editors()
        if editors is not None:
            # Reuse the list the page already loaded instead of a second query.
            self.fields["assignee"].choices = [("", "---------")] + [(u.pk, u.get_username()) for u in editors]


class VerdictForm(StyledForm):
    rating = forms.ModelChoiceField(label=gettext_lazy("Rating"), queryset=RatingLabel.objects.filter(is_active=True))
    rationale = forms.CharField(label=gettext_lazy("Rationale"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    claimant = forms.CharField(label=gettext_lazy("Claimant (who made the claim)"), max_length=300, required=False)
    appeared_url = forms.URLField(label=gettext_lazy("Where it first appeared (URL)"), max_length=2000, required=False,
                                  assume_scheme="https")
    appeared_on = forms.DateField(label=gettext_lazy("First appeared on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, ratings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ratings is not None:
            self.fields["rating"].choices = [("", "---------")] + [(r.pk, str(r)) for r in ratings]


class CorrectionForm(VerdictForm):
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(StyledForm):
    body = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                           help_text=gettext_lazy("Mention a colleague with @username."))


class WordingForm(StyledForm):
    text = forms.CharField(label=gettext_lazy("Wording"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    reason = forms.CharField(label=gettext_lazy("Why"), required=False)


class SplitForm(StyledForm):
    at = forms.CharField(label=gettext_lazy("Split at (offsets in the article, comma-separated)"))

    def clean_at(self):
        try:
            return [int(x) for x in self.cleaned_data["at"].replace(" ", "").split(",") if x]
        except ValueError as exc:
            raise forms.ValidationError(_("Give whole numbers separated by commas.")) from exc


class SourceForm(StyledForm):
    url = forms.URLField(label=gettext_lazy("Source URL"), max_length=2000, assume_scheme="https")
    stance = forms.ChoiceField(label=gettext_lazy("Stance"), choices=[("", "—"), *Stance.choices], required=False)


class EvidenceForm(forms.Form):
    evidence = forms.IntegerField()
    stance = forms.ChoiceField(choices=[("", "—"), *Stance.choices], required=False)
    passage = forms.CharField(required=False, strip=True)
    relied_on = forms.BooleanField(required=False)


class SelectionForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    text = forms.CharField(required=False, strip=False)
    kind = forms.ChoiceField(choices=ClaimKind.choices, initial=ClaimKind.OTHER)


# --- the claim page ------------------------------------------------------------------

CONTEXT_CHARS = 400


def _claim_page_context(request, claim):
    user = request.user
    body = claim.article.body
    can_work = roles.is_editor(user)
    verdicts = list(claim.verdicts.select_related("rating", "proposed_by", "approved_by", "superseded_by__rating")
                    .order_by("proposed_at", "pk"))
    proposal = next((v for v in verdicts if v.status == Verdict.Status.PROPOSED), None)
    actions = workflow.available_actions(user, claim) if can_work else []
    editors = list(_editors()) if any(a.action == "assign" for a in actions) else []
    ratings = list(RatingLabel.objects.filter(is_active=True)) if any(
        a.action in ("propose", "correct") for a in actions) else []
    context = {
        "claim": claim,
        "article": claim.article,
        "before": body[max(0, claim.start - CONTEXT_CHARS):claim.start],
        "span": body[claim.start:claim.end],
        "after": body[claim.end:claim.end + CONTEXT_CHARS],
        "cut_before": claim.start > CONTEXT_CHARS,
        "cut_after": claim.end + CONTEXT_CHARS < len(body),
        "evidence": list(claim.evidence.select_related("source", "added_by")),
        "verdicts": verdicts,
        "proposal": proposal,
        "current_verdict": next((v for v in verdicts if v.is_current), None),
        "comments": list(claim.comments.select_related("author")),
        "events": list(claim.events.select_related("actor").order_by("created_at", "pk")),
        "actions": actions,
        "action_names": {a.action for a in actions},
        "can_work": can_work,
        "can_edit": can_work and workflow.may(user, "edit_wording", claim),
        "can_comment": can_work,
        "version": claim.version,
        "is_overdue": _is_overdue(claim),
        "stances": Stance.choices,
        "other_claims": list(claim.article.claims.exclude(pk=claim.pk).filter(status__in=workflow.WORKING)
                             .only("pk", "article_id", "text", "version", "start")) if can_work else [],
        "reason_form": ReasonForm(),
        "assign_form": AssignForm(editors=editors, initial={"due_at": claim.due_at}) if editors else None,
        "verdict_form": VerdictForm(ratings=ratings) if ratings else None,
        "correction_form": CorrectionForm(ratings=ratings, initial=_correction_initial(verdicts)) if ratings else None,
        "comment_form": CommentForm(),
        "wording_form": WordingForm(initial={"text": claim.text}),
        "split_form": SplitForm(),
        "source_form": SourceForm(),
    }
    return context


def _correction_initial(verdicts) -> dict:
    current = next((v for v in verdicts if v.is_current), None)
    if current is None:
        return {}
    return {"rating": current.rating_id, "rationale": current.rationale, "claimant": current.claimant,
            "appeared_url": current.appeared_url, "appeared_on": current.appeared_on}


def _is_overdue(claim) -> bool:
    return bool(claim.due_at and claim.due_at < timezone.now() and claim.status in workflow.OPEN)


def claim_detail(request, pk):
    claim = access.get_claim_for_user(request.user, pk)
    return render(request, "claims/claim_detail.html", _claim_page_context(request, claim))


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _form_or_error(form_class, request, **kwargs):
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        raise _FormInvalid(form)
    return form.cleaned_data


class _FormInvalid(Exception):
    def __init__(self, form):
        super().__init__("invalid form")
        self.form = form


def _evidence(claim, data) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("source"), pk=data["evidence"], claim=claim)


def _merge_others(request, claim):
    others = {}
    for value in request.POST.getlist("others"):
        try:
            pk, version = (int(x) for x in value.split(":"))
        except ValueError as exc:
            raise ValidationError(_("Choose claims from the list.")) from exc
        other = access.claims_visible_to(request.user).filter(pk=pk).first()
        if other is None:
            raise Http404
        others[other] = version
    return others


# Each action: which form it reads, and the service call. The workflow table
# decides who may; these only turn a POST into arguments.
ACTIONS = {
    "triage": (None, lambda c, u, v, d, r: review.triage(claim=c, by=u, expected_version=v)),
    "start_research": (None, lambda c, u, v, d, r: review.start_research(claim=c, by=u, expected_version=v)),
    "self_assign": (None, lambda c, u, v, d, r: review.self_assign(claim=c, by=u, expected_version=v)),
    "resume": (None, lambda c, u, v, d, r: review.resume(claim=c, by=u, expected_version=v)),
    "approve": (None, lambda c, u, v, d, r: review.approve(claim=c, by=u, expected_version=v)),
    "not_checkable": (ReasonForm, lambda c, u, v, d, r: review.mark_not_checkable(
        claim=c, by=u, expected_version=v, reason=d["reason"])),
    "hold": (ReasonForm, lambda c, u, v, d, r: review.hold(claim=c, by=u, expected_version=v, reason=d["reason"])),
    "return": (ReasonForm, lambda c, u, v, d, r: review.return_for_work(
        claim=c, by=u, expected_version=v, comment=d["reason"])),
    "reopen": (ReasonForm, lambda c, u, v, d, r: review.reopen(claim=c, by=u, expected_version=v,
                                                               reason=d["reason"])),
    "assign": (AssignForm, lambda c, u, v, d, r: review.assign(
        claim=c, by=u, expected_version=v, assignee=d["assignee"], due_at=d["due_at"])),
    "propose": (VerdictForm, lambda c, u, v, d, r: review.propose_verdict(claim=c, by=u, expected_version=v, **d)),
    "correct": (CorrectionForm, lambda c, u, v, d, r: review.correct(claim=c, by=u, expected_version=v, **d)),
    "comment": (CommentForm, lambda c, u, v, d, r: review.comment(claim=c, by=u, body=d["body"])),
    "edit_wording": (WordingForm, lambda c, u, v, d, r: review.edit_wording(claim=c, by=u, expected_version=v, **d)),
    "split": (SplitForm, lambda c, u, v, d, r: review.split(claim=c, by=u, expected_version=v, at=d["at"])),
    "merge": (None, lambda c, u, v, d, r: review.merge(claim=c, by=u, expected_version=v,
                                                       others=_merge_others(r, c))),
    "add_source": (SourceForm, lambda c, u, v, d, r: review.request_source(claim=c, by=u, **d)),
    "attach_evidence": (EvidenceForm, lambda c, u, v, d, r: review.attach_evidence(
        claim=c, by=u, expected_version=v, evidence=_evidence(c, d))),
    "detach_evidence": (EvidenceForm, lambda c, u, v, d, r: review.detach_evidence(
        claim=c, by=u, expected_version=v, evidence=_evidence(c, d))),
    "set_stance": (EvidenceForm, lambda c, u, v, d, r: review.set_stance(
        claim=c, by=u, expected_version=v, evidence=_evidence(c, d), stance=d["stance"])),
    "mark_relied_on": (EvidenceForm, lambda c, u, v, d, r: review.mark_relied_on(
        claim=c, by=u, expected_version=v, evidence=_evidence(c, d), relied_on=d["relied_on"],
        passage=d["passage"] or None)),
}

DONE_MESSAGES = {
    "approve": gettext_lazy("Verdict approved and published."),
    "propose": gettext_lazy("Verdict proposed; chief editors have been asked to review it."),
    "comment": gettext_lazy("Comment added."),
    "add_source": gettext_lazy("Fetching the page in the background; it will appear under Evidence."),
    "detach_evidence": gettext_lazy("Evidence dismissed; it is kept, greyed out, on the claim page."),
}


@require_POST
def claim_act(request, pk, action):
    """Take one action on a claim; every refusal is explained on the claim page."""
    claim = access.get_claim_for_user(request.user, pk, write=True)
    if action not in ACTIONS:
        raise Http404
    form_class, call = ACTIONS[action]
    version = _version(request)
    try:
        data = _form_or_error(form_class, request) if form_class else {}
        call(claim, request.user, version, data, request)
    except _FormInvalid as invalid:
        return _refused(request, claim, action, _("Please correct the form."), 400, invalid.form)
    except ValidationError as exc:
        return _refused(request, claim, action, " ".join(exc.messages), 400)
    except (workflow.StaleClaim, workflow.TransitionNotAllowed) as exc:
        return _refused(request, claim, action, str(exc), 409)
    except PermissionDenied:
        raise
    messages.success(request, DONE_MESSAGES.get(action, _("Done.")))
    if request.POST.get("next") == "article":  # acted on from the article's panel: stay there
        return redirect(f"{reverse('claims:article_detail', args=[claim.article_id])}#gathering")
    return redirect("claims:claim_detail", pk=claim.pk)


FORM_KEYS = {ReasonForm: "reason_form", AssignForm: "assign_form", VerdictForm: "verdict_form",
             CorrectionForm: "correction_form", CommentForm: "comment_form", WordingForm: "wording_form",
             SplitForm: "split_form", SourceForm: "source_form"}


def _refused(request, claim, action, message, status, form=None):
    """The claim page again, as it is now, with the reason and the user's input."""
    claim.refresh_from_db()
    messages.error(request, message)
    context = _claim_page_context(request, claim)
    if form is not None and type(form) in FORM_KEYS:
        context[FORM_KEYS[type(form)]] = form
    context["refused_action"] = action
    return render(request, "claims/claim_detail.html", context, status=status)


@require_POST
def claim_from_selection(request, pk):
    """A claim the extractor missed, from the editor's selection in the article."""
    article = access.get_article_for_user(request.user, pk)
    if not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors may add claims."))
    form = SelectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("claims:article_detail", pk=article.pk)
    data = form.cleaned_data
    try:
        claim = review.add_claim_from_selection(article=article, by=request.user, start=data["start"],
                                                end=data["end"], kind=data["kind"], text=data["text"] or None)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("claims:article_detail", pk=article.pk)
    messages.success(request, _("Claim added."))
    return redirect("claims:claim_detail", pk=claim.pk)


# --- queues ---------------------------------------------------------------------

QUEUES = {
    "mine": gettext_lazy("My claims"),
    "unassigned": gettext_lazy("Unassigned"),
    "approval": gettext_lazy("Awaiting approval"),
    "overdue": gettext_lazy("Overdue"),
    "published": gettext_lazy("Recently published"),
}
PAGE_SIZE = 50


def _queue_claims(user, name, now):
    claims = access.claims_visible_to(user)
    if name == "mine":
        return claims.filter(assignee=user, status__in=workflow.OPEN).order_by("due_at", "-score", "pk")
    if name == "unassigned":
        return claims.filter(assignee__isnull=True, status__in=workflow.OPEN).order_by("-score", "pk")
    if name == "approval":
        return claims.filter(status=S.PROPOSED).order_by("updated_at", "pk")
    if name == "overdue":
        return claims.filter(due_at__lt=now, status__in=workflow.OPEN).order_by("due_at", "pk")
    return claims.filter(status__in=(S.PUBLISHED, S.CORRECTED)).order_by("-updated_at", "-pk")


class QueueFilterForm(StyledForm):
    article = forms.IntegerField(label=gettext_lazy("Article #"), required=False, min_value=1)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False,
                                 choices=[("", gettext_lazy("Any")), *Language.choices])
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False,
                              choices=[("", gettext_lazy("Any")), *ClaimState.choices])
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False,
                             choices=[("", gettext_lazy("Any")), *ClaimKind.choices])
    min_score = forms.FloatField(label=gettext_lazy("Score at least"), required=False, min_value=0, max_value=1)
    assignee = forms.ChoiceField(label=gettext_lazy("Assignee"), required=False)

    def __init__(self, *args, editors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Anyone")), ("none", _("Nobody"))] + [
            (str(u.pk), u.get_username()) for u in editors]


def _filtered(claims, data):
    if data.get("article"):
        claims = claims.filter(article_id=data["article"])
    if data.get("language"):
        claims = claims.filter(article__language=data["language"])
    if data.get("state"):
        claims = claims.filter(status=data["state"])
    if data.get("kind"):
        claims = claims.filter(kind=data["kind"])
    if data.get("min_score") is not None:
        claims = claims.filter(score__gte=data["min_score"])
    if data.get("assignee") == "none":
        claims = claims.filter(assignee__isnull=True)
    elif data.get("assignee"):
        claims = claims.filter(assignee_id=int(data["assignee"]))
    return claims


def queue(request, name="mine"):
    """One work queue with its filters; a fixed number of queries for any page size."""
    if name not in QUEUES:
        raise Http404
    # Reporters see their own articles' claims here (read-only); outsiders see none.
    now = timezone.now()
    editors = list(_editors())
    form = QueueFilterForm(request.GET or None, editors=editors)
    data = form.cleaned_data if form.is_valid() else {}
    current = Verdict.objects.filter(claim=OuterRef("pk"), is_current=True)
    claims = (
        _filtered(_queue_claims(request.user, name, now), data)
        .select_related("article", "assignee")
        .only("pk", "text", "kind", "score", "status", "due_at", "updated_at", "version", "checkworthy",
              "article__id", "article__title", "article__url", "article__language", "assignee__id", "assignee__username")
        .annotate(current_rating=Subquery(current.values("rating__name")[:1]),
                  current_rating_ar=Subquery(current.values("rating__name_ar")[:1]))
    )
    try:
        size = min(max(int(request.GET.get("size", PAGE_SIZE)), 1), 200)
    except ValueError:
        size = PAGE_SIZE
    page = Paginator(claims, size).get_page(request.GET.get("page"))
    # Labels translated once per page: get_FOO_display() rebuilds and
    # translates the whole choice list for every row it is called on.
    states, kinds = dict(ClaimState.choices), dict(ClaimKind.choices)
    for claim in page.object_list:
        claim.status_label, claim.kind_label = states[claim.status], kinds[claim.kind]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "claims/queue.html", {
        "queues": QUEUES, "name": name, "title": QUEUES[name], "page": page, "form": form, "now": now,
        "open_states": workflow.OPEN, "query": query.urlencode(),
    })


# --- notifications -----------------------------------------------------------------


def notifications(request):
    """The user's notifications, newest first; opening the page marks them read."""
    rows = list(Notification.objects.filter(recipient=request.user).select_related("actor", "claim")[:100])
    unread = [n.pk for n in rows if n.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return render(request, "claims/queue_notifications.html", {"notifications": rows, "unread": set(unread)})

