"""Entities with offsets, in Arabic and English."""

from claims.text.entities import find_entities
from claims.text.normalize import match_key


def labelled(text):
    ents = find_entities(text)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return {(match_key(e.text), e.label) for e in ents}


def test_it_finds_arabic_places_people_and_dates():
    text = "زار الرئيس الفرنسي إيمانويل ماكرون القاهرة يوم الأحد الماضي، والتقى وزراء من مصر والأردن في 3 مارس 2024."
    found = labelled(text)
    assert ("القاهرة", "place") in found
    assert ("مصر", "place") in found
    assert ("الاردن", "place") in found
    assert ("ايمانويل ماكرون", "person") in found
    assert any(label == "date" and "2024" in key for key, label in found)


def test_it_splits_glued_place_names():
    found = labelled("توترت العلاقات بين بغدادودمشق وبين الولاياتالمتحدة.")
    assert ("بغداد", "place") in found
    assert ("دمشق", "place") in found
    assert ("الولاياتالمتحدة", "place") in found


def test_it_takes_a_name_before_an_apposition_as_a_person():
    found = labelled("ويقول ماتياس هولم، الباحث في معهد الدراسات الشمالية، إن التجربة نجحت.")
    assert ("ماتياس هولم", "person") in found
    assert ("معهد الدراسات الشمالية", "organization") in found


def test_it_finds_equipment_codes_in_both_scripts():
    found = labelled('اشترى الجيش طائرات "إف-16" وصواريخ S-300 وعربات T-72B.')
    assert {("اف-16", "equipment"), ("S-300", "equipment"), ("T-72B", "equipment")} <= found


def test_it_finds_english_people_organisations_and_quantities():
    text = "Senator Maria Lopez told the Ministry of Health that 12,000 nurses left in 2021."
    found = labelled(text)
    assert ("Maria Lopez", "person") in found
    assert ("Ministry of Health", "organization") in found
    assert ("12,000", "quantity") in found
    assert ("2021", "date") in found


def test_it_does_not_read_the_preposition_ala_as_a_name():
    found = labelled("اعتمدت الشركة على الموردين المحليين.")
    assert not any(label == "person" for _, label in found)


def test_it_needs_capitals_for_english_names_and_reads_place_words():
    found = labelled("The farmer who lives near Dodge City said the WHO report was late.")
    assert ("Dodge City", "place") in found
    assert ("WHO", "organization") in found
    assert not any(key == "who" for key, _ in found)


def test_it_splits_words_glued_after_a_word_final_letter():
    text = "وأعلنت شركةنفطكو الوطنية أمس أنها ستوقف الضخ علىالفور."
    ents = find_entities(text)
    [body] = [e for e in ents if e.label == "organization"]
    assert body.text == "شركةنفطكو الوطنية" and text[body.start:body.end] == body.text


def test_it_names_a_definite_body_by_its_adjectives():
    found = labelled("وقالت المفوضية الأوروبية إن البنك المركزي المصري رفع الفائدة، وأكد الجيش اللبناني ذلك.")
    assert ("المفوضية الاوروبية", "organization") in found
    assert any(label == "organization" and key.endswith("المركزي المصري") for key, label in found)
    assert any(label == "organization" and "الجيش" in key for key, label in found)


def test_it_follows_name_links_to_the_family_name():
    found = labelled("وقالت أنالينا فون دير برغ في مؤتمر صحفي إن المحادثات ستستمر.")
    assert any(label == "person" and key.endswith("فون دير برغ") for key, label in found)


def test_english_names_run_through_connectors_and_possessives_and_split_at_and():
    text = ("Britain and Norway asked the International Council for the Exploration of the Sea and the "
            "Scottish Fishermen's Federation for advice, Environment Secretary Claire Hollins said.")
    found = labelled(text)
    assert {("Britain", "place"), ("Norway", "place")} <= found
    assert ("International Council for the Exploration of the Sea", "organization") in found
    assert ("Scottish Fishermen's Federation", "organization") in found
    assert ("Claire Hollins", "person") in found
    assert not any("and" in key.split() for key, _ in found)


def test_a_head_noun_names_places_and_models_nobody_listed():
    found = labelled("وصلت 30 طائرة رافال ودبابات أبرامز وطائرات شحن إلى ميناء الحديدة ثم إلى مدينة سان فرانسيسكو الأمريكية.")
    assert ("رافال", "equipment") in found and ("ابرامز", "equipment") in found
    assert not any(key == "شحن" for key, _ in found)
    assert ("الحديدة", "place") in found
    assert ("سان فرانسيسكو", "place") in found


def test_a_name_after_a_title_and_its_office_is_a_person():
    found = labelled("وقال محافظ البنك المركزي التركي فاتح قره خان في مؤتمر صحفي إن التضخم سيتراجع.")
    assert ("فاتح قره خان", "person") in found
    assert ("البنك المركزي التركي", "organization") in found
    # A feminine noun after the office is what was announced, not a name.
    assert not any(label == "person" for _, label in labelled("أعلن وزير المالية خطة جديدة في مؤتمر صحفي."))
    assert ("ليلى حسن", "person") in labelled("وقالت الأمين العام للحزب ليلى حسن إن الانتخابات ستجرى في موعدها.")


def test_adjacent_person_spans_are_one_name():
    found = labelled("وكان الرئيس رجب طيب أردوغان قد عين محافظا جديدا للبنك.")
    assert ("رجب طيب اردوغان", "person") in found
