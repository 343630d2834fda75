"""Scores, reasons and the learned model's loading."""

from claims.text import checkworthiness as cw
from claims.text.pipeline import extract


def claim(text, language=None):
    [only] = extract(text, language).claims
    return only


def test_it_explains_the_score_in_editor_words():
    c = claim("The ministry said exports rose 8 percent in March 2024 compared with last year.")
    assert "has a figure" in c.reasons
    assert "has a date" in c.reasons
    assert c.checkworthy


def test_it_scores_hedged_predictions_low():
    c = claim("I think things will probably get better for everyone soon.")
    assert not c.checkworthy
    assert c.kind == "opinion"
    assert "hedged or opinion wording" in c.reasons


def test_it_scores_an_arabic_question_low():
    c = claim("هل يمكن أن تنجح هذه الخطة في النهاية؟")
    assert not c.checkworthy
    assert "a question" in c.reasons


def test_it_loads_each_model_once_per_process():
    first = cw.load_model("en")
    assert cw.load_model("en") is first


def test_it_returns_none_for_a_language_without_a_model():
    assert cw.load_model("und") is None


def test_text_features_are_normalised_per_group():
    feats = cw.text_features("Prices rose.")
    words = [v for k, v in feats.items() if k.startswith(("w:", "b:"))]
    assert abs(sum(v * v for v in words) - 1.0) < 1e-9


def test_a_language_without_an_offset_uses_zero():
    assert cw.language_offset("und") == 0.0


def test_the_language_offset_moves_the_cut_off_on_the_log_odds(monkeypatch):
    c = claim("قال وزير المالية إن الصادرات ارتفعت بنسبة 8 في المئة خلال العام الماضي.", "ar")
    base = cw.score(c.text, cw.find_cues(c.text, "sentence", c.entities, None), "und")
    monkeypatch.setattr(cw, "_cue_file", lambda: {"language_offset": {"und": 30.0}})
    cues = cw.find_cues(c.text, "sentence", c.entities, None)
    assert cw.score(c.text, cues, "und") > base
    assert cw.score(c.text, cues, "und") == 1.0


def test_analysts_views_and_may_in_arabic_score_as_opinion():
    c = claim("ويرى محللون أن أسعار القمح قد ترتفع مجددا في الربيع المقبل.", "ar")
    assert not c.checkworthy and c.kind == "opinion"
    assert "hedged or opinion wording" in c.reasons


def test_qad_before_a_past_verb_is_a_statement_not_a_hedge():
    c = claim("وكانت الشركة قد أوقفت الإنتاج في مصنعين خلال شهر مارس 2023.", "ar")
    assert "hedged or opinion wording" not in c.reasons
    assert c.checkworthy
