"""The projection kept for many claims at once (claims_bulk_create): the same rows, links
and columns as `projection.project` / `unproject` one claim at a time, in a few queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

from docket.cases.fields import PERSON_COLUMNS, column_values
from docket.cases.models import Claim, Person
from docket.cases.services import projection
from docket.core.confidentiality import RANK, most_permissive

ACCEPTED = "accepted"


def _through(model: type[models.Model]) -> tuple[Any, str]:
    """The model's row-claim link table, and its column naming the row ("name_id")."""
    through = model.claims.through
    return through, through._meta.get_field(model._meta.model_name).attname


def _link(model: type[models.Model], pairs: list[tuple[int, int]]) -> None:
    """Insert (row id, claim id) link rows: plain SQL, as model instances cost more here."""
    through, fk = _through(model)
    quote = connection.ops.quote_name
    columns = f"{quote(fk)}, {quote(through._meta.get_field('claim').column)}"
    sql = f"INSERT INTO {quote(through._meta.db_table)} ({columns}) VALUES (%s, %s)"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        cursor.executemany(sql, pairs)


def _refresh_rows(model: type[models.Model], ids: set[int]) -> None:
    """Rows keep the most public level of their accepted claims; rows left with none go."""
    through, fk = _through(model)
    levels: dict[int, list[str]] = defaultdict(list)
    pairs = through.objects.filter(
        **{f"{fk}__in": list(ids)}, claim__review_status=ACCEPTED
    ).values_list(fk, "claim__confidentiality")
    for row_id, level in pairs:
        levels[row_id].append(level)
    model.objects.filter(pk__in=list(ids - set(levels))).delete()
    changed = []
    for row in model.objects.filter(pk__in=list(levels)).only("pk", "confidentiality"):
        level = most_permissive(levels[row.pk])
        if row.confidentiality != level:
            row.confidentiality = level
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, ["confidentiality"])


def link_rows(claims: list[Claim], existing_persons: set[int]) -> None:
    """Link accepted claims to their rows (found by key, or created), as `project` would."""
    by_model: dict[type[models.Model], list[tuple[tuple[Any, ...], dict[str, Any], Claim]]]
    by_model = defaultdict(list)
    for claim in claims:
        model, key, derived = projection.row_spec(
            claim.field, claim.value, claim.person_id, claim.case_id
        )
        by_model[model].append((projection.key_of(model, key), derived | key, claim))
    for model, items in by_model.items():
        persons = {c.person_id for _, _, c in items} & existing_persons
        rows: dict[tuple[Any, ...], Any] = {}
        if persons:
            for row in model.objects.filter(person_id__in=persons):
                rows.setdefault(projection.row_key_of(row), row)
        new_rows: list[Any] = []
        changed: dict[int, Any] = {}
        links: list[tuple[Any, Claim]] = []
        for key, values, claim in items:
            row = rows.get(key)
            if row is None:
                row = model(**values, confidentiality=claim.confidentiality)
                rows[key] = row
                new_rows.append(row)
            elif RANK[claim.confidentiality] < RANK[row.confidentiality]:
                row.confidentiality = claim.confidentiality
                if row.pk is not None:
                    changed[row.pk] = row
            links.append((row, claim))
        model.objects.bulk_create(new_rows)
        if changed:
            model.objects.bulk_update(list(changed.values()), ["confidentiality"])
        _link(model, [(row.pk, claim.pk) for row, claim in links])


def _pick_rank(claim: Claim, order: int) -> tuple[Any, ...]:
    """The order `refresh_person_column` picks in: most public, earliest reviewed, first."""
    return (RANK[claim.confidentiality], claim.reviewed_at or claim.created_at, order)


def _set_columns(person: Person, fields: Iterable[str], best: dict[str, Claim]) -> list[str]:
    """Set the Person columns of `fields` from the picked claims; return the columns set."""
    columns: list[str] = []
    for f in sorted(fields):
        pick = best.get(f)
        values = column_values(f, pick.value if pick else None)
        for column, value in values.items():
            setattr(person, column, value)
        setattr(person, f"{f}_level", pick.confidentiality if pick else "")
        columns += [*values, f"{f}_level"]
    return columns


def new_person_columns(person: Person, claims: list[dict[str, Any]], now: Any) -> None:
    """Columns of a person about to be created from its own accepted claims (input order
    is insertion order, so it is also the claims' id order)."""
    best: dict[str, Claim] = {}
    ranks: dict[str, tuple[Any, ...]] = {}
    for order, values in enumerate(claims):
        f = values["field"]
        if f not in PERSON_COLUMNS:
            continue
        claim = Claim(reviewed_at=now, field=f, value=values["value"])
        claim.confidentiality = values["confidentiality"]
        rank = _pick_rank(claim, order)
        if f not in ranks or rank < ranks[f]:
            best[f], ranks[f] = claim, rank
    _set_columns(person, best, best)


def refresh_columns(persons: dict[int, Person], touched: set[tuple[int, str]]) -> None:
    """Set the touched Person columns of existing persons from all their accepted claims."""
    if not touched:
        return
    best: dict[tuple[int, str], Claim] = {}
    accepted = Claim.objects.filter(
        person_id__in={p for p, _ in touched},
        field__in={f for _, f in touched},
        review_status=ACCEPTED,
    ).only("pk", "person_id", "field", "value", "confidentiality", "reviewed_at", "created_at")
    for claim in accepted:
        key = (claim.person_id, claim.field)
        held = best.get(key)
        if key in touched and (
            held is None or _pick_rank(claim, claim.pk) < _pick_rank(held, held.pk)
        ):
            best[key] = claim
    by_person: dict[int, set[str]] = defaultdict(set)
    for person_id, f in touched:
        by_person[person_id].add(f)
    now = timezone.now()
    for person_id, person_fields in by_person.items():
        person = persons[person_id]
        picks = {f: best[(person_id, f)] for f in person_fields if (person_id, f) in best}
        columns = _set_columns(person, person_fields, picks)
        person.updated_at = now
        Person.objects.filter(pk=person_id).update(
            **{c: getattr(person, c) for c in columns}, updated_at=now
        )


def remove_claims(claims: list[Claim]) -> set[tuple[int, str]]:
    """Delete claims and take the accepted ones out of the projection, as `unproject`
    would one by one; return the (person, field) columns to refresh."""
    accepted = [c for c in claims if c.review_status == ACCEPTED]
    touched_rows: dict[type[models.Model], set[int]] = {}
    for model in projection.ROW_MODELS.values():
        through, fk = _through(model)
        ids = set(
            through.objects.filter(claim_id__in=[c.pk for c in accepted]).values_list(fk, flat=True)
        )
        if ids:
            touched_rows[model] = ids
    Claim.objects.filter(pk__in=[c.pk for c in claims]).delete()
    for model, ids in touched_rows.items():
        _refresh_rows(model, ids)
    return {(c.person_id, c.field) for c in accepted if c.field in PERSON_COLUMNS}
