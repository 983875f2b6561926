"""Which persons of a report share a case (no database)."""

from docket.ingest.grouping import Group, case_title, group_persons, sentence_bounds


def test_seed_co_defendants_share_a_case_and_the_partners_have_their_own(
    seed_text, seed_extraction
):
    persons = seed_extraction["persons"]  # ikram, maya, four, tahir, six
    groups = group_persons(persons, seed_text)
    assert groups == [Group(victims=(0, 2), others=(1,)), Group(victims=(4,), others=(3,))]


def test_words_given_to_several_persons_do_not_tie_them(seed_text, seed_extraction):
    persons = seed_extraction["persons"]
    # An extractor handing the report's first date to everyone must not make one case.
    date = [seed_text.index("January 2024"), seed_text.index("January 2024") + 12]
    for person in persons:
        person["evidence"]["detention_date"] = [date]
    assert [g.victims for g in group_persons(persons, seed_text)] == [(0, 2), (4,)]


def test_same_court_on_the_same_date_is_one_trial():
    court = "Kashgar Intermediate People's Court"
    text = "A Bek was sentenced in May 2019. C Dov was sentenced in May 2019."
    persons = [
        {"name": "A Bek", "role": "victim", "court": court,
         "events": [{"type": "sentence", "date": "2019-05"}]},
        {"name": "C Dov", "role": "victim", "court": court,
         "events": [{"type": "sentence", "date": "2019-05"}]},
        {"name": "E Fay", "role": "victim", "court": court,
         "events": [{"type": "sentence", "date": "2020"}]},
    ]  # fmt: skip
    assert [g.victims for g in group_persons(persons, text)] == [(0, 1), (2,)]


def test_victims_named_apart_stay_apart():
    text = "Police detained Alim Tursun in 2017. In 2019 police detained Dilnur Ablet."
    persons = [
        {"name": "Alim Tursun", "role": "victim", "evidence": {"name": [[16, 27]]}},
        {"name": "Dilnur Ablet", "role": "victim", "evidence": {"name": [[61, 73]]}},
    ]
    assert [g.victims for g in group_persons(persons, text)] == [(0,), (1,)]


def test_named_co_defendants_in_one_sentence():
    text = "Alim Tursun and Dilnur Ablet were both sentenced by the court. Alim is a teacher."
    persons = [
        {"name": "Alim Tursun", "role": "victim"},
        {"name": "Dilnur Ablet", "role": "victim"},
        {"name": "Ruth Ng", "role": "source"},
    ]
    assert group_persons(persons, text) == [Group(victims=(0, 1), others=(2,))]


def test_victims_of_one_court_decision_share_a_case():
    text = (
        "Police detained Omer Akchi in 1996. On September 1, 1997, the court sentenced them: "
        "Omer Akchi (14 years); Mutallip Mehmet (7 years). Police later detained Yasin Obul."
    )
    persons = [
        {"name": "Omer Akchi", "role": "victim"},
        {"name": "Mutallip Mehmet", "role": "victim"},
        {"name": "Yasin Obul", "role": "victim"},
    ]
    assert [g.victims for g in group_persons(persons, text)] == [(0, 1), (2,)]


def test_no_victims_no_case():
    assert group_persons([{"name": "Maya Wang", "role": "source"}], "Maya Wang said.") == []


def test_sentence_bounds():
    text = "One. “Two.” Three?\nFour"
    assert [text[a:b] for a, b in sentence_bounds(text)] == ["One.", "“Two.”", "Three?", "Four"]


def test_case_title():
    assert case_title([{"name": "Ikram Nurmehmet"}, {"name": None, "count": 4}], fallback="x") == (
        "Ikram Nurmehmet and 4 others"
    )
    assert case_title([{"name": "A B"}, {"name": "C D"}], fallback="x") == "A B and C D"
    named = [{"name": n} for n in ("A", "B", "C", "D")]
    assert case_title(named, fallback="x") == "A, B, C and 1 other"
    assert case_title([{"count": 6}], fallback="HRW release") == "6 unnamed people (HRW release)"
    assert case_title([{}], fallback="r") == "An unnamed person (r)"
