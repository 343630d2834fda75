"""Normalisation folds for matching and maps back to the original offsets."""

from claims.text.normalize import match_key, normalize, normalize_with_offsets, to_original


def test_it_removes_harakat_and_tatweel_and_unifies_alef():
    assert normalize("إِسْتَـــقْبَلَ أحمد آمال") == "استقبل احمد امال"


def test_it_folds_persian_and_urdu_letters_and_digits():
    assert normalize("کتاب یوم ۱۲ و٣") == "كتاب يوم 12 و3"


def test_it_keeps_alef_maksura_apart_from_ya():
    # على ("on") must not become the name علي.
    assert normalize("على") != normalize("علي")


def test_it_maps_a_normalised_span_back_to_the_original():
    text = "قالَ الوزيــرُ كلاماً"
    norm, index_map = normalize_with_offsets(text)
    start = norm.index("الوزير")
    s, e = to_original(index_map, start, start + len("الوزير"))
    # The span keeps the word's own marks, up to the space after it.
    assert text[s:e] == "الوزيــرُ"


def test_it_keeps_a_final_tanween_with_the_span_at_the_end_of_the_text():
    text = "قال حالياً"
    norm, index_map = normalize_with_offsets(text)
    s, e = to_original(index_map, norm.index("حاليا"), len(norm), length=len(text))
    assert text[s:e] == "حالياً"


def test_it_returns_no_map_when_nothing_was_deleted():
    assert normalize_with_offsets("plain text")[1] is None


def test_it_drops_zero_width_characters():
    assert normalize("wa\u200bter\u200c") == "water"


def test_match_key_strips_a_leading_clitic_before_al():
    assert match_key("والكرملين") == match_key("الكرملين")
    assert match_key("للسلام") == "السلام"
