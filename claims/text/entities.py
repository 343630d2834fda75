"""Named entities with offsets: person, organization, place, equipment, date, quantity.

Rules and gazetteers, no model: a gazetteer of countries, capitals and
well-known bodies, then patterns that generalise to names nobody listed
(a title before a name, a name before an apposition such as "، الخبير",
an organisation head noun such as "مؤسسة" or "Ministry", a model code such as
"S-400"). Matching runs on normalised text; offsets are mapped back to the
original. Glued words from scraping ("روسياوإيران") are split for matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons as lx
from .normalize import normalize, normalize_with_offsets, to_original


@dataclass(frozen=True)
class Entity:
    """An entity mention: surface `text` at original ``[start, end)``."""

    text: str
    label: str
    start: int
    end: int


LABELS = ("person", "organization", "place", "equipment", "date", "quantity")


def _ar_key(phrase: str) -> str:
    return " ".join(normalize(phrase).split())


def _build_gazetteer() -> dict[tuple[str, ...], str]:
    gaz: dict[tuple[str, ...], str] = {}
    for name in lx.AR_PLACES:
        gaz[(_ar_key(name),)] = "place"
    for group, label in ((lx.AR_MULTIWORD_PLACES, "place"), (lx.AR_ORGANIZATIONS, "organization"),
                         (lx.AR_PEOPLE, "person")):
        for name in group:
            words = tuple(_ar_key(name).split())
            gaz[words] = label
            if len(words) > 1:
                # Scraping glues multiword names ("الولاياتالمتحدة"): match that too.
                gaz[("".join(words),)] = label
    for name in lx.EN_PLACES:
        gaz[(name,)] = "place"
    for name in lx.EN_MULTIWORD_PLACES:
        gaz[tuple(name.split())] = "place"
    for name in lx.EN_ORGANIZATIONS:
        gaz[(name,)] = "organization"
    return gaz


_GAZ = _build_gazetteer()
_GAZ_MAX = max(len(k) for k in _GAZ)
_FIRST_WORDS = {k[0] for k in _GAZ}

# No apostrophes inside tokens: "Russia's" must look up as "Russia".
_TOKEN = re.compile(r"[\w][\w\-]*")
_EQUIPMENT = re.compile(
    r"(?<![\w\-])((?:[A-Za-z]{1,5}|[\u0621-\u064A]{1,6})-\d{1,4}[A-Za-z]{0,2}\d?(?:/[A-Za-z0-9]+)?)(?![\w\-])"
)
_NOT_EQUIPMENT = {"covid", "sars", "h1n1", "mers"}
_AR_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_AR_STOP = lx.AR_PARTICLES | lx.AR_SPEECH_VERBS | lx.AR_PERSON_TITLES | lx.AR_NATIONALITIES | frozenset(
    ["بحسب", "حسب", "وفق", "وفقا", "عن", "الى", "يوم", "عام", "بعد", "خلال", "امام", "لدى", "ضد"]
)
_AR_THAT = {"ان", "انه", "انها", "بان", "بانه", "بانها"}
_NAME_LINKS = {"بن", "ابن", "بنت", "عبد", "ابو", "دي", "فون", "فان", "دير", "دا", "ال", "van", "von", "de", "der", "bin",
               "al"}
# An organisation's name stops before "that" (أن, بأن) and before a date ("شركة X امس"),
# which would otherwise swallow the date or the clause after it.
_AR_ORG_STOP = _AR_STOP - lx.AR_NATIONALITIES | _AR_THAT | frozenset(["بحسب", "حسب", "وفقا", "نقلا", "قالت", "ذكرت",
                                                           "امس", "اليوم", "غدا", *lx.AR_WEEKDAYS,
                                                           *(m for m in lx.AR_MONTHS if " " not in m)])

_AR_MONTHS = "|".join(sorted(lx.AR_MONTHS, key=len, reverse=True))
_EN_MONTHS = "|".join(sorted(lx.EN_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"(?<![\w])(?:\d{{1,2}}\s+(?:{_AR_MONTHS})(?:\s+\d{{4}})?|(?:{_AR_MONTHS})\s+\d{{4}}"
    rf"|(?:يوم\s+)?(?:{'|'.join(lx.AR_WEEKDAYS)})(?:\s+(?:الماضي|المقبل|القادم))?"
    rf"|{'|'.join(lx.AR_RELATIVE_DATES)}|(?:عام|سنة|العام)\s+\d{{4}}"
    rf"|(?:{_EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{_EN_MONTHS})(?:\s+\d{{4}})?"
    rf"|(?:{_EN_MONTHS})\s+\d{{4}}|(?:last\s+|next\s+)?(?:{'|'.join(lx.EN_WEEKDAYS)})"
    rf"|{'|'.join(lx.EN_RELATIVE_DATES)}|(?:1[89]|20)\d{{2}}s?)(?![\w])",
    re.IGNORECASE,
)
_EN_ABBREVIATED_PLACE = re.compile(r"(?<![\w.])(?:U\.S\.(?:A\.)?|U\.K\.|UAE|USA|UK)(?![\w])")
# A month name alone counts only when capitalised ("in May", not "may").
_EN_MONTH_ALONE = re.compile(r"(?<![\w])(?:January|February|March|April|May|June|July|August|September|October"
                             r"|November|December)(?![\w])")
_QTY_WORDS = "|".join(sorted(set(lx.AR_QUANTITY_WORDS) | set(lx.EN_QUANTITY_WORDS), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w\-])(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|٪|{_QTY_WORDS}))*(?![\w\-])"
    rf"|(?<![\w])[بلوف]?(?:الاف|آلاف|ملايين|مليارات|عشرات|مئات|thousands|millions|billions|dozens|hundreds)(?![\w])",
    re.IGNORECASE,
)


def find_entities(text: str, start: int = 0, end: int | None = None,
                  known_people: set[str] | None = None) -> list[Entity]:
    """Return entities in ``text[start:end]`` with offsets into `text`.

    `known_people` (normalised family names seen earlier in the document) lets a
    later bare "Kozhanov" or "كوزانوف" be tagged as a person; it is updated with
    the family names of full names found here.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    norm, index_map = normalize_with_offsets(chunk)
    found: list[tuple[int, int, str]] = []
    for m in _EQUIPMENT.finditer(norm):
        if m.group(1).split("-")[0].lower() not in _NOT_EQUIPMENT:
            found.append((m.start(1), m.end(1), "equipment"))
    for m in _EN_ABBREVIATED_PLACE.finditer(norm):
        found.append((m.start(), m.end(), "place"))
    for pattern in (_DATE, _EN_MONTH_ALONE):
        for m in pattern.finditer(norm):
            found.append((m.start(), m.end(), "date"))
    found.extend(_token_entities(norm, known_people if known_people is not None else set()))
    for m in _QUANTITY.finditer(norm):
        s = m.start()
        if norm[s] in "بلوف" and not norm[s:].lower().startswith(("b", "l")):
            s += 1
        found.append((s, m.end(), "quantity"))
    return _resolve(chunk, found, index_map, start)


