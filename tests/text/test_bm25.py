"""claims/text/bm25.py: Okapi BM25 over matching tokens."""

from claims.text.bm25 import BM25
from claims.text.tokens import tokenize


def test_it_ranks_the_document_that_shares_rare_words_first():
    docs = [tokenize(t) for t in ("the weather is mild today", "oil prices rose sharply", "weather today")]
    top = BM25(docs).top(tokenize("oil prices"), 2)
    assert top[0][0] == 1
    assert len(top) == 1
