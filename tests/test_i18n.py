"""The Arabic UI: right to left with Bootstrap's RTL stylesheet, Arabic labels
on every main page, and a complete Arabic catalogue (no untranslated or fuzzy
entry, placeholders kept, six plural forms, the committed .mo in step with
the .po)."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from claims import review
from claims.models import ClaimState
from tests.review_helpers import make_article, make_claim, rating_scale

S = ClaimState
LOCALE = Path(settings.BASE_DIR) / "claims" / "locale" / "ar" / "LC_MESSAGES"
ARABIC_PLURALS = ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                  ": n%100>=11 && n%100<=99 ? 4 : 5;")


def arabic(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200, url
    return response.content.decode()


def assert_rtl(html):
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap/css/bootstrap.rtl.min.css" in html
    assert "bootstrap/css/bootstrap.min.css" not in html
    # The nav, in Arabic.
    for label in ("منصة التحقق من الأخبار", "المقالات", "قوائم العمل", "الإشعارات", "تسجيل الخروج"):
        assert label in html, label


@pytest.fixture
def article(personas):
    return make_article(personas.reporter)


def test_it_shows_the_article_list_in_arabic(client, personas, article):
    html = arabic(client, personas.editor, reverse("claims:article_list"))
    assert_rtl(html)
    for label in ("قدّم مقالًا", "العنوان", "اللغة", "الحالة", "الادعاءات", "جاهز"):
        assert label in html, label


def test_it_shows_the_submit_form_in_arabic(client, personas):
    html = arabic(client, personas.reporter, reverse("claims:article_submit"))
    assert_rtl(html)
    for label in ("نص المقال", "الوسيلة الإعلامية", "تاريخ النشر", "اكتشاف تلقائي", "اختياري", "الصق النص"):
        assert label in html, label
    url_form = arabic(client, personas.reporter, reverse("claims:article_submit") + "?mode=url")
    assert "رابط المقال" in url_form and "اجلب وتحقق" in url_form


def test_it_shows_the_article_page_in_arabic_with_arabic_plurals(client, personas, article):
    for sentence in range(3):
        make_claim(article, sentence=sentence, state=S.TRIAGE)
    html = arabic(client, personas.editor, reverse("claims:article_detail", args=[article.pk]))
    assert_rtl(html)
    assert "3 ادعاءات" in html  # the 3-10 form
    assert "الجدير منها بالتحقق: 3" in html
    assert "إحصائية" in html and "الفرز" in html  # a kind and a state
    # The article's own text keeps its own direction.
    assert 'dir="ltr" lang="en"' in html

    one = make_article(personas.reporter, title="Another story")
    make_claim(one)
    assert "ادعاء واحد" in arabic(client, personas.editor, reverse("claims:article_detail", args=[one.pk]))


def test_it_shows_the_claim_page_in_arabic(client, personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    html = arabic(client, personas.editor, reverse("claims:claim_detail", args=[claim.pk]))
    assert_rtl(html)
    for label in ("الفرز", "ابدأ البحث", "علّق", "الأدلة", "الحكم", "سجل التغييرات", "التعليقات", "المكلَّف:"):
        assert label in html, label
    # The claim's text is user content: its direction comes from the text.
    assert 'dir="auto" id="claim-text"' in html


def test_it_shows_a_proposed_verdict_for_review_in_arabic(client, personas, article):
    claim = make_claim(article, state=S.PROPOSED, assignee=personas.editor, proposer=personas.editor)
    html = arabic(client, personas.chief, reverse("claims:claim_detail", args=[claim.pk]))
    assert "اعتمد وانشر" in html and "أعد لاستكمال العمل" in html and "حكم مقترح" in html
    # The rating scale's Arabic name, on the verdict and in the approval queue.
    name_ar = rating_scale()["false"].name_ar
    assert name_ar and name_ar in html
    claim.verdicts.update(status="published", is_current=True)
    assert name_ar in arabic(client, personas.chief, reverse("claims:queue", args=["approval"]))


def test_it_names_timeline_actions_and_states_in_arabic(client, personas, article):
    claim = make_claim(article, state=S.NEW)
    review.triage(claim=claim, by=personas.editor, expected_version=claim.version)
    html = arabic(client, personas.editor, reverse("claims:claim_detail", args=[claim.pk]))
    timeline = html.split('id="timeline"')[1]
    assert "<strong>الفرز</strong> · جديد ← الفرز" in timeline
    assert 'data-action="triage"' in timeline
    client.force_login(personas.editor)
    english = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "<strong>triage</strong> · new → triage" in english.split('id="timeline"')[1]
    # The report's audit timeline too, its times kept left to right.
    report = arabic(client, personas.editor, reverse("claims:article_report", args=[article.pk]))
    assert "سجل التغييرات" in report and "<b>الفرز</b>" in report and "جديد ← الفرز" in report
    assert '<time dir="ltr">' in report


def test_it_shows_a_queue_in_arabic(client, personas, article):
    make_claim(article, state=S.IN_REVIEW, assignee=personas.editor)
    html = arabic(client, personas.editor, reverse("claims:queue", args=["mine"]))
    assert_rtl(html)
    for label in ("ادعاءاتي", "غير مكلَّف بها", "بانتظار الاعتماد", "تصفية", "قيد المراجعة", "ادعاء واحد"):
        assert label in html, label


def test_it_explains_a_refusal_in_arabic(client, personas, article):
    claim = make_claim(article, state=S.TRIAGE)
    client.force_login(personas.editor)
    response = client.post(reverse("claims:claim_act", args=[claim.pk, "triage"]), {"version": claim.version},
                           HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 409
    assert "لا يمكن تنفيذ «triage» والادعاء في حالة «الفرز»." in response.content.decode()


def test_english_stays_the_default(client, personas, article):
    client.force_login(personas.editor)
    html = client.get(reverse("claims:article_list")).content.decode()
    assert '<html lang="en" dir="ltr">' in html and "bootstrap/css/bootstrap.min.css" in html
    assert "Articles" in html and "المقالات" not in html


# --- the catalogue -----------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (index -> text), flags."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += ast.literal_eval(line)
            else:
                entry[key[0]] += ast.literal_eval(line)
        else:
            word, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", word)
            if match:
                key = ("msgstr", int(match.group(1) or 0))
                entry["msgstr"][key[1]] = ast.literal_eval(value)
            else:
                key = (word,)
                entry[word] = ast.literal_eval(value)
    return entries


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


def test_the_arabic_catalogue_is_complete():
    entries = parse_po(LOCALE / "django.po")
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert f"Plural-Forms: {ARABIC_PLURALS}" in header["msgstr"][0]
    assert "Language: ar\n" in header["msgstr"][0]
    assert len(messages) > 300
    problems = []
    for entry in messages:
        msgid = entry["msgid"]
        if "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", msgid))
        forms = entry["msgstr"]
        if entry["msgid_plural"] is not None:
            if sorted(forms) != list(range(6)):
                problems.append(("not six plural forms", msgid))
            wanted = set(PLACEHOLDER.findall(entry["msgid_plural"]))
            # Arabic's zero, one and two forms may say the number in words.
            for index, text in forms.items():
                if not text:
                    problems.append(("untranslated", msgid))
                if index > 2 and set(PLACEHOLDER.findall(text)) != wanted:
                    problems.append(("placeholders", msgid, index))
        else:
            text = forms.get(0, "")
            if not text:
                problems.append(("untranslated", msgid))
            elif set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(msgid)):
                problems.append(("placeholders", msgid))
            if msgid.endswith("\n") != text.endswith("\n") or msgid.count("\n") != text.count("\n"):
                problems.append(("line breaks", msgid))
    assert problems == []


def test_the_committed_mo_matches_the_po():
    """`make run` uses the committed .mo: it must hold every translation of the .po."""
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(LOCALE / "django.po")[1:]:
        if entry["msgid_plural"] is None:
            if compiled.gettext(entry["msgid"]) != entry["msgstr"][0]:
                stale.append(entry["msgid"])
        elif compiled.ngettext(entry["msgid"], entry["msgid_plural"], 5) != entry["msgstr"][3]:
            stale.append(entry["msgid"])
    assert stale == [], "run `make messages` and commit the .mo"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed (make system-deps)")
def test_msgfmt_finds_nothing_untranslated_or_fuzzy(tmp_path):
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "out.mo"),
                             str(LOCALE / "django.po")], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\d+ translated messages\.", result.stderr.strip()), result.stderr


def test_it_gives_check_worthiness_reasons_in_arabic(client, personas):
    from claims import services

    article = services.submit_article_text(
        by=personas.reporter, title="سد", body="قال الوزير إن السد يخزن 4 مليارات متر مكعب منذ عام 2020."
    )
    services.extract_claims(article_id=article.pk)
    html = arabic(client, personas.reporter, reverse("claims:article_detail", args=[article.pk]))
    assert "يتضمن رقمًا" in html  # "has a figure", stored in English by the pipeline
    assert "has a figure" not in html
