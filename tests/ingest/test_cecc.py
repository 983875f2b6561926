import csv
import json
from pathlib import Path

import pytest

from docket.cases.models import Case, Claim, Institution, Person, PersonIdentifier
from docket.cases.selectors import person_by_identifier, person_to_contract
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.evidence.models import Source
from docket.ingest.cecc import cecc_import
from docket.ingest.cecc.importer import read_rows
from docket.ingest.cecc.mapping import facility_kind, map_row
from docket.ingest.cecc.row import institution_name, parse_date
from docket.ingest.cecc.statutes import parse_statutes

FIXTURE = Path(__file__).parent / "fixtures" / "cecc_sample.csv"
ACTOR = "system:test"


def fixture_rows():
    """The fixture's rows by record number (the first of a repeated number)."""
    rows = {}
    for line, row in read_rows(FIXTURE):
        rows.setdefault(row["CECC_record_number"], (line, row))
    return rows


@pytest.fixture
def editor():
    from docket.accounts.selectors import role_standin

    return role_standin(role="editor")


def facts_of(record, field):
    return [f for f in record.facts if f.field == field]


def test_map_row_names_across_scripts_with_unsure_marks():
    line, row = fixture_rows()["2019-00001"]
    record = map_row(row, line)
    names = [
        (f.value["text"], f.value.get("script", "Latn"), f.value.get("kind", "legal"), f.veracity)
        for f in facts_of(record, "name")
    ]
    assert names == [
        ("Ablikim Memet", "Latn", "legal", "confirmed"),
        ("阿不力克木·买买提", "Hans", "legal", "confirmed"),
        ("Ablikim Mamat", "Latn", "alias", "alleged"),
        ("Abliz", "Latn", "alias", "alleged"),
        ("Abuliken", "Latn", "alias", "confirmed"),  # "???" (lost characters) left out
        ("Abulikemu Maimaiti", "Latn", "transliteration", "confirmed"),
    ]
    assert "<a" not in record.text and "People’s Court" in record.text


def test_map_row_status_process_and_sentence():
    line, row = fixture_rows()["2019-00001"]
    record = map_row(row, line)
    status = facts_of(record, "status")[0]
    assert (status.value, status.veracity) == ("sentenced", "alleged")  # DET?
    age = facts_of(record, "age")[0].value
    assert age == {"age": 34, "as_of": "2017-05"}  # age at detention, month known
    events = {(f.value["type"], f.value.get("date"), f.veracity) for f in facts_of(record, "event")}
    assert {
        ("detention", "2017-05", "confirmed"),
        ("charge", None, "confirmed"),
        ("trial", "2018", "alleged"),  # tri?
        ("sentence", "2018-03-12", "confirmed"),
        ("sentence_end", "2027-05", "confirmed"),
    } <= events
    sentence = facts_of(record, "sentence")[0].value
    assert (sentence["min_months"], sentence["max_months"]) == (120, 120)
    categories = [f.value["category"] for f in facts_of(record, "charge")]
    assert categories == ["separatism", "terrorism", "other"]
    assert any("XYZ-9" in w for w in record.warnings)


def test_map_row_terms_only_count_as_sentences_after_judgment():
    rows = fixture_rows()
    escaped = map_row(*reversed(rows["2019-00007"]))
    assert facts_of(escaped, "sentence") == []  # 10 days held by police: time served
    assert facts_of(escaped, "status") == []
    assert {"escaped"} <= {f.value.get("description") for f in facts_of(escaped, "event")}
    reprieve = map_row(*reversed(rows["2019-00008"]))
    assert facts_of(reprieve, "sentence")[0].value["suspended"] is True
    rtl = map_row(*reversed(rows["2019-00002"]))
    (decided,) = [f.value for f in facts_of(rtl, "event") if f.value["type"] == "sentence"]
    assert decided["description"] == "administrative punishment: re-education through labor (RTL)"
    assert (decided["date"], decided["institution"].name) == ("1995-04", "Lhasa RTL Committee")
    assert [f.value["category"] for f in facts_of(rtl, "charge")] == ["administrative"]
    assert facts_of(rtl, "sentence")[0].value["min_months"] == 36
    weeks = map_row(*reversed(rows["2019-00010"]))
    sentence = facts_of(weeks, "sentence")[0]
    assert (sentence.value["min_months"], sentence.value["max_months"]) == (6, 7)
    assert sentence.veracity == "alleged"  # sent-app?
    assert facts_of(weeks, "status")[0].value == "deceased"


