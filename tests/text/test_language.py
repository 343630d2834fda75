"""Language detection by script."""

from claims.text.language import detect_language


def test_it_detects_arabic_and_english():
    assert detect_language("أعلنت الحكومة خطة جديدة للنقل العام") == "ar"
    assert detect_language("The council approved a new transport plan.") == "en"


def test_it_calls_arabic_with_latin_names_arabic():
    assert detect_language("قال مدير شركة Acme Industries إن المبيعات ارتفعت في Q3") == "ar"


def test_it_is_undetermined_without_letters():
    assert detect_language("") == "und"
    assert detect_language("!!! ... 123 ؟؟") == "und"
