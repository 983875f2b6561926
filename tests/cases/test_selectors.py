import pytest

from docket.cases import selectors as sel
from docket.cases.services import case_create, claim_reject, institution_create
from docket.extract.model import Person as ContractPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(users):
    return users["viewer"]


def test_case_list_filters(demo, viewer):
    trial, partners = demo.case_ids

    def ids(**filters):
        return {c.pk for c in sel.case_list(user=viewer, **filters)}

    assert ids() == {trial, partners}
    assert ids(status="sentenced") == {trial, partners}
    assert ids(ethnicity="Uighur") == {trial}
    assert ids(charge_category="terrorism") == {trial}
    assert ids(charge_category="separatism") == {partners}
    assert ids(court="Urumqi Intermediate People's Court") == {trial, partners}
    assert ids(facility="urumqi no. 1 detention center") == {trial}
    assert ids(year=2024) == {trial}
    assert ids(year="2012") == {trial}  # studying abroad 2010/2016 overlaps 2012
    assert ids(year=2020) == set()
    assert ids(case_status="closed") == set()
    assert sel.case_count(user=viewer, ethnicity="Uyghur") == 1


@pytest.mark.parametrize(
    "filters",
    [{"year": "20x4"}, {"charge_category": "parking"}, {"status": "free"}, {"case_status": "x"}],
)
def test_case_list_rejects_unknown_filter_values(demo, viewer, filters):
    from docket.core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        list(sel.case_list(user=viewer, **filters))


def test_case_filter_choices_offer_what_is_visible(demo, viewer):
    choices = sel.case_filter_choices(user=viewer)
    assert choices.ethnicities == ("Uyghur",)
    assert [c for c, _ in choices.charge_categories] == ["separatism", "terrorism"]
    assert [i.name for i in choices.courts] == ["Urumqi Intermediate People's Court"]
    assert [i.name for i in choices.facilities] == ["Urumqi No. 1 Detention Center"]
    assert 2024 in choices.years and 2012 in choices.years


def ikram(demo, user):
    return sel.person_get(user=user, person_id=demo.person_ids[0])


def test_person_timeline_is_sorted_and_honest(demo, viewer):
    timeline = sel.person_timeline(user=viewer, person=ikram(demo, viewer))
    assert [(e.type, e.date_text) for e in timeline] == [
        ("stay_abroad", "2010-2016"),
        ("conviction", "January 2024"),
        ("family_notification", "23 August 2024"),
        ("alleged_torture", "date unknown"),
        ("detention", "date unknown"),
    ]
    conviction = timeline[1]
    assert conviction.institution.name == "Urumqi Intermediate People's Court"
    [evidence] = conviction.evidence
    assert evidence.quote.startswith("Urumqi Intermediate People’s Court convicted")
    assert evidence.source_title == "Human Rights Watch press release on Ikram Nurmehmet"


def test_person_sentence_has_expected_release(demo, viewer):
    [view] = sel.person_sentences(user=viewer, person=ikram(demo, viewer))
    assert view.text == "78 months"
    assert view.expected_release.edtf == "../2030-07"
    assert view.evidence[0].quote == "sentenced to six and a half years in prison"


def test_detention_date_beats_conviction_as_start_of_term(demo, viewer, fact):
    person = ikram(demo, viewer)
    fact(person, "event", {"type": "detention", "date": "2023-03"})
    [view] = sel.person_sentences(user=viewer, person=person)
    assert view.expected_release.text == "September 2029"
    assert view.expected_release.basis == "detention"


def test_range_sentence_without_dates_has_no_release(demo, viewer):
    partners = sel.person_get(user=viewer, person_id=demo.person_ids[2])
    [view] = sel.person_sentences(user=viewer, person=partners)
    assert view.expected_release is None
    assert "unknown" in view.release_note


def test_person_facts_carry_source_and_quote_for_every_fact(demo, viewer):
    facts = sel.person_facts(user=viewer, person=ikram(demo, viewer))
    assert {f.field for f in facts} >= {"name", "sex", "age", "ethnicity", "charge", "sentence"}
    for f in facts:
        assert f.evidence, f
        for evidence in f.evidence:
            assert evidence.source_id == demo.source_id
            assert evidence.quote and evidence.span[1] - evidence.span[0] == len(evidence.quote)


def test_person_parts(demo, viewer):
    person = ikram(demo, viewer)
    assert [n.text for n in sel.person_names(user=viewer, person=person)] == ["Ikram Nurmehmet"]
    assert [o.text for o in sel.person_occupations(user=viewer, person=person)] == [
        "filmmaker",
        "director",
    ]
    assert [c.text for c in sel.person_charges(user=viewer, person=person)] == [
        "actively participating in terrorist activities (Terrorism and 'extremism' offences)"
    ]
    assert len(sel.person_allegations(user=viewer, person=person)) == 5
    [intervention] = sel.person_interventions(user=viewer, person=person)
    assert intervention.text == "Call for release by Human Rights Watch, date unknown"
    summary = sel.person_summary(user=viewer, person=person)
    assert (summary.name, summary.age, summary.age_as_of, summary.sex) == (
        "Ikram Nurmehmet",
        33,
        "2024",
        "male",
    )


def test_codefendants(demo, viewer):
    [other] = sel.person_codefendants(user=viewer, person=ikram(demo, viewer))
    assert (other.name, other.count, other.role) == ("4 unnamed people", 4, "victim")