def _resolve(chunk, found, index_map, base) -> list[Entity]:
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    priority = {"equipment": 0, "date": 1, "person": 2, "organization": 2, "place": 2, "quantity": 3}
    # Higher-priority labels claim their characters first.
    for s, e, label in sorted(found, key=lambda f: (priority[f[2]], f[0], -(f[1] - f[0]))):
        if s >= e or any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        os_, oe = to_original(index_map, s, e, length=len(chunk))
        out.append(Entity(chunk[os_:oe], label, base + os_, base + oe))
    out.sort(key=lambda x: x.start)
    # Two person spans one space apart are one name ("رجب طيب" + "اردوغان").
    merged: list[Entity] = []
    for e in out:
        last = merged[-1] if merged else None
        if last and last.label == e.label == "person" and chunk[last.end - base:e.start - base] == " ":
            merged[-1] = Entity(chunk[last.start - base:e.end - base], "person", last.start, e.end)
        else:
            merged.append(e)
    return merged


@lru_cache(maxsize=100_000)
def _strip_ar_clitic(word: str) -> tuple[tuple[int, str], ...]:
    """Candidate readings of an Arabic word: (characters dropped, remainder)."""
    readings = [(0, word)]
    if word.startswith("لل") and len(word) > 4:
        readings.append((2, "ال" + word[2:]))
    for clitic in _AR_CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            readings.append((len(clitic), word[len(clitic):]))
    return tuple(readings)


