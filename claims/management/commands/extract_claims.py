"""`python manage.py extract_claims PATH [--lang auto|ar|en] [--lines] --json`: claims from a text file.

A contract other tools rely on. PATH is a UTF-8 text file (a byte-order mark is
allowed). With --json one JSON object is printed:
{"language", "claims": [{"text", "start", "end", "checkworthy", "score", "kind",
"reasons", "entities": [{"text", "label", "start", "end"}], "quote": {"text",
"speaker"} or null}], "entities": [...], "cited_sources": [...]}. `start`/`end`
are character offsets into the file's text (after decoding, BOM removed). With
--lines every input line is one claim, in order, not segmented. Without --json a
short human-readable list is printed. Scores use sentence embeddings as the
workbench does (when the model is installed and enabled); --no-embeddings
scores with the text model alone.

Exit status 2, with a message on stderr, when the file cannot be read, is not
UTF-8, or holds no text.
"""

import dataclasses
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import semantic
from claims.text.pipeline import Extraction, extract


class Command(BaseCommand):
    help = "Extract check-worthy claims, entities, quotes and cited sources from a UTF-8 text file."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="a UTF-8 text file")
        parser.add_argument("--lang", choices=("auto", "ar", "en"), default="auto",
                            help="the text's language (default: detect)")
        parser.add_argument("--lines", action="store_true", help="one claim per input line, no segmentation")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--no-embeddings", action="store_true",
                            help="score with the text model only (faster; by default sentence embeddings are "
                                 "used where the language has an embedding head, as in the workbench)")

    def handle(self, *args, **options):
        text = read_text(Path(options["path"]))
        language = None if options["lang"] == "auto" else options["lang"]
        embed = None if options["no_embeddings"] else semantic.sentence_embedder()
        result = extract(text, language, lines=options["lines"], embed=embed)
        if result.embedding_note:
            self.stderr.write(f"note: scored without sentence embeddings ({result.embedding_note})")
        if options["json"]:
            self.stdout.write(json.dumps(as_dict(result), ensure_ascii=False))
        else:
            self.stdout.write(as_text(result))


def read_text(path: Path) -> str:
    """The file's text; CommandError (exit status 2) when unreadable, not UTF-8 or empty."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the file ({exc.strerror or exc}).", returncode=2) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{path}: not UTF-8 text (invalid byte at position {exc.start}); convert it to UTF-8 first.",
            returncode=2,
        ) from exc
    if not text.strip():
        raise CommandError(f"{path}: the file is empty; there is nothing to extract.", returncode=2)
    return text


def as_dict(result: Extraction) -> dict:
    """The JSON shape of the contract."""
    return {
        "language": result.language,
        "claims": [
            {
                "text": c.text, "start": c.start, "end": c.end, "checkworthy": c.checkworthy,
                "score": c.score, "kind": c.kind, "reasons": list(c.reasons),
                "entities": [dataclasses.asdict(e) for e in c.entities],
                "quote": {"text": c.quote.text, "speaker": c.quote.speaker} if c.quote else None,
            }
            for c in result.claims
        ],
        "entities": [dataclasses.asdict(e) for e in result.entities],
        "cited_sources": list(result.cited_sources),
    }


def as_text(result: Extraction) -> str:
    """One line per claim: flag, score, kind, text."""
    lines = [f"language: {result.language}"]
    for c in result.claims:
        flag = "CHECK" if c.checkworthy else "     "
        lines.append(f"{flag} {c.score:.2f} {c.kind:<11} [{c.start}:{c.end}] {c.text}")
    if result.cited_sources:
        lines.append("cited sources: " + "; ".join(result.cited_sources))
    return "\n".join(lines)