def test_parse_date_lowers_precision_of_impossible_dates():
    warnings = []
    assert parse_date("2008/03/dd", warnings.append, "d") == "2008-03"
    assert parse_date("2008/mm/dd", warnings.append, "d") == "2008"
    assert parse_date("2008/mm/12", warnings.append, "d") == "2008"
    assert warnings == []
    assert parse_date("1997/02/29", warnings.append, "d") == "1997-02"
    assert parse_date("1997/13/01", warnings.append, "d") == "1997"
    assert parse_date("March 1997", warnings.append, "d") is None
    assert len(warnings) == 3


def test_parse_statutes_maps_articles_paragraphs_and_ranges():
    found, unknown = parse_statutes("CL97-art300(1)/CL79-art98, CL97-art105(2);PSAPL-art23(1)")
    assert [(s.law, s.article, s.paragraph, s.category) for s in found] == [
        ("PRC Criminal Law 1997", "300", "1", "cult"),
        ("PRC Criminal Law 1979", "98", "", "counterrevolution"),  # within 90-104
        ("PRC Criminal Law 1997", "105", "2", "subversion"),
        ("PRC Public Security Administration Punishments Law", "23", "1", "administrative"),
    ]
    assert found[0].text == "PRC Criminal Law 1997, article 300(1)"
    found, unknown = parse_statutes("CL97-art120-1/CL97-art9999/art5")
    assert [s.category for s in found] == ["terrorism", "other"]
    assert unknown == ["art5"]


def test_institution_names_drop_cecc_other_names():
    assert institution_name("Rikaze [Shigatse] Intermediate People's Court") == (
        "Rikaze Intermediate People's Court"
    )
    assert institution_name("TAR Prison (Drapchi)") == "TAR Prison"
    assert institution_name("(Drapchi)") == "(Drapchi)"


def test_facility_kind_from_cecc_names():
    assert facility_kind("TAR Prison (Drapchi)") == "prison"
    assert facility_kind("Henan No. 5 Pr.") == "prison"
    assert facility_kind("TAR RTL Ctr. (Trisam)") == "camp"
    assert facility_kind("Lhasa PSB Det. Ctr. (Gutsa)") == "detention_facility"
    assert facility_kind("Yulgan Choegar PSB") == "police"


@pytest.mark.django_db
def test_cecc_import_fixture_records_and_row_errors(editor):
    summary = cecc_import(actor=ACTOR, path=FIXTURE)
    assert (summary.rows, summary.new, summary.failed, summary.unchanged) == (10, 7, 3, 0)
    assert [(e.line, e.record) for e in summary.errors] == [
        (5, ""),
        (6, "2019-00005"),
        (7, "2019-00001"),
    ]
    assert "appears twice" in summary.errors[2].message
    assert Person.objects.count() == Case.objects.count() == Source.objects.count() == 7

    with pytest.raises(ApplicationError, match="not found"):  # internal: not for the public
        person_by_identifier(user=None, scheme="cecc", value="2019-00001")
    person = person_by_identifier(user=editor, scheme="cecc", value="2019-00001")
    contract = person_to_contract(person=person, user=editor)
    assert contract["court"] == "Kashgar Intermediate People's Court"
    assert contract["facility"] == "Kashgar PSB Det. Ctr"
    assert contract["sentence"] == {"min_months": 120, "max_months": 120}
    assert contract["charge_categories"] == ["separatism", "terrorism", "other"]
    assert person.religion == "Muslim" and person.status == "sentenced"

    claims = Claim.objects.filter(person=person)
    assert {c.method for c in claims} == {"import:cecc 1"}
    assert {c.review_status for c in claims} == {"accepted"}
    name = claims.get(field="name", value__text="Ablikim Memet")
    assert name.quote == "Ablikim Memet"  # found in the summary
    court = claims.filter(field="event", value__type="trial").get()
    assert court.quote == "Kashgar Intermediate People’s Court"  # as the summary spells it
    assert claims.get(field="sex").quote == ""  # structured column, not in the summary

    source = name.source
    assert source.text.startswith("According to a report, authorities detained")
    row = json.loads(bytes(source.original))
    assert row["CECC_record_number"] == "2019-00001"
    assert "public domain" in source.title and source.publisher.startswith("Congressional")
    facility = Institution.objects.get(name="Kashgar PSB Det. Ctr")
    assert (facility.kind, facility.region) == (
        "detention_facility",
        "Xinjiang Uyghur Auto. Region",
    )


