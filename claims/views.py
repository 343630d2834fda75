"""Thin views: access helper, form, service call, redirect."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, roles, services
from .forms import ArticleTextForm, ArticleURLForm
from .highlight import segments


def article_list(request):
    articles = (
        access.articles_visible_to(request.user)
        .select_related("submitted_by")
        .annotate(n_claims=Count("claims"), n_checkworthy=Count("claims", filter=Q(claims__checkworthy=True)))
    )[:200]
    return render(request, "claims/article_list.html", {
        "articles": articles, "can_submit": roles.can_submit(request.user),
    })


def article_submit(request):
    access.require_submitter(request.user)
    mode = request.POST.get("mode") or request.GET.get("mode") or "text"
    text_form = ArticleTextForm(request.POST if request.method == "POST" and mode == "text" else None, prefix="text")
    url_form = ArticleURLForm(request.POST if request.method == "POST" and mode == "url" else None, prefix="url")
    form = text_form if mode == "text" else url_form
    if request.method == "POST" and form.is_valid():
        try:
            if mode == "text":
                article = services.submit_article_text(by=request.user, **form.cleaned_data)
            else:
                article = services.submit_article_url(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Article received; finding its claims now."))
            return redirect("claims:article_detail", pk=article.pk)
    return render(request, "claims/article_submit.html", {
        "text_form": text_form, "url_form": url_form, "mode": mode,
    }, status=400 if request.method == "POST" else 200)


def _article_context(request, pk):
    article = access.get_article_for_user(request.user, pk)
    # Every claim is marked in the text (at most MAX_CLAIMS_PER_ARTICLE of
    # them); the list beside it is paginated at CLAIMS_PAGE_SIZE.
    all_claims = list(article.claims.all())
    page = Paginator(all_claims, settings.CLAIMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "article": article,
        "claims": page.object_list,
        "claims_page": page,
        "n_claims": len(all_claims),
        "claims_left_out": max(0, article.claims_found - len(all_claims)),
        "claims_cap": settings.MAX_CLAIMS_PER_ARTICLE,
        "segments": segments(article.body, all_claims),
        "n_checkworthy": sum(c.checkworthy for c in all_claims),
    }


def article_detail(request, pk):
    return render(request, "claims/article_detail.html", _article_context(request, pk))


def article_progress(request, pk):
    """The part of the article page that changes while the intake job runs;
    htmx polls it until the job is finished."""
    return render(request, "claims/_article_progress.html", _article_context(request, pk))


@require_POST
def article_retry(request, pk):
    article = access.get_article_for_user(request.user, pk)
    try:
        services.retry_intake(article=article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("claims:article_detail", pk=article.pk)
