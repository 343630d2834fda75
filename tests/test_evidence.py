"""claims/evidence.py: passages, ranking, figures check (plain Python, no database)."""

from claims import evidence


def test_it_reads_figures_with_scales_percentages_and_years():
    found = {(f.kind, f.value) for f in evidence.figures("نما الاقتصاد ٣٫٥ بالمئة عام 2023 وبلغ 1.2 مليار دولار و700,000 زائر")}
    assert ("percent", 3.5) in found
    assert ("year", 2023.0) in found
    assert ("amount", 1.2e9) in found
    assert ("amount", 700000.0) in found


def test_it_checks_figures_as_match_mismatch_or_absent():
    checks = evidence.check_figures(
        "Unemployment fell to 4% in 2021 after 3 million jobs were added",
        ["In 2021 unemployment was 6 percent.", "Some 3,000,000 jobs were created."],
    )
    by_figure = {c.kind: c.status for c in checks}
    assert by_figure == {"percent": "mismatch", "year": "match", "amount": "match"}
    assert evidence.check_figures("It cost 5 million", ["No figures here."])[0].status == "absent"


def test_it_splits_text_into_passages_with_offsets_into_the_source():
    text = "First paragraph sentence one. Sentence two.\n\nSecond paragraph here."
    passages = evidence.split_passages(text, max_chars=30)
    assert [p.text for p in passages] == ["First paragraph sentence one.", "Sentence two.", "Second paragraph here."]
    for p in passages:
        assert text[p.start:p.end] == p.text


def test_it_keeps_the_best_passages_and_the_words_that_matched():
    source = ("كرة القدم رياضة شعبية.\n\n"
              "أعلن البنك المركزي رفع سعر الفائدة إلى 5 بالمئة يوم الخميس.\n\n"
              "الطقس معتدل في العاصمة.")
    best = evidence.best_passages("البنك المركزي يرفع الفائدة إلى 5 بالمئة", source, entities=["البنك المركزي"], top=1)
    assert "البنك المركزي" in best[0].text
    assert source[best[0].start:best[0].end] == best[0].text
    assert best[0].entity_overlap == 1.0 and best[0].number_overlap == 1.0
    spans = evidence.highlight_spans(best[0].text, best[0].matched_terms)
    marked = [best[0].text[a:b] for a, b in spans]
    assert "البنك" in marked and "المركزي" in marked
