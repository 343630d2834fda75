"""Thin views for source gathering: the live panel on the article page, the
"Gather sources" button (editors), and the editors' list of RSS/Atom feeds."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import access, evidence, gathering, roles
from .models import Evidence, Feed, GatherRun
from .text.tokens import tokenize


def _require_editor(user) -> None:
    if not roles.is_editor(user):
        raise PermissionDenied(_("Only editors may gather sources."))


def _marked(claim_text: str, passage: str) -> list[tuple[str, bool]]:
    """The passage as (text, is_match) pieces; the template escapes each piece."""
    terms = sorted(set(tokenize(claim_text)) & set(tokenize(passage)))
    pieces, at = [], 0
    for start, end in evidence.highlight_spans(passage, terms):
        if start > at:
            pieces.append((passage[at:start], False))
        pieces.append((passage[start:end], True))
        at = end
    if at < len(passage):
        pieces.append((passage[at:], False))
    return pieces


def article_gathering(request, pk):
    """The gathering panel: per claim its latest run, each provider's state, and the evidence."""
    article = access.get_article_for_user(request.user, pk)
    runs = {}
    for run in GatherRun.objects.filter(article=article).prefetch_related("provider_runs").order_by("-created_at", "-pk"):
        runs.setdefault(run.claim_id, run)
    # The panel is polled every 2 s while gathering runs: one query for all
    # claims' evidence, not one per claim.
    evidence_rows = Prefetch("evidence", queryset=Evidence.objects.filter(attached=True).select_related("source"), to_attr="panel_evidence")
    items = []
    for claim in article.claims.filter(pk__in=list(runs)).prefetch_related(evidence_rows):
        rows = claim.panel_evidence[:10]
        items.append({"claim": claim, "run": runs[claim.pk],
                      "evidence": [{"row": row, "pieces": _marked(claim.text, row.passage)} for row in rows]})
    return render(request, "claims/_gathering.html", {
        "article": article, "items": items, "loaded": True,
        "active": any(run.is_active for run in runs.values()),
        "can_gather": roles.is_editor(request.user) and article.status == "ready",
    })


@require_POST
def article_gather(request, pk):
    """Start gathering for the article's check-worthy claims (editors only)."""
    article = access.get_article_for_user(request.user, pk)
    _require_editor(request.user)
    try:
        runs = gathering.start_gathering(article=article, by=request.user)
    except gathering.GatheringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Gathering sources for %(n)d claims.") % {"n": len(runs)} if runs
                         else _("Gathering is already running for these claims."))
    return redirect("claims:article_detail", pk=article.pk)


class FeedForm(forms.ModelForm):
    url = forms.URLField(label=gettext_lazy("Feed URL (RSS or Atom)"), max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "title"]


def feed_list(request):
    """Editors' feeds for the feeds provider: list and add."""
    _require_editor(request.user)
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feed = form.save(commit=False)
        feed.added_by = request.user
        try:
            feed.full_clean()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            feed.save()
            messages.success(request, _("Feed added."))
            return redirect("claims:feed_list")
    return render(request, "claims/feeds.html", {"form": form, "feeds": Feed.objects.all()},
                  status=400 if request.method == "POST" else 200)


class FeedEditForm(FeedForm):
    class Meta(FeedForm.Meta):
        fields = ["url", "title", "enabled"]


def feed_edit(request, pk):
    """Change a feed's address, title or whether it is searched (editors only)."""
    _require_editor(request.user)
    feed = get_object_or_404(Feed, pk=pk)
    form = FeedEditForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Feed saved."))
        return redirect("claims:feed_list")
    return render(request, "claims/feed_edit.html", {"form": form, "feed": feed},
                  status=400 if request.method == "POST" else 200)


@require_POST
def feed_toggle(request, pk):
    """Switch a feed off (it is kept but no longer searched) or back on (editors only)."""
    _require_editor(request.user)
    feed = get_object_or_404(Feed, pk=pk)
    feed.enabled = not feed.enabled
    feed.save(update_fields=["enabled"])
    messages.success(request, _("Feed switched on.") if feed.enabled else _("Feed switched off."))
    return redirect("claims:feed_list")
