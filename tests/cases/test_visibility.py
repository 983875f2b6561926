"""Restricted values never reach a reader whose role may not see them, in any selector."""

import pytest

from docket.cases import selectors as sel
from docket.cases.services import case_create, institution_create
from docket.core.errors import NotFound
from docket.evidence import selectors as evidence_sel
from docket.evidence.services import source_create

pytestmark = pytest.mark.django_db

SECRET = "Zulpiqar"  # appears only in restricted values


@pytest.fixture
def record(person, fact, report):
    """A public case with public facts, restricted facts and a restricted witness."""
    case = case_create(actor="system:test", title="Tursun trial", confidentiality="public")
    safehouse = institution_create(actor="system:test", name=f"{SECRET} Camp", kind="camp")
    alim = person(name="Alim Tursun")
    fact(alim, "membership", {"case": case.pk, "role": "victim"})
    fact(alim, "ethnicity", "Uyghur", source=report, quote="Uyghur")
    fact(alim, "event", {"type": "detention", "date": "2017-05"}, source=report, quote="May 2017")
    restricted = {"confidentiality": "restricted"}
    fact(alim, "name", {"text": f"{SECRET} Tursun", "kind": "alias"}, **restricted)
    fact(alim, "occupation", f"{SECRET} informant", **restricted)
    fact(alim, "ethnicity", f"{SECRET}ic", **restricted)
    fact(alim, "status", "disappeared", **restricted)
    fact(alim, "event", {"type": "transfer", "place": f"{SECRET} Street"}, **restricted)
    fact(alim, "event", {"type": "transfer", "institution": safehouse.pk}, **restricted)
    fact(alim, "charge", {"text": f"{SECRET} charge", "category": "other"}, **restricted)
    fact(alim, "allegation", "denied_medical_care", **restricted)
    fact(alim, "sentence", {"min_months": 999, "start": "2018"}, **restricted)
    fact(case, "intervention", {"kind": "letter", "by": f"{SECRET} Society"}, **restricted)
    secret_source = source_create(
        actor="system:test",
        text=f"Testimony of {SECRET}: he was tortured.",
        title=f"{SECRET} testimony",
        confidentiality="restricted",
    ).source
    fact(
        alim,
        "allegation",
        "torture",
        source=secret_source,
        quote="tortured",
        confidentiality="public",
    )
    witness = person(role="witness", confidentiality=None, name=f"{SECRET} Witness")
    fact(witness, "membership", {"case": case.pk, "role": "witness"})
    hidden_case = case_create(
        actor="system:test", title=f"{SECRET} case", confidentiality="restricted"
    )
    return {
        "case": case,
        "alim": alim,
        "witness": witness,
        "hidden": hidden_case,
        "src": secret_source,
    }


def everything(user, record):
    """Call every selector as `user`; return the text of all results."""
    case, alim = record["case"], record["alim"]
    out = [
        list(sel.case_list(user=user)),
        [sel.case_persons(user=user, case=c) for c in sel.case_list(user=user)],
        [sel.case_to_contract(case=c, user=user) for c in sel.case_list(user=user)],
        sel.case_filter_choices(user=user),
        sel.case_get(user=user, case_id=case.pk),
        list(sel.person_list(user=user)),
        sel.person_summary(user=user, person=alim),
        sel.person_display_name(user=user, person=alim),
        sel.person_names(user=user, person=alim),
        sel.person_occupations(user=user, person=alim),
        sel.person_charges(user=user, person=alim),
        sel.person_allegations(user=user, person=alim),
        sel.person_interventions(user=user, person=alim),
        sel.person_timeline(user=user, person=alim),
        sel.person_sentences(user=user, person=alim),
        sel.person_facts(user=user, person=alim),
        sel.person_cases(user=user, person=alim),
        sel.person_codefendants(user=user, person=alim),
        sel.conflict_list(user=user),
        sel.person_to_contract(person=alim, user=user),
        [(c.value, c.quote) for c in sel.claim_list(user=user)],
        [(s.title, s.text) for s in evidence_sel.source_list(user=user)],
        list(sel.institution_list(user=user)),
    ]
    for filters in (
        {"ethnicity": f"{SECRET}ic"},
        {"status": "disappeared"},
        {"facility": f"{SECRET} Camp"},
    ):
        out.append(list(sel.case_list(user=user, **filters)))
    return repr(out)