@pytest.mark.django_db
def test_cecc_import_again_changes_nothing():
    cecc_import(actor=ACTOR, path=FIXTURE)

    def counts():
        return [m.objects.count() for m in (Person, Claim, Case, Source, Institution, AuditEvent)]

    before = counts()
    summary = cecc_import(actor=ACTOR, path=FIXTURE)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (0, 0, 7, 3)
    assert counts() == before


@pytest.mark.django_db
def test_cecc_import_replaces_claims_of_a_changed_record(tmp_path, editor):
    cecc_import(actor=ACTOR, path=FIXTURE)
    person = person_by_identifier(user=editor, scheme="cecc", value="2019-00001")
    old_source = Claim.objects.filter(person=person).first().source
    case = Case.objects.get(title="Ablikim Memet (CECC 2019-00001)")
    changed = tmp_path / "changed.csv"
    with FIXTURE.open(encoding="utf-8", newline="") as src, changed.open("w", newline="") as out:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for row in reader:
            if row["CECC_record_number"] == "2019-00001" and row["Age"]:
                row |= {"Age": "35", "detention_status": "REL", "main.name": "Ablikim Mamut"}
            writer.writerow(row)
    claims_before = Claim.objects.count()

    summary = cecc_import(actor=ACTOR, path=changed)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 6)
    person.refresh_from_db()
    assert (person.age, person.status) == (35, "released")
    assert Person.objects.count() == 7 and Case.objects.count() == 7
    assert not Claim.objects.filter(person=person, source=old_source).exists()
    assert Claim.objects.count() == claims_before  # replaced, not added
    names = set(person.names.values_list("text", flat=True))
    assert "Ablikim Mamut" in names and "Ablikim Memet" not in names
    case.refresh_from_db()
    assert case.title == "Ablikim Mamut (CECC 2019-00001)"
    assert person.memberships.get().case == case
    ident = PersonIdentifier.objects.get(value="2019-00001")
    assert ident.source != old_source and Source.objects.filter(pk=old_source.pk).exists()


@pytest.mark.django_db
def test_cecc_import_limit_rights_and_bad_files(tmp_path, users):
    summary = cecc_import(actor=ACTOR, path=FIXTURE, limit=2)
    assert (summary.rows, summary.new) == (2, 2)
    with pytest.raises(PermissionDenied):
        cecc_import(actor=users["researcher"], path=FIXTURE)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(ApplicationError, match="not a CECC export"):
        cecc_import(actor=ACTOR, path=other)
    with pytest.raises(ApplicationError, match="is not a file"):
        cecc_import(actor=ACTOR, path=tmp_path / "missing.csv")
    with pytest.raises(ApplicationError, match="record"):
        cecc_import(actor=ACTOR, path=FIXTURE, url_template="https://example.org/x")
    summary = cecc_import(
        actor=users["editor"],
        path=FIXTURE,
        confidentiality="public",
        published="2020-07-23",
        url_template="https://example.org/ppd/{record}",
    )
    source = Source.objects.get(url="https://example.org/ppd/2019-00003")
    assert (source.published, source.confidentiality, source.added_by) == (
        "2020-07-23",
        "public",
        users["editor"],
    )
    assert source.text == "CECC record 2019-00003 has no summary."


@pytest.mark.django_db
def test_cecc_import_first_rows_of_the_real_export(shared_dir):
    path = shared_dir / "corpus" / "raw" / "cecc_ppd_2020-07-23_to2017.csv.gz"
    summary = cecc_import(actor=ACTOR, path=path, limit=300)
    assert (summary.new, summary.failed) == (300, 0)
    assert Person.objects.count() == 300
    assert not Person.objects.filter(names__isnull=True).exists()
    assert not Person.objects.filter(memberships__isnull=True).exists()
    spans = Claim.objects.exclude(span_start=None)
    assert spans.exists()
    assert all(c.source.text[c.span_start : c.span_end] == c.quote for c in spans[:200])
    again = cecc_import(actor=ACTOR, path=path, limit=300)
    assert (again.unchanged, again.new, again.updated) == (300, 0, 0)
