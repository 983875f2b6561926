"""Web and Django commands: serve, demo, manage, settings."""

from __future__ import annotations

import click

from docket.config import tunables


@click.command()
@click.option(
    "--host",
    default=lambda: tunables.get("DOCKET_HOST"),
    show_default="127.0.0.1",
    help="Address to bind; keep 127.0.0.1 unless a proxy sits in front.",
)
@click.option(
    "--port",
    type=int,
    default=lambda: tunables.get_int("DOCKET_PORT"),
    show_default="8000",
    help="Port to listen on.",
)
@click.option("--threads", type=int, default=4, show_default=True, help="Worker threads.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with waitress: `docket serve --port 8000`."""
    from docket.cli import _django

    _django.setup()
    from waitress import serve as waitress_serve

    from docket.config.wsgi import application

    click.echo(f"Docket on http://{host}:{port}/ (Ctrl-C to stop)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="docket")


@click.command(
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": [],
    }
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command: `docket manage migrate`."""
    from docket.cli import _django

    _django.setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["docket manage", *args])


@click.command(name="settings")
@click.option("--markdown", is_flag=True, help="Print the table as Markdown (docs/settings.md).")
def settings_cmd(markdown: bool) -> None:
    """List the DOCKET_* settings with their values: `docket settings`."""
    if markdown:
        click.echo(tunables.markdown(), nl=False)
        return
    for t in tunables.TUNABLES:
        value = (
            "(set)"
            if t.name == "DOCKET_SECRET_KEY" and tunables.get(t.name)
            else tunables.get(t.name)
        )
        click.echo(f"{t.name:30} {value!s:25} {t.help}")