def _token_entities(norm: str, known_people: set[str]) -> list[tuple[int, int, str]]:
    tokens = [piece for m in _TOKEN.finditer(norm) for piece in _unglue(m.start(), m.group())]
    lowered = [t[2].lower() for t in tokens]
    found: list[tuple[int, int, str]] = []
    i = 0
    n = len(tokens)
    while i < n:
        hit = _gazetteer_at(tokens, lowered, i)
        if hit:
            s, e, label, used = hit
            found.append((s, e, label))
            if label == "person" and used > 1:
                known_people.add(lowered[i + used - 1])
            i += used
            continue
        glued = _split_glued(tokens[i])
        if glued:
            found.extend(glued)
            i += 1
            continue
        word = lowered[i]
        if word in known_people:
            found.append((tokens[i][0], tokens[i][1], "person"))
        i += 1
    found.extend(_ar_people(norm, tokens, lowered, known_people))
    found.extend(_ar_organizations(norm, tokens, lowered))
    found.extend(_ar_definite_organizations(tokens, lowered))
    found.extend(_ar_headed_names(norm, tokens, lowered))
    found.extend(_en_capitalised(norm, tokens, known_people))
    return found


# ة and ى end an Arabic word; one in the middle of a token means scraping glued
# two words together ("شركةغازبروم", "المفوضيةالاوروبية").
_FINAL_ONLY_GLUE = re.compile(r"(?<=[ةى])(?=[\u0621-\u064a])")


