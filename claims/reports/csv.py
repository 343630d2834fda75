"""The report (or any list of claims) as CSV, safe to open in a spreadsheet.

Spreadsheets run a cell that starts with = + - @ (and tab or carriage return,
which some of them strip first) as a formula; such cells get a leading
apostrophe so they are shown as text (OWASP "CSV injection").
"""

import csv
import io
from collections.abc import Iterable, Iterator

from .report import ClaimEntry, Report

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    "article_id", "article_title", "article_url", "claim_id", "start", "end", "claim", "kind", "state",
    "checkworthy", "score", "speaker", "assignee", "verdict", "rating_value", "rationale", "claimant",
    "first_appeared_url", "proposed_by", "approved_by", "approved_at", "evidence_urls", "archive_urls",
]


def escape_cell(value) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would
    otherwise read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _iso(value) -> str:
    return value.isoformat() if value else ""


def claim_row(article, entry: ClaimEntry) -> list:
    """One CSV row for one claim; `article` needs id, title and url."""
    verdict = entry.verdict
    return [
        article.id, article.title, article.url, entry.id, entry.start, entry.end, entry.text,
        entry.kind, entry.state_label, "yes" if entry.checkworthy else "no", f"{entry.score:.2f}", entry.speaker,
        entry.assignee or "",
        verdict.rating_label if verdict else "", verdict.rating_value if verdict and verdict.rating_value is not None else "",
        verdict.rationale if verdict else "", verdict.claimant if verdict else "",
        verdict.first_appeared_url if verdict else "", (verdict.proposed_by or "") if verdict else "",
        (verdict.approved_by or "") if verdict else "", _iso(verdict.approved_at) if verdict else "",
        " ".join(e.url for e in entry.evidence), " ".join(e.archive_url for e in entry.evidence if e.archive_url),
    ]


def report_rows(report: Report) -> Iterator[list]:
    for entry in report.claims:
        yield claim_row(report.article, entry)


def csv_lines(rows: Iterable[list], *, header: list[str] = COLUMNS) -> Iterator[str]:
    """CSV text one line at a time, so a response or a file can stream it in
    constant memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(header)
        yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([escape_cell(cell) for cell in row])
        yield buffer.getvalue()


def render_csv(report: Report) -> str:
    """The report's claims, one per row."""
    return "".join(csv_lines(report_rows(report)))