def test_case_persons_show_sources_only_to_allowed_roles(demo, users):
    trial = sel.case_get(user=users["viewer"], case_id=demo.case_ids[0])
    for_viewer = [p.name for p in sel.case_persons(user=users["viewer"], case=trial)]
    for_editor = [p.name for p in sel.case_persons(user=users["editor"], case=trial)]
    assert for_viewer == ["Ikram Nurmehmet", "4 unnamed people"]
    assert for_editor == ["Ikram Nurmehmet", "4 unnamed people", "Maya Wang"]


def test_conflicts_are_shown_not_overwritten(person, fact, report, users):
    from docket.evidence.services import source_create

    alim = person()
    other = source_create(
        actor="system:test", text="Another report: he is 52.", confidentiality="public"
    ).source
    first = fact(alim, "age", {"age": 40, "as_of": "2024"}, source=report, quote="Alim Tursun, 40")
    fact(alim, "age", {"age": 52, "as_of": "2024"}, source=other, quote="he is 52")
    fact(alim, "age", {"age": 41, "as_of": "2025"})  # agrees with 40 in 2024
    [conflict] = sel.conflict_list(user=users["viewer"], person=alim)
    assert conflict.field == "age"
    assert {v.text for v in conflict.values} == {
        "40 (as of 2024)",
        "52 (as of 2024)",
        "41 (as of 2025)",
    }
    facts = sel.person_facts(user=users["viewer"], person=alim, fields=("age",))
    assert all(f.in_conflict for f in facts)
    claim_reject(actor="system:test", claim=first)
    assert sel.conflict_list(user=users["viewer"], person=alim)  # 52 vs 41 still disagree


def test_conflict_hidden_when_one_side_is_restricted(person, fact, report, users):
    alim = person()
    fact(alim, "ethnicity", "Uyghur", source=report, quote="Uyghur")
    fact(alim, "ethnicity", "Kazakh", confidentiality="restricted")
    assert sel.conflict_list(user=users["viewer"], person=alim) == []
    [conflict] = sel.conflict_list(user=users["editor"], person=alim)
    assert {v.value for v in conflict.values} == {"Uyghur", "Kazakh"}


def test_sentences_conflict_per_case(person, fact):
    alim = person()
    one = case_create(actor="system:test", title="One", confidentiality="public")
    two = case_create(actor="system:test", title="Two", confidentiality="public")
    fact(alim, "membership", {"case": one.pk, "role": "victim"})
    fact(alim, "sentence", {"min_months": 60, "case": one.pk})
    fact(alim, "sentence", {"min_months": 120, "case": two.pk})
    assert sel.conflict_list(user=None, person=alim) == []
    fact(alim, "sentence", {"min_months": 72, "case": one.pk})
    [conflict] = sel.conflict_list(user=None, person=alim)
    assert {v.text for v in conflict.values} == {"60 months (5 years)", "72 months (6 years)"}
    assert len(sel.conflict_list(user=None, case=one)) == 1


def test_person_to_contract_has_the_contract_shape(demo, viewer):
    shape = set(ContractPerson().to_dict()) - {"evidence"}
    for case in sel.case_list(user=viewer):
        exported = sel.case_to_contract(case=case, user=viewer)
        assert set(exported) == {"id", "title", "persons"}
        for person in exported["persons"]:
            assert set(person) == shape


def test_contract_detention_date_court_and_facility(person, fact):
    court = institution_create(actor="system:test", name="Kashgar Court", kind="court")
    prison = institution_create(actor="system:test", name="Kashgar Prison", kind="prison")
    jail = institution_create(actor="system:test", name="Kashgar Jail", kind="detention_facility")
    alim = person(name="Alim Tursun")
    fact(alim, "event", {"type": "detention", "date": "2017-05", "institution": jail.pk})
    fact(alim, "event", {"type": "formal_arrest", "date": "2017-07"})
    fact(alim, "event", {"type": "trial", "date": "2018", "institution": court.pk})
    fact(alim, "event", {"type": "transfer", "date": "2019", "institution": prison.pk})
    fact(alim, "sentence", {"death": True, "suspended": True})
    contract = sel.person_to_contract(person=alim, user=None)
    assert contract["detention_date"] == "2017-05"
    assert contract["court"] == "Kashgar Court"
    assert contract["facility"] == "Kashgar Prison"
    assert contract["sentence"] == {"death": True, "suspended": True}
    assert contract["role"] == "other"


def test_person_page_bundles_the_parts(demo, viewer):
    page = sel.person_page(user=viewer, person_id=demo.person_ids[0])
    assert page.summary.name == "Ikram Nurmehmet"
    assert [e.date_text for e in page.timeline][:2] == ["2010-2016", "January 2024"]
    assert page.sentences[0].expected_release.text == "July 2030 at the latest"
    assert [c.case.pk for c in page.cases] == [demo.case_ids[0]]
    assert page.codefendants[0].count == 4
    assert page.conflicts == []
    assert len(page.facts) > 15


def test_institution_list(demo, viewer):
    unused = institution_create(actor="system:test", name="Aksu Prison", kind="prison")
    names = [i.name for i in sel.institution_list(user=viewer)]
    assert names == [
        "Aksu Prison",
        "Urumqi Intermediate People's Court",
        "Urumqi No. 1 Detention Center",
    ]
    assert list(sel.institution_list(user=viewer, kinds={"prison"})) == [unused]
    assert sel.institution_get(user=viewer, institution_id=unused.pk) == unused


def test_claim_evidence(demo, users):
    claim = sel.claim_list(user=users["viewer"], field="sentence").first()
    evidence = sel.claim_evidence(user=users["viewer"], claim=claim)
    assert evidence.quote in {
        "sentenced to six and a half years in prison",
        "between 12 and 15 years in prison",
    }