def _unglue(start: int, word: str) -> list[tuple[int, int, str]]:
    """A token as (start, end, text) pieces, split after a word-final letter inside it."""
    if "ة" not in word[:-1] and "ى" not in word[:-1]:
        return [(start, start + len(word), word)]
    cuts = [0, *(m.start() for m in _FINAL_ONLY_GLUE.finditer(word)), len(word)]
    return [(start + a, start + b, word[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _gazetteer_at(tokens, lowered, i):
    word = lowered[i]
    if word[:1].isascii() and not tokens[i][2][:1].isupper():
        return None  # English names are capitalised: "who" is not the WHO.
    for dropped, head in _strip_ar_clitic(word):
        if head not in _FIRST_WORDS:
            continue
        for size in range(min(_GAZ_MAX, len(tokens) - i), 0, -1):
            key = (head, *lowered[i + 1:i + size])
            label = _GAZ.get(key)
            if label:
                return tokens[i][0] + dropped, tokens[i + size - 1][1], label, size
    return None


def _split_glued(token) -> list[tuple[int, int, str]]:
    """"روسياوايران" -> روسيا + ايران when both halves are known names."""
    start, _, word = token
    if len(word) < 7 or not ("\u0621" <= word[0] <= "\u064a"):
        return []
    pos = word.find("و", 3)
    while pos != -1 and pos < len(word) - 2:
        left = [(d, r) for d, r in _strip_ar_clitic(word[:pos]) if (r,) in _GAZ]
        right = word[pos + 1:]
        if left and (right,) in _GAZ:
            d, r = left[-1]
            return [(start + d, start + pos, _GAZ[(r,)]),
                    (start + pos + 1, start + len(word), _GAZ[(right,)])]
        pos = word.find("و", pos + 1)
    return []


def _is_ar_name_word(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a" and word not in _AR_STOP and len(word) >= 2


def _ar_people(norm, tokens, lowered, known_people) -> list[tuple[int, int, str]]:
    """Arabic person names from first names, titles and appositions."""
    found = []
    n = len(tokens)
    for i, word in enumerate(lowered):
        readings = _strip_ar_clitic(word)
        # A known first name opens a name of two or three words.
        for dropped, head in readings:
            if head in lx.AR_FIRST_NAMES and i + 1 < n and _is_ar_name_word(lowered[i + 1]):
                last = _through_links(lowered, i + 1, limit=i + 4)
                found.append((tokens[i][0] + dropped, tokens[last][1], "person"))
                known_people.add(lowered[last])
                break
        # A title (and nationality adjectives) then a name: "الرئيس الروسي X Y".
        if any(head in lx.AR_PERSON_TITLES for _, head in readings):
            j = i + 1
            while j < n and lowered[j] in lx.AR_NATIONALITIES:
                j += 1
            if j < n and lowered[j] in known_people:
                found.append((tokens[j][0], tokens[j][1], "person"))
            elif j + 2 < n and _is_ar_name_word(lowered[j]) and lowered[j] not in lx.AR_PLACES:
                # "الوزير سامر خليل إن ..." / "العقيد غريب عبد الحافظ، ...": a name of two
                # words (links such as عبد and بن join a third) closed by إن or a comma.
                last = _through_links(lowered, j + 1, limit=j + 3)
                if last + 1 < n and _is_ar_name_word(lowered[last]) and (
                        lowered[last + 1] in _AR_THAT
                        or norm[tokens[last][1]:tokens[last + 1][0]].strip() in ("،", ",", ":")):
                    found.append((tokens[j][0], tokens[last][1], "person"))
                    known_people.add(lowered[last])
            name = _name_after_office(norm, tokens, lowered, i + 1)
            if name:
                found.append((tokens[name[0]][0], tokens[name[1]][1], "person"))
                known_people.add(lowered[name[1]])
        # An apposition: "يقول X Y، الخبير ..." -> X Y is a person.
        if i >= 2 and any(h in lx.AR_PERSON_TITLES for _, h in readings) \
                and norm[tokens[i - 1][1]:tokens[i][0]].strip() == "،":
            name = []
            k = i - 1
            while k >= 0 and len(name) < 3 and _is_ar_name_word(lowered[k]) and lowered[k] not in lx.AR_PLACES:
                name.append(k)
                if k == 0 or norm[tokens[k - 1][1]:tokens[k][0]] != " ":
                    break
                k -= 1
            if len(name) >= 2:
                found.append((tokens[name[-1]][0], tokens[i - 1][1], "person"))
                known_people.add(lowered[i - 1])
    return found


def _through_links(lowered: list[str], k: int, limit: int) -> int:
    """Index of the name word that ends a name at `k`, followed through links
    ("فون دير لاين", "غريب عبد الحافظ"), going no further than `limit`."""
    while lowered[k] in _NAME_LINKS and k + 1 < len(lowered) and k < limit:
        k += 1
    return k


_AFTER_NAME = frozenset(["في", "خلال", "امام", "عن", "على", "من", "الى", "لدى", "قائلا", "قائلة", "مضيفا",
                         "مضيفة", "مؤكدا", "مؤكدة"]) | _AR_THAT


def _is_definite(word: str) -> bool:
    """ال, also behind a clitic: "الحزب", "للحزب", "والحزب", "بالحزب"."""
    return word.startswith(("ال", "لل")) or (word[:1] in "وفبك" and word[1:].startswith(("ال", "لل")))


def _name_after_office(norm, tokens, lowered, j) -> tuple[int, int] | None:
    """"محافظ البنك المركزي التركي فاتح قره خان في ...": the name after a title's definite complement.

    After the title come one to four definite words (the office), then two or
    three indefinite words (the name), then what closes a name: إن/أن, a
    preposition, a participle or punctuation. A feminine or plural ending
    (ة, ات) marks a noun, not a name, so "أعلن وزير المالية خطة جديدة في"
    names nobody.
    """
    n = len(tokens)
    k = j
    while k < n and k < j + 4 and _is_definite(lowered[k]) and norm[tokens[k - 1][1]:tokens[k][0]] == " ":
        k += 1
    if k == j:
        return None
    first = k
    while k < n and k < first + 3 and norm[tokens[k - 1][1]:tokens[k][0]] == " " and _is_ar_name_word(lowered[k]) \
            and not _is_definite(lowered[k]) and not lowered[k].endswith(("ة", "ات")) \
            and lowered[k] not in lx.AR_PLACES and lowered[k] not in _AFTER_NAME:
        k += 1
    if k - first < 2:
        return None
    closed = k == n or lowered[k] in _AFTER_NAME or norm[tokens[k - 1][1]:tokens[k][0]].strip()[:1] in (
        "،", ",", ":", ".", '"')
    return (first, k - 1) if closed else None


def _ar_organizations(norm, tokens, lowered) -> list[tuple[int, int, str]]:
    """"مؤسسة X Y للZ" and "صحيفة "X"": a head noun and the name after it."""
    found = []
    n = len(tokens)
    for i, word in enumerate(lowered):
        for dropped, head in _strip_ar_clitic(word):
            if head not in lx.AR_ORG_HEADS:
                continue
            after = norm[tokens[i][1]:tokens[i][1] + 3]
            if after.lstrip().startswith('"'):
                close = norm.find('"', tokens[i][1] + after.index('"') + 1)
                if close != -1 and close - tokens[i][1] < 60:
                    found.append((tokens[i][1] + after.index('"') + 1, close, "organization"))
                break
            j = i + 1
            while j < n and j <= i + 4 and lowered[j] not in _AR_ORG_STOP and _may_continue_org(lowered[j]) \
                    and norm[tokens[j - 1][1]:tokens[j][0]].strip() == "":
                j += 1
            if j > i + 1:
                found.append((tokens[i][0] + dropped, tokens[j - 1][1], "organization"))
            break
    return found


def _ar_definite_organizations(tokens, lowered) -> list[tuple[int, int, str]]:
    """"المفوضية الاوروبية", "البنك المركزي المصري": a definite body noun and the adjectives that name it."""
    found = []
    n = len(tokens)
    for i, word in enumerate(lowered):
        for dropped, head in _strip_ar_clitic(word):
            if head not in lx.AR_DEFINITE_ORG_HEADS:
                continue
            j = i + 1
            while j < n and j <= i + 2 and lowered[j] in lx.AR_ORG_ADJECTIVES:
                j += 1
            if j > i + 1:
                found.append((tokens[i][0] + dropped, tokens[j - 1][1], "organization"))
            break
    return found


def _ar_headed_names(norm, tokens, lowered) -> list[tuple[int, int, str]]:
    """Places and models named after a head noun: "مدينة ستراسبورغ", "30 طائرة رافال".

    Only the name is tagged, not the head. A model name is indefinite (no ال),
    not an adjective-looking word ending in ة or ي, and not a describing word
    ("طائرات شحن"); a place name may be definite ("ميناء الحديدة") and run to
    two words, but not to an adjective ("مدينة ستراسبورغ الفرنسية").
    """
    found = []
    n = len(tokens)
    for i, word in enumerate(lowered[:-1]):
        heads = {head for _, head in _strip_ar_clitic(word)}
        label = "place" if heads & lx.AR_PLACE_HEADS else "equipment" if heads & lx.AR_EQUIPMENT_HEADS else None
        if not label or norm[tokens[i][1]:tokens[i + 1][0]] != " ":
            continue
        j = i + 1
        while j < n and j <= i + (2 if label == "place" else 1) and _may_name_after_head(lowered[j], label) \
                and norm[tokens[j - 1][1]:tokens[j][0]] == " " and not (j > i + 1 and lowered[j].startswith("و")):
            j += 1  # a second word opening with و is the next item of a list ("كانبيرا ومطار")
        if j > i + 1:
            found.append((tokens[i + 1][0], tokens[j - 1][1], label))
    return found


def _may_name_after_head(word: str, label: str) -> bool:
    if not _is_ar_name_word(word) or len(word) < 3 or word in lx.AR_NOT_MODEL_NAMES or word in _AR_ORG_STOP:
        return False
    if label == "place":
        # Place names may be definite and end in ة ("ميناء الحديدة"); an adjective ending in ي/ية may not.
        return not word.endswith(("ي", "ية")) and word not in lx.AR_ORG_ADJECTIVES
    return not _is_definite(word) and not word.endswith(("ة", "ي", "ى"))


def _may_continue_org(word: str) -> bool:
    """Whether `word` can extend an organisation name: not a figure, not "لـ" + verb.

    "مؤسسة كارنيجي للسلام" continues through "للسلام" (لل + noun), while
    "شركة إيني لحفر" stops at "لحفر" (a purpose clause).
    """
    if word[:1].isdigit():
        return False
    return not (word.startswith("ل") and not word.startswith("لل") and not word.startswith("ال"))


_EN_CONNECTORS = frozenset(["of", "for", "and", "de", "du", "von", "van", "der"])


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and word[:1].isascii()


def _en_run_end(norm, tokens, i) -> int:
    """End (exclusive token index) of the capitalised name starting at token `i`.

    A name runs on through single spaces over capitalised words, through
    connectors ("Bank of England", "Council for the Exploration of the Sea")
    and through a possessive ("Scottish Fishermen's Federation").
    """
    n = len(tokens)
    j = i + 1
    while j < n:
        gap = norm[tokens[j - 1][1]:tokens[j][0]]
        word = tokens[j][2]
        if gap == " " and _is_cap(word):
            j += 1
            continue
        if gap == " " and word in _EN_CONNECTORS:
            k = j + 1
            # "of the Sea", but "X and the Y" is two names.
            if k < n and word != "and" and tokens[k][2] == "the" and norm[tokens[j][1]:tokens[k][0]] == " ":
                k += 1
            if k < n and norm[tokens[k - 1][1]:tokens[k][0]] == " " and _is_cap(tokens[k][2]):
                j = k + 1
                continue
        elif gap in ("'", "\u2019") and word == "s" and j + 1 < n \
                and norm[tokens[j][1]:tokens[j + 1][0]] == " " and _is_cap(tokens[j + 1][2]):
            j += 2
            continue
        break
    return j


def _en_capitalised(norm, tokens, known_people) -> list[tuple[int, int, str]]:
    """English names: runs of capitalised words, labelled by context.

    A run joined by "and" that names no body is several names ("Britain and
    Norway", "Peterhead and Fraserburgh"); a title inside a run leaves the
    person after it ("Environment Secretary Claire Hollins").
    """
    found = []
    n = len(tokens)
    i = 0
    while i < n:
        word = tokens[i][2]
        if not _is_cap(word) or word.lower() in lx.EN_STOP_CAPS:
            i += 1
            continue
        j = _en_run_end(norm, tokens, i)
        lowered = [t[2].lower() for t in tokens[i:j]]
        if "and" in lowered and not any(w in lx.EN_ORG_WORDS for w in lowered):
            parts, a = [], i
            for k in range(i, j):
                if tokens[k][2] == "and":
                    parts.append((a, k))
                    a = k + 1
            parts.append((a, j))
        else:
            parts = [(i, j)]
        for a, b in parts:
            span = _en_label(norm, tokens, a, b, j, known_people)
            if span:
                found.append(span)
        i = j
    return found


def _en_label(norm, tokens, i, j, run_end, known_people):
    """(start, end, label) for the capitalised words tokens[i:j], or None."""
    n = len(tokens)
    words = [t[2] for t in tokens[i:j]]
    lowered = [w.lower() for w in words]
    word = words[0]
    prev = tokens[i - 1][2].lower().rstrip(".") if i else ""
    nxt = tokens[run_end][2].lower() if run_end < n else ""
    sentence_initial = i == 0 or norm[max(0, tokens[i][0] - 2):tokens[i][0]].strip() in {".", "\"", ":"}
    titled = [k for k, w in enumerate(lowered[:-1]) if w in lx.EN_PERSON_TITLES]
    first = i
    label = None
    if any(w in lx.EN_ORG_WORDS for w in lowered) or (len(words) == 1 and word.isupper() and len(word) > 1):
        label = "organization"
    elif len(words) > 1 and lowered[-1] in lx.EN_PLACE_WORDS:
        label = "place"
    elif titled and 1 <= len(words) - titled[-1] - 1 <= 3:
        # "Environment Secretary Claire Hollins", "President Obama": the name after the title.
        first = i + titled[-1] + 1
        label = "person"
    elif prev in lx.EN_PERSON_TITLES or (len(words) in (2, 3) and all(w.isalpha() or "'" in w for w in words)):
        label = "person"
    elif lowered[-1] in known_people or (nxt in lx.EN_SPEECH_VERBS and not sentence_initial):
        label = "person"
    if not label or (len(words) == 1 and sentence_initial and label != "organization"):
        return None
    if all((w,) in _GAZ for w in lowered):
        label = _GAZ[(lowered[0],)]
    if label == "person" and j - first > 1:
        known_people.add(lowered[-1])
    return tokens[first][0], tokens[j - 1][1], label
