"""From a fetched HTML page to article fields: title, authors, date, language and body text.

newspaper3k reads the metadata (title, authors, publication date). The body text
comes from trafilatura, which scores higher than newspaper3k on the shared
article-extraction benchmark (see bench/article_extraction.py); newspaper3k's
text is the fallback when trafilatura finds nothing.

Nothing here touches the network: the HTML is always handed in (fetched by
`claims.fetch.safe_get`), newspaper3k gets it through `download(input_html=...)`
with image fetching, meta-refresh following and memoizing switched off, and
trafilatura only ever parses the string it is given.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import trafilatura
from newspaper import Article
from newspaper import Config as NewspaperConfig

from claims.fetch import declared_charset, decode_body
from claims.text.language import detect_language

logger = logging.getLogger(__name__)

# Fewer words than this is a cookie banner, an error page or a gallery, not an article.
MIN_ARTICLE_WORDS = 25

_WORD = re.compile(r"\w+")


class NoArticleFound(ValueError):
    """The page has no article text to take in; str(error) is a message for the user."""


@dataclass
class ParsedArticle:
    title: str
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None  # always timezone-aware when set
    language: str = "und"  # "ar", "en" or "und"
    text: str = ""


def parse_html(html: str | bytes, *, url: str = "") -> ParsedArticle:
    """Parse an article page into its fields, without any network access.

    `html` may be bytes: the charset is then taken from a BOM or the page's own
    <meta charset>, else UTF-8, else guessed (pass `FetchResult.text` instead when
    the charset came in the Content-Type header). `url` helps both libraries
    (dates in paths, relative links) but is never fetched.
    Raises `NoArticleFound` when the page has no article text.
    """
    if isinstance(html, bytes):
        html = decode_body(html, declared_charset(html))
    if not html.strip():
        raise NoArticleFound("The page is empty.")

    article = _newspaper_article(html, url)
    text = extract_body(html, url=url, fallback=article.text if article else "")
    if len(_WORD.findall(text)) < MIN_ARTICLE_WORDS:
        raise NoArticleFound(
            "No article text was found on the page (it may be a front page, a video, "
            "a paywall or a page that needs JavaScript). Paste the text instead."
        )
    title = _clean_title(article.title if article else "")
    return ParsedArticle(
        title=title,
        authors=list(article.authors) if article else [],
        published=_published(article) if article else None,
        language=detect_language(text),
        text=_without_leading_title(text, title),
    )


def extract_body(html: str, *, url: str = "", fallback: str = "") -> str:
    """The article's body text by trafilatura, or `fallback` when it finds none."""
    text = trafilatura.extract(
        html,
        url=url or None,
        include_comments=False,
        # The body is what we want; metadata comes from newspaper3k.
        with_metadata=False,
        output_format="txt",
    )
    text = (text or "").strip()
    if len(_WORD.findall(text)) >= MIN_ARTICLE_WORDS:
        return text
    fallback = fallback.strip()
    return fallback if len(_WORD.findall(fallback)) > len(_WORD.findall(text)) else text


def newspaper_config() -> NewspaperConfig:
    """A newspaper3k configuration that cannot reach the network."""
    config = NewspaperConfig()
    config.fetch_images = False  # would download images to size the top image
    config.follow_meta_refresh = False  # would fetch the refresh target itself
    config.memoize_articles = False  # only used when crawling a Source; off regardless
    config.MAX_TEXT = 10**7  # keep whole long articles for the fallback body
    return config


def _newspaper_article(html: str, url: str) -> Article | None:
    article = Article(url, config=newspaper_config(), fetch_images=False)
    article.download(input_html=html)
    try:
        article.parse()
    except (ValueError, TypeError, AttributeError) as exc:
        # newspaper3k trips over some malformed pages; trafilatura may still cope.
        logger.warning("newspaper3k could not parse %s: %s", url or "the page", exc)
        return None
    return article


def _published(article: Article) -> datetime | None:
    """The publication date, preferring the page's metadata over a date in the URL.

    newspaper3k tries the URL first, which gives a bare day; the metadata it reads
    next usually has the time and offset too. Asking again without the URL gets it.
    """
    from_metadata = article.extractor.get_publishing_date("", article.clean_doc) if article.clean_doc is not None else None
    return _aware(from_metadata or article.publish_date)


def _without_leading_title(text: str, title: str) -> str:
    """Drop the headline when the body starts with it: the title is stored on its own."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == title:
        return rest.lstrip()
    return text


def _aware(value: datetime | None) -> datetime | None:
    """newspaper3k returns naive datetimes when the page gives no offset: read them as UTC."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _clean_title(title: str) -> str:
    return " ".join((title or "").split())
