"""claims/text/tokens.py: folding, stop words and light stemming for matching."""

from claims.text import tokens


def test_it_folds_arabic_variants_and_digits():
    assert tokens.fold("أحمد إلى آخر ٢٠٢٤ هـٰـذا") == "احمد الي اخر 2024 هذا"


def test_it_strips_articles_and_stop_words_when_tokenizing():
    assert tokens.tokenize("والرئيس في الولايات") == tokens.tokenize("الرئيس الولايات")
    assert "the" not in tokens.tokenize("The vaccines were approved")
    assert tokens.tokenize("vaccines") == tokens.tokenize("vaccine")
