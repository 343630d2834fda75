"""Decoding degrades per character: one bad byte costs one character, not the page (issue 11, reproduction 4)."""

from claims.fetch import declared_charset, decode_body
from claims.intake import parse_html
from claims.text.language import detect_language

ARABIC = ("قال وزير المالية إن الميزانية ارتفعت بنسبة 12 في المئة هذا العام، "
          "وأضاف أن الحكومة ستنفق 300 مليون دينار على الطرق والمدارس في الجنوب. ") * 4
ENGLISH = ("The finance minister said the budget rose by 12 percent this year, "
           "adding that the government would spend 300 million on roads and schools. ") * 4


def page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>Budget</title></head><body><article><p>{body}</p></article></body></html>"


def test_repro_4_an_undeclared_arabic_page_with_one_bad_byte_keeps_its_text():
    raw = page(ARABIC).encode("utf-8").replace("المئة".encode(), "المئة".encode() + b"\xff", 1)
    text = decode_body(raw, declared_charset(raw))
    assert text.count("\ufffd") == 1
    assert "قال وزير المالية" in text and "Ù" not in text
    parsed = parse_html(raw)
    assert parsed.language == "ar"
    assert "ارتفعت بنسبة 12" in parsed.text


def test_an_arabic_utf8_page_declared_as_latin1_is_read_as_utf8():
    raw = page(ARABIC, '<meta charset="iso-8859-1">').encode("utf-8")
    text = decode_body(raw, declared_charset(raw, "text/html; charset=iso-8859-1"))
    assert "قال وزير المالية" in text
    assert detect_language(text) == "ar"


def test_an_english_page_with_utf8_punctuation_declared_as_cp1252_keeps_it():
    raw = page(ENGLISH.replace("said", "said “at once”"), '<meta charset="windows-1252">').encode("utf-8")
    assert "said “at once”" in decode_body(raw, declared_charset(raw))


def test_a_cp1256_arabic_page_declared_as_utf8_is_detected():
    raw = page(ARABIC).encode("cp1256")
    text = decode_body(raw, "utf-8")
    assert "قال وزير المالية" in text


def test_a_really_single_byte_page_keeps_its_declared_charset():
    raw = page("Le café coûte 3 € à Paris. " * 10, '<meta charset="windows-1252">').encode("cp1252")
    assert "Le café coûte 3 € à Paris." in decode_body(raw, declared_charset(raw))


def test_mixed_encodings_lose_only_the_bad_characters():
    # An English UTF-8 page quoting an Arabic sentence, with a Latin-1 "é" pasted in.
    raw = (ENGLISH + "He quoted: " + ARABIC[:60]).encode("utf-8") + b" Caf" + b"\xe9 " + ENGLISH.encode()
    text = decode_body(raw, None)
    assert text.count("\ufffd") == 1
    assert ARABIC[:60] in text and text.endswith(ENGLISH)
    assert detect_language(text) == "en"


def test_a_page_that_writes_the_replacement_character_itself_is_still_utf8():
    raw = ("Broken glyph \ufffd here. " + ARABIC).encode("utf-8")
    assert decode_body(raw, None) == "Broken glyph \ufffd here. " + ARABIC
