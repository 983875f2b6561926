"""Keep the projection (Person columns and fact rows) in step with accepted claims.

Only the claim services call this. A row is found by its full value, so two sources
saying the same thing support one row; a row left without accepted claims is deleted.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from docket.cases.fields import PERSON_COLUMNS, column_values
from docket.cases.models import (
    Allegation,
    CaseMembership,
    Charge,
    Claim,
    Event,
    Intervention,
    Name,
    Occupation,
    Person,
    Sentence,
)
from docket.core.confidentiality import RANK, most_permissive
from docket.core.dates import edtf_columns

ACCEPTED = "accepted"
ROW_MODELS: dict[str, type[models.Model]] = {
    "name": Name,
    "occupation": Occupation,
    "membership": CaseMembership,
    "event": Event,
    "charge": Charge,
    "sentence": Sentence,
    "allegation": Allegation,
    "intervention": Intervention,
}


# The columns that identify a row: two accepted claims with the same key support one row.
ROW_KEYS: dict[type[models.Model], tuple[str, ...]] = {
    Name: ("person_id", "text", "script", "kind", "language"),
    Occupation: ("person_id", "title"),
    CaseMembership: ("person_id", "case_id", "role"),
    Allegation: ("person_id", "case_id", "type"),
    Charge: ("person_id", "case_id", "text", "category", "statute"),
    Event: ("person_id", "case_id", "institution_id", "type", "date", "place", "description"),
    Sentence: ("person_id", "case_id", "start", "min_months", "max_months", "life", "death",
               "suspended"),
    Intervention: ("person_id", "case_id", "date", "kind", "by", "response"),
}  # fmt: skip


def row_spec(
    field: str, value: Any, person_id: int | None, case_id: int | None = None
) -> tuple[type[models.Model], dict[str, Any], dict[str, Any]]:
    """Return (model, key columns, derived columns) of the row a claim supports.

    `person_id`/`case_id` are the claim's subject; the key's values are as stored.
    """
    v = value
    if field == "name":
        return Name, {"person_id": person_id, **v}, {}
    if field == "occupation":
        return Occupation, {"person_id": person_id, "title": v}, {}
    if field == "membership":
        return CaseMembership, {"person_id": person_id, "case_id": v["case"], "role": v["role"]}, {}
    if field == "allegation":
        return Allegation, {"person_id": person_id, "case_id": v["case"], "type": v["type"]}, {}
    if field == "charge":
        key = {"person_id": person_id, "case_id": v["case"]}
        key |= {k: v[k] for k in ("text", "category", "statute")}
        return Charge, key, {}
    if field == "event":
        key = {"person_id": person_id, "case_id": v["case"], "institution_id": v["institution"]}
        key |= {k: v[k] or "" for k in ("type", "date", "place", "description")}
        return Event, key, edtf_columns("date", v["date"])
    if field == "sentence":
        key = {"person_id": person_id, "case_id": v["case"], "start": v["start"] or ""}
        key |= {k: v[k] for k in ("min_months", "max_months", "life", "death", "suspended")}
        return Sentence, key, edtf_columns("start", v["start"])
    if field == "intervention":
        key = {"person_id": person_id, "case_id": case_id or v["case"], "date": v["date"] or ""}
        key |= {k: v[k] for k in ("kind", "by", "response")}
        return Intervention, key, edtf_columns("date", v["date"])
    raise ValueError(f"no row model for claim field {field}")


def key_of(model: type[models.Model], values: dict[str, Any]) -> tuple[Any, ...]:
    """The row key as a tuple, from a key dict or a row's column values."""
    return tuple(values[k] for k in ROW_KEYS[model])


def row_key_of(row: Any) -> tuple[Any, ...]:
    return tuple(getattr(row, k) for k in ROW_KEYS[type(row)])


def _refresh_row(row: Any) -> str:
    """Recompute a row's confidentiality from its accepted claims; delete it if none."""
    levels = list(
        row.claims.filter(review_status=ACCEPTED).values_list("confidentiality", flat=True)
    )
    label = f"{row._meta.label_lower}:{row.pk}"
    if not levels:
        row.delete()
        return f"{label} removed"
    level = most_permissive(levels)
    if row.confidentiality != level:
        row.confidentiality = level
        row.save(update_fields=["confidentiality"])
    return label


def refresh_person_column(person: Person, field: str) -> str:
    """Set a single-valued Person column from its accepted claims.

    The most public claim wins, then the earliest reviewed: a later, disagreeing claim
    never overwrites; selectors report the disagreement as a conflict.
    """
    accepted = Claim.objects.filter(person=person, field=field, review_status=ACCEPTED)
    pick = min(
        accepted,
        key=lambda c: (RANK[c.confidentiality], c.reviewed_at or c.created_at, c.pk),
        default=None,
    )
    values = column_values(field, pick.value if pick else None)
    for column, value in values.items():
        setattr(person, column, value)
    setattr(person, f"{field}_level", pick.confidentiality if pick else "")
    person.save(update_fields=[*values, f"{field}_level", "updated_at"])
    return f"cases.person:{person.pk}.{field}"


def project(claim: Claim) -> str:
    """Add an accepted claim to the projection; return what it touched."""
    if claim.field in PERSON_COLUMNS:
        return refresh_person_column(claim.person, claim.field)
    model, key, derived = row_spec(claim.field, claim.value, claim.person_id, claim.case_id)
    row = model.objects.filter(**key).first()
    if row is None:
        values = derived | key | {"confidentiality": claim.confidentiality}
        row = model.objects.create(**values)
    row.claims.add(claim)
    return _refresh_row(row)


def unproject(claim: Claim) -> list[str]:
    """Take a claim that is no longer accepted out of the projection."""
    if claim.field in PERSON_COLUMNS:
        return [refresh_person_column(claim.person, claim.field)]
    model = ROW_MODELS[claim.field]
    touched = []
    for row in model.objects.filter(claims=claim):
        row.claims.remove(claim)
        touched.append(_refresh_row(row))
    return touched


def reproject(person: Person) -> list[str]:
    """Make a person's rows and columns exactly what its accepted claims say.

    Rows whose key is still supported keep their id; unsupported rows go; missing rows
    are created. Used when claims change hands (merge, unmerge).
    """
    accepted = list(Claim.objects.filter(person=person, review_status=ACCEPTED).order_by("pk"))
    touched: list[str] = []
    for field, model in ROW_MODELS.items():
        wanted: dict[tuple[Any, ...], tuple[dict[str, Any], list[Claim]]] = {}
        for claim in accepted:
            if claim.field == field:
                _, key, derived = row_spec(field, claim.value, claim.person_id, claim.case_id)
                wanted.setdefault(key_of(model, key), (derived | key, []))[1].append(claim)
        kept: dict[tuple[Any, ...], Any] = {}
        for row in model.objects.filter(person=person).order_by("pk"):
            key = row_key_of(row)
            if key in wanted and key not in kept:
                kept[key] = row
            else:
                touched.append(f"{row._meta.label_lower}:{row.pk} removed")
                row.delete()
        for key, (values, claims) in wanted.items():
            level = most_permissive(c.confidentiality for c in claims)
            row = kept.get(key)
            if row is None:
                row = model.objects.create(**values, confidentiality=level)
            elif row.confidentiality != level:
                row.confidentiality = level
                row.save(update_fields=["confidentiality"])
            row.claims.set(claims)
            touched.append(f"{row._meta.label_lower}:{row.pk}")
    for field in PERSON_COLUMNS:
        touched.append(refresh_person_column(person, field))
    return touched
