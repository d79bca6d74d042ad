import pytest

from carnet.lib.sensitive import looks_like_phone, scan

ALLOWED = ["Caritas Albania", "North Macedonia", "Bosnia and Herzegovina", "Secours Catholique"]


def found(text, allowed=ALLOWED):
    return [(flag.kind, flag.text) for flag in scan(text, allowed=allowed)]


def test_email_addresses_are_flagged():
    assert found("Write to ana.leka+net@caritas-al.org or info@example.co.uk.") == [
        ("email", "ana.leka+net@caritas-al.org"),
        ("email", "info@example.co.uk"),
    ]


@pytest.mark.parametrize(
    ("phone", "flagged"),
    [
        ("+355 69 123 4567", "+355 69 123 4567"),
        ("00374 10 123456", "00374 10 123456"),
        ("069 123 4567", "069 123 4567"),
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("044 123 456", "044 123 456"),
        ("+33612345678", "+33612345678"),
        ("(069) 123-4567", "069) 123-4567"),  # the opening bracket is left out
    ],
)
def test_phone_numbers_are_flagged(phone, flagged):
    assert found(f"Call {phone} today.") == [("phone", flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "From 2015-2016 the network grew.",
        "In 2011 2012 2013 and 2014.",
        "Between 2011 – 2019.",
        "On 12/03/2019 and 2019-09-02 and 02.09.2019.",
        "A budget of 10 000 000 euros, or 1.250.000 lek.",
        "Page 12 of 300.",
    ],
)
def test_years_dates_and_amounts_are_not_phone_numbers(text):
    assert found(text) == []


def test_looks_like_phone_needs_eight_to_fifteen_digits():
    assert looks_like_phone("123 4567") is False
    assert looks_like_phone("1234 5678") is True
    assert looks_like_phone("1234567890123456") is False


def test_person_names_are_flagged_with_or_without_title():
    assert found("In March Ana Leka met Mr. Petrov and Dr Maria Petrovska.") == [
        ("name", "Ana Leka"),
        ("name", "Mr. Petrov"),
        ("name", "Dr Maria Petrovska"),
    ]


def test_a_name_after_common_words_is_still_found():
    # "In March" starts the run of capitalised words; the name must not hide behind it.
    assert found("In March Ana Leka spoke.") == [("name", "Ana Leka")]


def test_organisations_and_countries_passed_as_allowed_are_not_flagged():
    text = (
        "Caritas Albania worked with partners in North Macedonia and in Bosnia and "
        "Herzegovina, with Secours Catholique."
    )
    assert found(text) == []
    assert found("North Macedonia", allowed=[]) == [("name", "North Macedonia")]


def test_allowed_names_are_matched_whole_and_in_any_case():
    assert found("CARITAS ALBANIA and caritas albania.") == []
    assert found("Caritas Albanian Team Leader") == [("name", "Albanian Team Leader")]


def test_an_allowed_name_does_not_join_neighbouring_words_into_a_name():
    assert found("Director Caritas Albania Tirana office") == []


def test_consented_names_passed_as_allowed_are_not_flagged():
    assert found("Ana Leka said it.", allowed=["Ana Leka"]) == []
    assert found("Ana Leka met Bora Sargsyan.", allowed=["Ana Leka"]) == [("name", "Bora Sargsyan")]


def test_empty_text_has_no_flags():
    assert scan("") == [] and scan(None) == []


def test_flags_carry_their_position():
    flag = scan("Mail: x@y.org")[0]
    assert (flag.start, flag.end) == (6, 13)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Встреча прошла хорошо: Иван Петров выступил.", "Иван Петров"),
        ("Затем г-н Петров ответил.", "г-н Петров"),
        ("Στη συνάντηση ο Γιάννης Παπαδόπουλος μίλησε.", "Γιάννης Παπαδόπουλος"),
        ("Η κυρία Ελένη ήρθε.", "κυρία Ελένη"),
        ("Հանդիպմանը, Արամ Սարգսյան խոսեց։", "Արամ Սարգսյան"),
        ("Խոսեց պարոն Սարգսյանը։", "պարոն Սարգսյանը"),
        ("შეხვედრაზე გიორგი ბერიძე გამოვიდა.", "გიორგი ბერიძე"),
        ("სიტყვით გამოვიდა ლაშა მაისურაძე.", "ლაშა მაისურაძე"),
        ("ისაუბრა ბატონმა ლევანმა.", None),
        ("ისაუბრა ქალბატონი ნანა.", "ქალბატონი ნანა"),
        ("تحدث السيد كريم منصور في الاجتماع.", "السيد كريم منصور"),
        ("وحضرت فاطمة الزهراء الورشة.", "فاطمة الزهراء"),
        ("وقال يوسف بن علي إن العمل مستمر.", "يوسف بن علي"),
    ],
)
def test_names_in_other_scripts_are_flagged_like_latin_ones(text, name):
    assert found(text) == ([("name", name)] if name else [])


@pytest.mark.parametrize(
    "text",
    [
        "Тренинг для социальных работников прошёл в городе.",
        "Η εκπαίδευση έγινε στην πόλη.",
        "ორგანიზაციამ ინფორმაცია გაავრცელა.",
        "نظمت المنظمة ورشة عمل حول الاتجار بالبشر.",
    ],
)
def test_ordinary_sentences_in_other_scripts_are_not_flagged(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Partners:\nAlbania\nArmenia",
        "- Tirana\n- Yerevan",
        "Виктор\nПетров",
        "Σύνοψη\nΓιάννης",
        "قائمة: محمد\nمنصور",
    ],
)
def test_a_name_is_never_assembled_across_two_lines_or_list_items(text):
    assert found(text) == []
