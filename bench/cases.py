"""Throughput of the claim services and latency of the case selectors; prints figures.

    .venv/bin/python bench/cases.py [--cases 300] [--database-url postgresql://...]

Runs in a throw-away data directory (SQLite, WAL) unless a database URL is given; the
database must be empty. Synthetic records: every case has one named victim with ten
accepted claims, every tenth case a co-defendant group; then
`--bulk` more persons through `claims_bulk_create`.
"""

from __future__ import annotations

import argparse
import statistics
import time

from fresh import fresh_database


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--bulk", type=int, default=3000, help="persons for the bulk path")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    fresh_database(args.database_url)
    from django.db import connection

    from docket.accounts.selectors import role_standin
    from docket.cases import selectors as sel
    from docket.cases.services import (
        ClaimInput,
        PersonClaims,
        case_create,
        claim_create,
        claims_bulk_create,
        institution_create,
        person_create,
    )

    actor = "system:bench"
    courts = [institution_create(actor=actor, name=f"Court {i}", kind="court") for i in range(20)]
    ethnicities = ["Uyghur", "Tibetan", "Kazakh", "Han", "Hui"]
    categories = ["separatism", "terrorism", "subversion", "picking_quarrels", "cult"]
    claims = 0
    started = time.perf_counter()
    for i in range(args.cases):
        case = case_create(actor=actor, title=f"Case {i}", confidentiality="public")
        person = person_create(actor=actor, confidentiality="public")
        year = 2000 + i % 24
        for field, value in (
            ("name", f"Person {i}"),
            ("membership", {"case": case.pk, "role": "victim"}),
            ("ethnicity", ethnicities[i % 5]),
            ("age", {"age": 20 + i % 50, "as_of": str(year)}),
            ("status", "sentenced"),
            ("event", {"type": "detention", "date": f"{year}-{1 + i % 12:02d}"}),
            ("event", {"type": "trial", "date": str(year + 1), "institution": courts[i % 20].pk}),
            ("charge", {"text": f"charge {i}", "category": categories[i % 5]}),
            ("sentence", {"min_months": 12 + i % 100}),
            ("allegation", "torture" if i % 3 else "coerced_confession"),
        ):
            claim_create(actor=actor, person=person, field=field, value=value, accept=True)
            claims += 1
    elapsed = time.perf_counter() - started
    print(f"database: {connection.vendor}; {args.cases} cases, {claims} accepted claims")
    print(f"claim_create+accept: {claims / elapsed:.0f} claims/s ({elapsed:.1f} s)")

    started, bulk_claims = time.perf_counter(), 0
    for first in range(0, args.bulk, 100):
        records = []
        for i in range(first, min(first + 100, args.bulk)):
            case = case_create(actor=actor, title=f"Bulk case {i}", confidentiality="public")
            year = 2000 + i % 24
            values = [
                ("name", f"Bulk person {i}"),
                ("membership", {"case": case.pk, "role": "victim"}),
                ("ethnicity", ethnicities[i % 5]),
                ("age", {"age": 20 + i % 50, "as_of": str(year)}),
                ("status", "sentenced"),
                ("event", {"type": "detention", "date": f"{year}-{1 + i % 12:02d}"}),
                (
                    "event",
                    {"type": "trial", "date": str(year + 1), "institution": courts[i % 20].pk},
                ),
                ("charge", {"text": f"charge {i}", "category": categories[i % 5]}),
                ("sentence", {"min_months": 12 + i % 100}),
                ("allegation", "torture" if i % 3 else "coerced_confession"),
            ]
            records.append(
                PersonClaims(confidentiality="public", claims=[ClaimInput(f, v) for f, v in values])
            )
            bulk_claims += len(values)
        claims_bulk_create(actor=actor, records=records, accept=True)
    elapsed = time.perf_counter() - started
    print(
        f"claims_bulk_create accept, batches of 100 persons (with case_create each): "
        f"{bulk_claims / elapsed:.0f} claims/s, {args.bulk / elapsed:.0f} persons/s"
    )

    viewer = role_standin(role="viewer")
    filters = [
        {},
        {"ethnicity": "Uyghur"},
        {"charge_category": "terrorism", "year": 2012},
        {"court": courts[3].pk, "status": "sentenced"},
    ]
    for f in filters:
        times = []
        for _ in range(30):
            t = time.perf_counter()
            list(sel.case_list(user=viewer, **f)[:50])
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"case_list {f or '(no filter)'}: p50 {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms"
        )
    people = list(sel.person_list(user=viewer)[:30])
    times = []
    for person in people:
        t = time.perf_counter()
        sel.person_summary(user=viewer, person=person)
        sel.person_names(user=viewer, person=person)
        sel.person_timeline(user=viewer, person=person)
        sel.person_charges(user=viewer, person=person)
        sel.person_sentences(user=viewer, person=person)
        sel.person_allegations(user=viewer, person=person)
        sel.person_facts(user=viewer, person=person)
        sel.person_codefendants(user=viewer, person=person)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"person page selectors: p50 {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
