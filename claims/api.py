"""The REST API: thin views over the same access helpers and services as the
web pages (claims/access.py, claims/services.py, claims/review.py).

Authentication is a per-user token (`Authorization: Token <key>`, keys made
in the admin) or the browser session. Errors are JSON with a `detail`
message: 400 bad input, 401 no credentials, 403 wrong role, 404 not visible,
409 the workflow refuses, 413 body too large, 415 not JSON.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import access, review, services, workflow
from .pagination import CappedLimitOffsetPagination
from .reports import build_claim_report, build_report
from .reports.claimreview import claim_reviews
from .reports.exports import FILTERS, filter_claims
from .reports.formats import FORMATS, UnknownFormat, get_format
from .serializers import (
    ArticleSerializer,
    ArticleSubmitSerializer,
    ClaimSerializer,
    EvidenceSerializer,
    TransitionSerializer,
)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class LimitedJSONParser(JSONParser):
    """JSON with a size cap checked before the body is read, and again while
    reading (a chunked body has no Content-Length)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The request body has {int(declared):,} bytes; the limit is {limit:,}.")
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        try:
            return json.loads(raw.decode(parser_context.get("encoding", settings.DEFAULT_CHARSET)))
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(f"Malformed JSON: {exc}") from exc


def exception_handler(exc, context):
    """DRF's handler, plus the errors our services raise: a Django
    ValidationError is a 400 naming the fields, a workflow refusal a 409,
    an unknown report format a 404 listing the formats."""
    if isinstance(exc, RequestDataTooBig):  # a body without a Content-Length that grew past Django's limit
        exc = PayloadTooLarge(f"The request body is over the limit of {settings.API_MAX_BODY_BYTES:,} bytes.")
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, workflow.StaleClaim):
        exc = Conflict({"detail": str(exc), "version": exc.version})
    elif isinstance(exc, workflow.WorkflowError):
        exc = Conflict(str(exc))
    elif isinstance(exc, UnknownFormat):
        exc = exceptions.NotFound(str(exc))
    elif isinstance(exc, services.IntakeError):
        exc = exceptions.ValidationError({"detail": str(exc)})
    return drf_exception_handler(exc, context)


JSON_ONLY = [LimitedJSONParser]
FORMAT_PARAM = OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS),
                                description="Report format.")


def _page_of(serializer_class, name: str):
    """The schema of a LimitOffsetPagination page, which function views do not get by themselves."""
    return inline_serializer(name, {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializer_class(many=True),
    })


PAGE_PARAMS = [OpenApiParameter("limit", int, description="Results per page (at most API_MAX_PAGE_SIZE)."),
               OpenApiParameter("offset", int, description="Index of the first result.")]


def _paginate(request, queryset, serializer_class):
    paginator = CappedLimitOffsetPagination()
    page = paginator.paginate_queryset(queryset, request)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


@extend_schema(methods=["GET"], operation_id="articles_list", parameters=PAGE_PARAMS, responses=_page_of(ArticleSerializer, "PaginatedArticleList"),
               summary="Articles you may see")
@extend_schema(methods=["POST"], request=ArticleSubmitSerializer, responses={201: ArticleSerializer},
               summary="Submit an article (pasted text or a URL)")
@api_view(["GET", "POST"])
@parser_classes(JSON_ONLY)
def articles(request):
    if request.method == "GET":
        visible = access.articles_visible_to(request.user).select_related("submitted_by").annotate(
            n_claims=Count("claims"))
        return _paginate(request, visible, ArticleSerializer)
    access.require_submitter(request.user)
    submission = ArticleSubmitSerializer(data=request.data)
    submission.is_valid(raise_exception=True)
    mode, fields = submission.validated_data["mode"], submission.validated_data["fields"]
    if mode == "text":
        article = services.submit_article_text(by=request.user, **fields)
    else:
        article = services.submit_article_url(by=request.user, **fields)
    return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=ArticleSerializer, summary="An article and its intake status")
@api_view(["GET"])
def article_detail(request, pk):
    return Response(ArticleSerializer(access.get_article_for_user(request.user, pk)).data)


def _report_response(report, fmt_name: str, filename: str):
    fmt = get_format(fmt_name)
    body = fmt.render(report)
    response = HttpResponse(body, content_type=fmt.media_type)
    response["Content-Disposition"] = f'inline; filename="{filename}.{fmt.extension}"'
    return response


@extend_schema(parameters=[FORMAT_PARAM, OpenApiParameter("page", int, description=(
                   "Page of CLAIMS_PAGE_SIZE claims; html defaults to 1, other formats to the whole article."))],
               responses={(200, "*/*"): OpenApiTypes.BINARY},
               summary="The article's verification report in a format")
