"""Quotes, speakers and cited sources."""

from claims.text.pipeline import extract


def quotes(text, language=None):
    return [(c.quote.text, c.quote.speaker) for c in extract(text, language).claims if c.quote]


def test_it_takes_the_speaker_after_a_speech_verb_and_before_an_apposition():
    text = 'ويقول ماتياس هولم، الباحث في معهد الدراسات الشمالية: "المشروع تأخر ثلاث سنوات عن موعده".'
    assert quotes(text) == [("المشروع تأخر ثلاث سنوات عن موعده", "ماتياس هولم")]


def test_it_takes_the_subject_before_a_participle_for_qailan():
    text = 'ورفض الرئيس الفرنسي إيمانويل ماكرون الخطة، قائلاً: "لا يمكننا قبول هذه الشروط أبداً".'
    [(said, speaker)] = quotes(text)
    assert said.startswith("لا يمكننا قبول")
    assert "ماكرون" in speaker


def test_it_gives_an_indirect_quote_for_qala_x_inna():
    text = "وقال ماكرون إن فرنسا سترسل مساعدات إضافية إلى المنطقة."
    [(said, speaker)] = quotes(text)
    assert "ماكرون" in speaker
    assert said.startswith("فرنسا سترسل")


def test_it_finds_english_quotes_after_and_before_the_verb():
    text = '"We have hired 300 teachers this year," said Mayor Anna Berg. Later she added more detail.'
    assert quotes(text, "en")[0] == ("We have hired 300 teachers this year,", "Anna Berg")


def test_it_does_not_take_a_quoted_newspaper_name_for_a_quote():
    text = 'بحسب تقرير لصحيفة "فايننشال تايمز" البريطانية، ارتفعت الصادرات بنسبة 4 في المئة.'
    result = extract(text)
    assert all(c.quote is None for c in result.claims)
    assert "فايننشال تايمز" in result.cited_sources


def test_it_lists_sources_cited_in_english():
    result = extract("According to Reuters, the plant closed in May. The company declined to comment.")
    assert "Reuters" in result.cited_sources


def test_it_gives_he_said_that_to_the_last_person_named():
    text = "Officials met Mayor Anna Berg on Monday. He said that the bridge would reopen in 2026 after repairs."
    text = text.replace("He said", "She said")
    assert ("the bridge would reopen in 2026 after repairs", "Anna Berg") in quotes(text, "en")


def test_it_keeps_every_word_of_an_arabic_outlet_name():
    from claims.text.pipeline import extract

    text = ("وبحسب تقرير لصحيفة وول ستريت جورنال، فإن الشركة باعت 300 طائرة. "
            "وقالت وكالة رويترز إن الصفقة بلغت 5 مليارات دولار. "
            "وذكرت قناة الجزيرة يوم الأحد أن 20 شخصا قتلوا.")
    assert extract(text).cited_sources == ["وول ستريت جورنال", "رويترز", "الجزيرة"]


def test_an_indirect_quote_reaches_a_speaker_after_his_titles():
    text = "من جهته، أكد وزير الزراعة التونسي كريم العياري أن محصول القمح زاد بنسبة 12 في المئة هذا العام."
    [(said, speaker)] = quotes(text)
    assert speaker == "كريم العياري"
    assert said.startswith("محصول القمح")


def test_a_body_can_be_the_speaker():
    indirect = "قالت المفوضية الأوروبية يوم الاثنين إن صادرات القمح تراجعت بنسبة 8 في المئة."
    direct = 'وقالت وزارة الصحة في بيان: "سنفتح ثلاثة مستشفيات جديدة قبل نهاية العام".'
    assert [speaker for _, speaker in quotes(indirect)] == ["المفوضية الأوروبية"]
    assert quotes(direct) == [("سنفتح ثلاثة مستشفيات جديدة قبل نهاية العام", "وزارة الصحة")]


def test_english_reported_speech_without_that_and_after_an_apposition():
    text = ("Jamie Ferguson, who chairs the Harbour Traders Association, said the closure would cost 400 jobs. "
            "The Port Authority said it would publish the figures in June.")
    assert quotes(text, "en") == [
        ("the closure would cost 400 jobs", "Jamie Ferguson"),
        ("it would publish the figures in June", "Port Authority"),
    ]


def test_a_source_relayed_by_an_outlet_is_the_speaker():
    text = 'ونقلت الصحيفة عن مسؤول مصري لم تسمّه قوله إن "المفاوضات وصلت إلى مراحلها الأخيرة".'
    assert quotes(text) == [("المفاوضات وصلت إلى مراحلها الأخيرة", "مسؤول مصري")]


def test_an_arabic_name_joined_by_abd_follows_a_military_title():
    text = "وأعلن المتحدث العسكري العقيد غريب عبد الحافظ أن الدفعة الأولى من الطائرات وصلت في عام 2020."
    [(said, speaker)] = quotes(text)
    assert speaker == "غريب عبد الحافظ" and said.startswith("الدفعة الأولى")
