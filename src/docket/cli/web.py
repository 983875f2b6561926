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
    from django.conf import settings
    from waitress import serve as waitress_serve

    # Pages are served from the apps' static folders; an empty STATIC_ROOT keeps
    # WhiteNoise from warning about a missing directory at every start.
    settings.STATIC_ROOT.mkdir(mode=0o700, parents=True, exist_ok=True)
    from docket.config.wsgi import application

    click.echo(f"Docket on http://{host}:{port}/ (Ctrl-C to stop)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="docket")


@click.command()
@click.option("--admin", "admin_name", default="admin", show_default=True, help="Admin user name.")
def demo(admin_name: str) -> None:
    """Set up data, ingest sample reports and add an admin: `docket demo`."""
    from docket.cli import _django
    from docket.config import paths

    with _django.clear_errors(prepare_data=True):
        from docket.accounts.models import User
        from docket.accounts.services import generate_password, user_create
        from docket.ingest.demo import demo_load

        loaded = demo_load(actor="system:demo")
        password = None
        if not User.objects.filter(username=admin_name).exists():
            password = generate_password()
            user_create(actor="system:demo", username=admin_name, role="admin", password=password)
    if loaded.created:
        click.echo(
            f"Demo data loaded: {loaded.reports} reports, {loaded.persons} persons, "
            f"{loaded.claims} facts."
        )
    else:
        click.echo("Demo data present already; nothing added.")
    if loaded.failed:
        click.echo(f"{loaded.failed} demo reports could not be loaded (see the log).", err=True)
    if password:
        click.echo(f"Created user '{admin_name}' with password: {password}")
        click.echo("The password is shown this once and stored only as a hash.")
    else:
        click.echo(f"User '{admin_name}' exists already (its password was shown when created).")
    click.echo(f"Data directory: {paths.data_dir()}")


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
