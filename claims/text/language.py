"""Language identification by script: Arabic, English, or undetermined."""

import re

# Arabic script blocks, including the Persian/Urdu letters and presentation forms.
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Counting letters in the first 20,000 characters is enough and keeps 5 MB fast.
_SAMPLE = 20000


def detect_language(text: str) -> str:
    """Return "ar", "en" or "und" from the share of Arabic and Latin letters.

    Text with fewer than three letters is "und". Arabic wins ties and any text
    where at least 30 % of the letters are Arabic, since Arabic articles often
    quote Latin names, codes and URLs while English ones rarely carry Arabic.
    """
    if not isinstance(text, str):
        return "und"
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic + latin < 3:
        return "und"
    return "ar" if arabic >= 0.3 * (arabic + latin) else "en"
