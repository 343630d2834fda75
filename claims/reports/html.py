"""The report as a printable HTML page (also the source of the PDF)."""

from django.template.loader import render_to_string
from django.urls import reverse

from .claimreview import claim_reviews, script_tag_json
from .report import Report


def _format_links(report: Report) -> list[tuple[str, str]]:
    from .formats import FORMATS

    if report.scope == "claim":
        claim_id = report.claims[0].id
        return [(reverse("claims:claim_report_format", args=[claim_id, f.name]), f.label)
                for f in FORMATS.values() if f.name != "html"]
    return [(reverse("claims:article_report_format", args=[report.article.id, f.name]), f.label)
            for f in FORMATS.values() if f.name != "html"]


def render_html(report: Report, *, for_pdf: bool = False) -> str:
    """The report page; with for_pdf, without the on-screen navigation.

    Every value is escaped by the template; the ClaimReview JSON-LD is
    embedded with the characters that could end the script element escaped.
    """
    return render_to_string("claims/reports/report.html", {
        "report": report,
        "for_pdf": for_pdf,
        "page_offset": report.extra.get("page", {}).get("offset", 0),
        "formats": [] if for_pdf else _format_links(report),
        "claimreview_json": script_tag_json(report) if claim_reviews(report) else "",
    })
