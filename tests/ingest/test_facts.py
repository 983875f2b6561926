"""Planning claims from the extraction contract's JSON (no database)."""

from docket.ingest.facts import InstitutionRef, facility_kind, plan_person, script_of


def facts_of(plan, field):
    return [f for f in plan.facts if f.field == field]


def test_plan_person_turns_every_field_into_claims(seed_text, seed_extraction):
    ikram = seed_extraction["persons"][0]
    plan = plan_person(ikram, position=0, text=seed_text, published="2024-09-01")
    assert (plan.name, plan.role, plan.count, plan.names) == (
        "Ikram Nurmehmet",
        "victim",
        1,
        ["Ikram Nurmehmet"],
    )
    [name] = facts_of(plan, "name")
    assert name.value == {
        "text": "Ikram Nurmehmet",
        "script": "Latn",
        "kind": "legal",
        "language": "",
    }
    assert seed_text[slice(*name.span)] == "Ikram Nurmehmet"
    [age] = facts_of(plan, "age")
    assert age.value == {"age": 33, "as_of": "2024-09-01"}
    occupations = facts_of(plan, "occupation")
    assert [(f.value, seed_text[slice(*f.span)]) for f in occupations] == [
        ("filmmaker", "filmmaker"),
        ("director", "director"),
    ]
    [charge] = facts_of(plan, "charge")
    assert charge.value["category"] == "terrorism" and charge.in_case
    [sentence] = facts_of(plan, "sentence")
    assert (sentence.value["min_months"], sentence.value["max_months"]) == (78, 78)
    assert seed_text[slice(*sentence.span)] == "six and a half years in prison"
    assert [f.value for f in facts_of(plan, "allegation")] == [
        {"type": "torture", "case": None},
        {"type": "coerced_confession", "case": None},
        {"type": "family_not_notified", "case": None},
    ]
    assert [f.value for f in facts_of(plan, "status")] == ["sentenced"]


def test_court_goes_to_the_nearest_court_event_and_facility_stands_alone(
    seed_text, seed_extraction
):
    plan = plan_person(seed_extraction["persons"][0], position=0, text=seed_text, published=None)
    events = {(f.value["type"], f.value["date"]): f for f in facts_of(plan, "event")}
    court = InstitutionRef("Urumqi Intermediate People's Court", "court")
    assert events[("sentence", "2024-01")].institution == court  # straight quote now
    assert events[("family_notification", "2024-08-23")].institution is None
    facility = events[("detention", None)]
    assert facility.institution == InstitutionRef(
        "Urumqi No. 1 Detention Center", "detention_facility"
    )
    assert seed_text[slice(*facility.span)] == "Urumqi No. 1 Detention Center"
    assert all(f.in_case for f in events.values())


def test_a_court_far_from_any_court_event_makes_a_trial_event():
    text = "The Kashgar Intermediate People's Court heard it. " + "x " * 200 + "He was sentenced."
    person = {
        "name": "Alim Tursun",
        "court": "Kashgar Intermediate People's Court",
        "events": [{"type": "sentence", "date": "2019", "evidence": [[len(text) - 9, len(text)]]}],
        "evidence": {"court": [[4, 39]]},
    }
    plan = plan_person(person, position=0, text=text, published=None)
    kinds = [(f.value["type"], f.institution) for f in facts_of(plan, "event")]
    assert kinds == [
        ("sentence", None),
        ("trial", InstitutionRef("Kashgar Intermediate People's Court", "court")),
    ]


def test_detention_date_becomes_an_event_once():
    person = {
        "name": "A B",
        "detention_date": "2017-05",
        "events": [{"type": "detention", "date": "2017-05", "evidence": []}],
    }
    plan = plan_person(person, position=0, text="A B was detained in May 2017.", published=None)
    assert [f.value["date"] for f in facts_of(plan, "event")] == ["2017-05"]


