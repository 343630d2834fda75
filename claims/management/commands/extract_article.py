"""`python manage.py extract_article PATH [PATH ...] [--url URL] --json`: the intake as a command.

A contract other tools rely on. Each PATH is an `.html` or `.html.gz` file; with
--json one JSON object per line is printed for each page, in order:
{"path", "title", "authors", "published", "language", "text"} (published is
ISO 8601 or null; non-ASCII kept as is). It runs the same `claims.intake.parse_html`
as the web intake and never touches the network.

Exit status: 0 when every page gave an article; 1 when a page was read but has no
article text; 2 when a file is missing or unreadable. Errors go to stderr, after
the pages that worked have been printed.
"""

import gzip
import json
import zlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.intake import NoArticleFound, ParsedArticle, parse_html


class Command(BaseCommand):
    help = "Extract title, authors, date, language and body text from saved HTML pages (.html or .html.gz)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="an .html or .html.gz file")
        parser.add_argument("--url", default="", help="the page's address, to help date and link extraction (never fetched)")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")

    def handle(self, *args, **options):
        as_json = options["json"]
        unreadable = without_article = 0
        for path in options["paths"]:
            try:
                html = read_page(Path(path))
            except OSError as exc:
                unreadable += 1
                self.stderr.write(f"{path}: cannot read the file ({exc.strerror or exc}).")
                continue
            try:
                article = parse_html(html, url=options["url"])
            except NoArticleFound as exc:
                without_article += 1
                self.stderr.write(f"{path}: {exc}")
                continue
            self.stdout.write(as_json_line(path, article) if as_json else as_text(path, article))

        if unreadable:
            raise CommandError(f"{unreadable} file(s) could not be read.", returncode=2)
        if without_article:
            raise CommandError(f"{without_article} page(s) had no article text.", returncode=1)


def read_page(path: Path) -> bytes:
    """The page's bytes, gunzipped for .gz files; OSError when missing, unreadable or corrupt."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise OSError(f"not a valid gzip file: {exc}") from exc
    return data


def as_json_line(path: str, article: ParsedArticle) -> str:
    return json.dumps(
        {
            "path": str(path),
            "title": article.title,
            "authors": article.authors,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "text": article.text,
        },
        ensure_ascii=False,
    )


def as_text(path: str, article: ParsedArticle) -> str:
    published = article.published.isoformat() if article.published else "unknown date"
    authors = ", ".join(article.authors) or "no author"
    preview = " ".join(article.text.split())[:300]
    return f"{path}\n  {article.title}\n  {authors}; {published}; {article.language}\n  {preview}\n"
