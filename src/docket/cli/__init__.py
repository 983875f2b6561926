"""`docket` command line: thin wrappers over services and libraries.

Sub-commands live in modules of this package and are imported only when run
(or when help lists them), and each keeps its heavy imports inside the
command, so `docket --help` answers fast.
"""

from __future__ import annotations

import importlib

import click

# name -> (module, attribute). Add a command here and in its module.
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("docket.cli.web", "serve"),
    "demo": ("docket.cli.web", "demo"),
    "manage": ("docket.cli.web", "manage"),
    "settings": ("docket.cli.web", "settings_cmd"),
    "cases": ("docket.cli.cases", "cases"),
    "extract": ("docket.cli.extract", "extract"),
    "names": ("docket.cli.names", "names"),
    "ingest": ("docket.cli.ingest", "ingest"),
    "import": ("docket.cli.imports", "import_group"),
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if self._load(n) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attr = COMMANDS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                return None
            raise
        return getattr(module, attr, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docket")
def cli() -> None:
    """Docket: sourced, reviewed records of politically motivated detention.

    Run `docket COMMAND --help` for the options of each command.
    """


def main() -> None:
    cli(prog_name="docket")
