"""`docket cases ...`: read case records from the command line."""

from __future__ import annotations

import json
from typing import Any

import click


@click.group()
def cases() -> None:
    """Read case records: `docket cases list --json`."""


@cases.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array for machines.")
@click.option(
    "--user",
    "username",
    metavar="NAME",
    help="Read as this user (default: what any viewer may see).",
)
def list_cases(as_json: bool, username: str | None) -> None:
    """List cases and their persons: `docket cases list --json`."""
    from docket.cli import _django

    with _django.clear_errors():
        from docket.accounts.selectors import role_standin, user_get_by_username
        from docket.cases.selectors import case_list, case_persons, case_to_contract

        user = user_get_by_username(username=username) if username else role_standin(role="viewer")
        found = list(case_list(user=user))
        if as_json:
            rows = [case_to_contract(case=case, user=user) for case in found]
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        people = {case.pk: case_persons(user=user, case=case) for case in found}
    _print_table(found, people)


def _print_table(found: list[Any], people: dict[int, list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(found)} case{'s' if len(found) != 1 else ''}")
    table.add_column("id", justify="right")
    table.add_column("title")
    table.add_column("status")
    table.add_column("persons")
    for case in found:
        persons = "\n".join(f"{p.name} ({p.role_label.lower()})" for p in people[case.pk])
        table.add_row(str(case.pk), case.title, case.status, persons or "-")
    Console().print(table)
