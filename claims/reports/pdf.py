"""The report as PDF: WeasyPrint renders the same HTML template.

WeasyPrint would otherwise fetch any URL in the page (article links are
harmless, but an <img> or a stylesheet pointing at an internal address would
be fetched from the server). The fetcher below serves our own static files and
refuses everything else. Pango and HarfBuzz shape Arabic and lay it out right
to left; the Noto fonts (fonts-noto-core) cover it.
"""

import mimetypes
import threading

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .html import render_html
from .report import Report

# A base URL that is never fetched; it only lets relative static URLs resolve.
BASE_URL = "https://report.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serves files found by Django's static finders; refuses every other URL."""

    def fetch(self, url, headers=None):
        prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(prefix):
            raise ValueError(f"The PDF renderer only loads our static files, not {url}")
        relative = url[len(prefix):].split("?", 1)[0].split("#", 1)[0]
        if ".." in relative.split("/"):
            raise ValueError(f"Refusing a static path that climbs out: {url}")
        path = finders.find(relative)
        if not path:
            raise ValueError(f"No such static file: {relative}")
        with open(path, "rb") as handle:
            body = handle.read()
        media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


_local = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, kept between renders.

    A new one per render (WeasyPrint's default) starts Pango with empty font
    and shaping caches every time; kept, the second report onwards finds its
    fonts loaded. Per thread because Pango's font map is not thread-safe.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes."""
    html = render_html(report, for_pdf=True)
    font_config = _font_config()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(font_config=font_config)