@pytest.mark.parametrize("role", ["researcher", "viewer", "public"])
def test_restricted_values_never_leak(users, record, role):
    text = everything(users[role], record)
    assert SECRET not in text
    assert "999" not in text and "disappeared'" not in text.replace(
        "'disappeared', 'Disappeared'", ""
    )
    assert "denied_medical_care" not in text


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_restricted_values_reach_allowed_roles(users, record, role):
    text = everything(users[role], record)
    for value in (f"{SECRET} Tursun", f"{SECRET} informant", f"{SECRET} Witness", f"{SECRET} Camp"):
        assert value in text


@pytest.mark.parametrize("role", ["researcher", "viewer", "public"])
def test_restricted_filters_match_nothing(users, record, role):
    user = users[role]
    assert not sel.case_list(user=user, ethnicity=f"{SECRET}ic").exists()
    assert not sel.case_list(user=user, status="disappeared").exists()
    assert not sel.case_list(user=user, facility=f"{SECRET} Camp").exists()


def test_allowed_roles_can_filter_on_restricted_facts(users, record):
    found = sel.case_list(user=users["editor"], facility=f"{SECRET} Camp")
    assert list(found) == [record["case"]]


@pytest.mark.parametrize("role", ["researcher", "viewer", "public"])
def test_hidden_records_are_not_found(users, record, role):
    user = users[role]
    with pytest.raises(NotFound):
        sel.person_get(user=user, person_id=record["witness"].pk)
    with pytest.raises(NotFound):
        sel.case_get(user=user, case_id=record["hidden"].pk)
    with pytest.raises(NotFound):
        sel.person_timeline(user=user, person=record["witness"])
    with pytest.raises(NotFound):
        evidence_sel.source_get(user=user, source_id=record["src"].pk)


def test_fact_from_restricted_source_is_shown_without_its_source(users, record):
    viewer = users["viewer"]
    [torture] = [
        a
        for a in sel.person_allegations(user=viewer, person=record["alim"])
        if a.row.type == "torture"
    ]
    [evidence] = torture.evidence
    assert evidence.source_withheld and evidence.source_id is None
    assert evidence.quote == "" and evidence.span is None


def test_public_sees_only_public(users, record):
    public = users["public"]
    names = [n.text for n in sel.person_names(user=public, person=record["alim"])]
    assert names == ["Alim Tursun"]
    # The name came from an internal claim made without a source: the public cannot see it.
    assert [n.confidentiality for n in record["alim"].names.all()] == ["public", "restricted"]


def test_viewer_sees_no_suggestions(users, record):
    from docket.cases.services import claim_create

    claim_create(actor="system:test", person=record["alim"], field="sex", value="male")
    statuses = set(sel.claim_list(user=users["viewer"]).values_list("review_status", flat=True))
    assert statuses == {"accepted"}
    assert "suggested" in set(
        sel.claim_list(user=users["researcher"]).values_list("review_status", flat=True)
    )


def test_restricted_values_stay_out_of_logs_and_audit(person, fact, caplog):
    import logging

    from docket.core.models import AuditEvent

    caplog.set_level(logging.DEBUG, logger="docket")
    witness = person(role="witness", confidentiality=None, name="Gulnisa Secretname")
    fact(witness, "occupation", "night-shift informant")
    fact(witness, "event", {"type": "interrogation", "place": "Hotel Room 12"})
    alim = person(name="Alim Tursun")
    claim = fact(alim, "ethnicity", "Hiddenethnic", confidentiality="restricted")
    from docket.cases.services import claim_reject, claim_update

    claim_update(actor="system:test", claim=claim, value="Otherethnic")
    claim_reject(actor="system:test", claim=claim, reason="Hiddenethnic was a typo")
    audit = repr(list(AuditEvent.objects.values_list("before", "after")))
    for secret in ("Secretname", "informant", "Room 12", "Hiddenethnic", "Otherethnic"):
        assert secret not in caplog.text
        assert secret not in audit
    assert "Alim Tursun" in audit  # internal values are kept in clear