@api_view(["GET"])
def article_report(request, pk, fmt):
    from .reports.views import report_page

    get_format(fmt)  # an unknown format is refused before any work
    article = access.get_article_for_user(request.user, pk)
    report = build_report(article, user=request.user, page=report_page(request, fmt))
    return _report_response(report, fmt, f"article-{article.pk}-report")


CLAIM_FILTER_PARAMS = [
    OpenApiParameter("state", str, many=True, description="Workflow state; repeat for several."),
    OpenApiParameter("kind", str, many=True, description="Claim kind; repeat for several."),
    OpenApiParameter("checkworthy", str, enum=["yes", "no"]),
    OpenApiParameter("article", int, description="Article id."),
    OpenApiParameter("assignee", str, description='Username, or "none".'),
    OpenApiParameter("q", str, description="Text the claim contains."),
]
assert {p.name for p in CLAIM_FILTER_PARAMS} == set(FILTERS)


@extend_schema(operation_id="claims_list", parameters=CLAIM_FILTER_PARAMS + PAGE_PARAMS, responses=_page_of(ClaimSerializer, "PaginatedClaimList"),
               summary="Claims you may see")
@api_view(["GET"])
def claims(request):
    visible = filter_claims(access.claims_visible_to(request.user), request.query_params)
    return _paginate(request, visible.select_related("assignee"), ClaimSerializer)


@extend_schema(responses=ClaimSerializer, summary="One claim with its verdict")
@api_view(["GET"])
def claim_detail(request, pk):
    return Response(ClaimSerializer(access.get_claim_for_user(request.user, pk)).data)


@extend_schema(parameters=PAGE_PARAMS, responses=_page_of(EvidenceSerializer, "PaginatedEvidenceList"),
               summary="The claim's evidence")
@api_view(["GET"])
def claim_evidence(request, pk):
    claim = access.get_claim_for_user(request.user, pk)
    return _paginate(request, claim.evidence.select_related("source"), EvidenceSerializer)


def _take(action: str, claim, by, data: dict):
    """Call the review service for `action` with the fields it takes."""
    version = data["version"]
    common = {"claim": claim, "by": by, "expected_version": version}
    verdict_fields = {k: data[k] for k in ("claimant", "appeared_url", "appeared_on") if k in data}
    need = _require(data)
    match action:
        case "triage":
            return review.triage(**common, checkworthy=data.get("checkworthy"))
        case "start_research":
            return review.start_research(**common)
        case "self_assign":
            return review.self_assign(**common, due_at=data.get("due_at"))
        case "assign":
            return review.assign(**common, assignee=need("assignee"), due_at=data.get("due_at"))
        case "not_checkable":
            return review.mark_not_checkable(**common, reason=need("reason"))
        case "hold":
            return review.hold(**common, reason=need("reason"))
        case "resume":
            return review.resume(**common)
        case "propose":
            return review.propose_verdict(**common, rating=need("rating"), rationale=need("rationale"),
                                          **verdict_fields)
        case "approve":
            return review.approve(**common)
        case "return":
            return review.return_for_work(**common, comment=need("reason"))
        case "correct":
            return review.correct(**common, reason=need("reason"), rating=need("rating"),
                                  rationale=need("rationale"), **verdict_fields)
        case "reopen":
            return review.reopen(**common, reason=need("reason"))
    raise exceptions.ValidationError({"action": f"Unknown action {action!r}."})


def _require(data: dict):
    def need(name: str):
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise exceptions.ValidationError({name: "This field is required for this action."})
        return value

    return need


@extend_schema(request=TransitionSerializer, responses=ClaimSerializer,
               summary="Take a workflow action (assign, propose, approve, return, correct, ...)")
@api_view(["POST"])
@parser_classes(JSON_ONLY)
def claim_transition(request, pk):
    claim = access.get_claim_for_user(request.user, pk, write=True)
    step = TransitionSerializer(data=request.data)
    step.is_valid(raise_exception=True)
    _take(step.validated_data["action"], claim, request.user, step.validated_data)
    claim.refresh_from_db()
    return Response(ClaimSerializer(claim).data)


@extend_schema(parameters=[FORMAT_PARAM], responses={(200, "*/*"): OpenApiTypes.BINARY},
               summary="The claim's verification report in a format")
@api_view(["GET"])
def claim_report(request, pk, fmt):
    get_format(fmt)
    claim = access.get_claim_for_user(request.user, pk)
    return _report_response(build_claim_report(claim, user=request.user), fmt, f"claim-{claim.pk}-report")


@extend_schema(responses=inline_serializer("ClaimReview", {"@type": serializers.CharField()}),
               summary="schema.org ClaimReview JSON-LD for the claim's published verdict")
@api_view(["GET"])
def claim_claimreview(request, pk):
    claim = access.get_claim_for_user(request.user, pk)
    docs = claim_reviews(build_claim_report(claim, user=request.user))
    if not docs:
        raise exceptions.NotFound("This claim has no published verdict.")
    return Response(docs[0], content_type="application/ld+json")
