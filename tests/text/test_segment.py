"""Segmentation of scraped Arabic and English text, with original offsets."""

from claims.text.segment import is_caption, is_noise, segment, split_lines


def texts(text):
    return [text[s.start:s.end] for s in segment(text)]


def test_it_splits_arabic_on_arabic_question_mark_and_full_stop():
    text = "هل ارتفعت الأسعار؟ نعم، ارتفعت بنسبة كبيرة. وقال الوزير ذلك أمس."
    assert texts(text) == ["هل ارتفعت الأسعار؟", "نعم، ارتفعت بنسبة كبيرة.", "وقال الوزير ذلك أمس."]


def test_it_keeps_abbreviations_initials_and_decimals_inside_a_sentence():
    text = "Dr. Jane K. Doe said growth was 3.5 per cent in the U.S. economy last year. Prices fell."
    assert texts(text) == ["Dr. Jane K. Doe said growth was 3.5 per cent in the U.S. economy last year.",
                           "Prices fell."]


def test_it_keeps_a_quotation_of_two_sentences_whole():
    text = 'وقال المدير: "لن نغلق المصنع. سنوظف عمالاً جدداً". ثم غادر القاعة.'
    assert texts(text) == ['وقال المدير: "لن نغلق المصنع. سنوظف عمالاً جدداً".', "ثم غادر القاعة."]


def test_it_ends_a_sentence_whose_quote_closes_after_the_full_stop():
    text = 'She said: "We will build it." The board agreed.'
    assert texts(text) == ['She said: "We will build it."', "The board agreed."]


def test_it_does_not_split_at_an_ellipsis_inside_running_text():
    text = "قال إن هذا يعطينا وقتاً... للتفكير في الحل. وانتهى الاجتماع."
    assert len(texts(text)) == 2


def test_it_peels_a_subheading_glued_to_the_next_sentence():
    text = "انتهى الاجتماع دون اتفاق. أزمة المياه يقول سامر خليل، الخبير في شؤون الري، إن السدود امتلأت."
    segments = segment(text)
    assert [s.kind for s in segments] == ["sentence", "heading", "sentence"]
    assert text[segments[1].start:segments[1].end] == "أزمة المياه"


def test_it_does_not_take_subject_verb_order_for_a_heading():
    text = "الوزير يقول إن الخطة جاهزة."
    assert [s.kind for s in segment(text)] == ["sentence"]


def test_it_splits_lines_and_trims_them():
    text = "  first line \n\nsecond line\r\n"
    assert [text[s:e] for s, e in split_lines(text)] == ["first line", "second line"]


def test_it_cuts_text_without_any_punctuation_into_readable_units():
    text = " ".join(["word"] * 5000)
    segments = segment(text)
    assert len(segments) > 1
    assert all(s.end - s.start <= 1200 for s in segments)


def test_it_marks_a_short_unpunctuated_line_before_more_text_as_a_heading():
    text = "Water prices in the north\nThe utility raised prices by 8 percent in June.\nLast line without stop"
    assert [s.kind for s in segment(text)] == ["heading", "sentence", "sentence"]


def test_it_marks_a_title_of_a_dozen_words_as_a_heading():
    text = "Regional airline cuts eleven routes after a summer of engine shortages\n\nThe airline cut 11 routes."
    assert [s.kind for s in segment(text)] == ["heading", "sentence"]


def test_it_recognises_captions_and_credit_lines():
    for line in ("(رويترز)", "(AP Photo/Jane Doe)", "Photo: Workers at the plant in May",
                 "صورة: الوزير خلال المؤتمر الصحفي", "تصوير: أحمد علي", "A crowd outside the court (Getty Images)",
                 "صورة أرشيفية - ميناء المدينة"):
        assert is_caption(line), line
    for line in ("القاهرة (رويترز) - قال وزير المالية إن العجز تراجع إلى 6 في المئة.",
                 "The photo agency said it had sold 3,000 images in May.",
                 "The minister resigned on Monday."):
        assert not is_caption(line), line


def test_a_caption_between_sentences_is_its_own_segment():
    text = "ارتفعت الأسعار بنسبة 5 في المئة. (رويترز) وقال الوزير إن الخطة جاهزة."
    kinds = [(s.kind, text[s.start:s.end]) for s in segment(text)]
    assert ("caption", "(رويترز)") in kinds


def test_it_recognises_runs_of_one_letter_as_noise():
    assert is_noise("a" * 200)
    assert is_noise("ababababab ababababab")
    assert not is_noise("Prices rose by 5 percent.")
    assert not is_noise("ارتفعت الأسعار")
    assert [s.kind for s in segment("a" * 3000)] == ["noise"] * len(segment("a" * 3000))


def test_a_piece_cut_for_length_is_not_whole():
    text = " ".join(["word"] * 5000)
    assert not any(s.whole for s in segment(text))
    assert all(s.whole for s in segment("One sentence. Another one."))