def test_unnamed_group_has_a_count_and_no_name(seed_text, seed_extraction):
    plan = plan_person(seed_extraction["persons"][2], position=2, text=seed_text, published=None)
    assert plan.name is None and plan.names == []
    assert [f.value for f in facts_of(plan, "count")] == [4]
    assert not facts_of(plan, "name")


def test_values_the_specs_refuse_are_dropped_not_fatal():
    person = {
        "name": "A B",
        "age": 400,
        "sex": "unknown-sex",
        "allegations": ["torture", "no_such_allegation"],
        "charge_categories": ["no_such_category"],
        "sentence": {"min_months": -3},
        "evidence": {"name": [[0, 3]], "allegations": [[50, 10], "bad"]},
    }
    plan = plan_person(person, position=0, text="A B was tortured.", published=None)
    assert [f.field for f in plan.facts] == ["name", "allegation"]
    assert plan.facts[0].span == (0, 3)
    assert plan.facts[1].span is None  # the spans given were unusable


def test_charges_without_paired_categories_take_a_category_from_their_words():
    person = {
        "name": "A B",
        "charges": ["inciting splittism", "picking quarrels and provoking trouble", "theft"],
        "charge_categories": ["separatism", "picking_quarrels"],
    }
    plan = plan_person(person, position=0, text="A B", published=None)
    assert [(f.value["text"], f.value["category"]) for f in facts_of(plan, "charge")] == [
        ("inciting splittism", "separatism"),
        ("picking quarrels and provoking trouble", "picking_quarrels"),
        ("theft", "property"),
    ]


def test_a_category_without_its_charge_words_quotes_its_span():
    text = "He was charged under Article 103 of the Criminal Law."
    person = {"name": "A B", "charge_categories": ["separatism"], "evidence": {
        "charge_categories": [[21, 32]]}}  # fmt: skip
    [charge] = facts_of(plan_person(person, position=0, text=text, published=None), "charge")
    assert charge.value["text"] == "Article 103" and charge.span == (21, 32)


def test_aliases_in_other_scripts_are_transliterations():
    person = {"name": "Ilham Tohti", "aliases": ["伊力哈木·土赫提", "Tohti"]}
    plan = plan_person(person, position=0, text="Ilham Tohti", published=None)
    kinds = [(f.value["text"], f.value["script"], f.value["kind"]) for f in facts_of(plan, "name")]
    assert kinds == [
        ("Ilham Tohti", "Latn", "legal"),
        ("伊力哈木·土赫提", "Hans", "transliteration"),
        ("Tohti", "Latn", "alias"),
    ]


def test_script_and_facility_kind():
    assert (
        script_of("Тохти") == "Cyrl" and script_of("ئىلھام") == "Arab" and script_of("") == "Latn"
    )
    assert facility_kind("Xinjiang No. 1 Prison") == "prison"
    assert facility_kind("Kashgar Vocational Skills Education and Training Center") == "camp"
    assert facility_kind("Urumqi Public Security Bureau") == "police"
    assert facility_kind("Lhasa Detention Center") == "detention_facility"


def test_a_call_for_release_is_dated_by_the_report_when_its_words_give_no_date():
    text = "Human Rights Watch said China should release Alim Tursun."
    start = text.index("should release")
    person = {
        "name": "Alim Tursun",
        "interventions": [
            {
                "kind": "call_for_release",
                "by": "Human Rights Watch",
                "date": None,
                "evidence": [[start, start + len("should release")]],
            }
        ],
    }
    plan = plan_person(person, position=0, text=text, published="2024-09-19")
    [call] = facts_of(plan, "intervention")
    assert (call.value["by"], call.value["date"], call.span) == (
        "Human Rights Watch",
        "2024-09-19",
        (start, start + len("should release")),
    )
    undated = plan_person(person, position=0, text=text, published="sometime")
    assert facts_of(undated, "intervention")[0].value["date"] is None
