"""Report pages and downloads: access helper, build the report, render.

The same visibility rules as every other page (claims/access.py): a report
on an article the user may not see is a 404.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import access
from ..models import ExportJob
from . import exports
from .csv import csv_lines
from .exports import FILTERS, filter_claims, list_rows
from .formats import UnknownFormat, get_format
from .report import build_claim_report, build_report


def _response(report, fmt_name: str, filename: str) -> HttpResponse:
    try:
        fmt = get_format(fmt_name)
    except UnknownFormat as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(fmt.render(report), content_type=fmt.media_type)
    if fmt.name != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt.extension}"'
    return response


def report_page(request, fmt: str) -> int | None:
    """Which page of claims a report holds: ?page=, and page 1 for the HTML
    page; a download holds the whole article (at most MAX_CLAIMS_PER_ARTICLE
    claims) unless a page is asked for."""
    page = request.GET.get("page")
    if page is None and fmt != "html":
        return None
    try:
        return max(1, int(page or 1))
    except ValueError:
        return 1


def article_report(request, pk, fmt="html"):
    article = access.get_article_for_user(request.user, pk)
    report = build_report(article, user=request.user, page=report_page(request, fmt))
    return _response(report, fmt, f"article-{article.pk}-report")


def claim_report(request, pk, fmt="html"):
    claim = access.get_claim_for_user(request.user, pk)
    return _response(build_claim_report(claim, user=request.user), fmt, f"claim-{claim.pk}-report")


def claim_list_csv(request):
    """The claim list, filtered by the query string as the UI filters it,
    streamed as CSV."""
    try:
        claims = filter_claims(access.claims_visible_to(request.user), request.GET)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages), content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(csv_lines(list_rows(claims)), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
    return response


def _export_filters(params) -> dict:
    return {key: (params.getlist(key) if key in ("state", "kind") else params.get(key))
            for key in FILTERS if params.get(key)}


@require_POST
def export_start(request):
    """Start a background export of the claim list with the filters given."""
    try:
        job = exports.request_export(by=request.user, filters=_export_filters(request.POST))
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages), content_type="text/plain; charset=utf-8")
    return redirect("claims:export_detail", pk=job.pk)


def _job_for(request, pk) -> ExportJob:
    # An export is its requester's alone; anyone else gets a 404.
    return get_object_or_404(ExportJob, pk=pk, requested_by=request.user)


def export_detail(request, pk):
    """The job's progress; htmx polls this page until the file is ready."""
    job = _job_for(request, pk)
    template = "claims/reports/_export_status.html" if request.htmx else "claims/reports/export_detail.html"
    return render(request, template, {"job": job})


def export_download(request, pk):
    job = _job_for(request, pk)
    if not job.is_downloadable:
        raise Http404("This export is not ready or has expired.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1],
                        content_type="text/csv; charset=utf-8")
