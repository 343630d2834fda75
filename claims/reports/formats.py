"""The report formats: name, media type, file extension and renderer, in one
table shared by the web views, the API and the export jobs."""

from collections.abc import Callable
from dataclasses import dataclass

from .report import Report


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    media_type: str
    extension: str
    render: Callable[[Report], str | bytes]


def _html(report):
    from .html import render_html

    return render_html(report)


def _pdf(report):
    from .pdf import render_pdf

    return render_pdf(report)


def _csv(report):
    from .csv import render_csv

    return render_csv(report)


def _json(report):
    from .json import render_json

    return render_json(report)


def _markdown(report):
    from .markdown import render_markdown

    return render_markdown(report)


def _claimreview(report):
    from .claimreview import render_claimreview

    return render_claimreview(report)


FORMATS = {
    f.name: f
    for f in [
        Format("html", "HTML", "text/html; charset=utf-8", "html", _html),
        Format("pdf", "PDF", "application/pdf", "pdf", _pdf),
        Format("csv", "CSV", "text/csv; charset=utf-8", "csv", _csv),
        Format("json", "JSON", "application/json", "json", _json),
        Format("md", "Markdown", "text/markdown; charset=utf-8", "md", _markdown),
        Format("claimreview", "ClaimReview JSON-LD", "application/ld+json", "jsonld", _claimreview),
    ]
}


class UnknownFormat(ValueError):
    """The requested report format does not exist."""


def get_format(name: str) -> Format:
    """The format called `name`, or UnknownFormat naming the ones that exist."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"Unknown report format {name!r}; use one of: {', '.join(FORMATS)}.") from None
