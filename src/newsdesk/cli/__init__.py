"""The ``newsdesk`` command: a thin layer over the library.

Commands are listed explicitly below, by the module that holds them; a module is imported
only when one of its commands is run (or ``--help`` lists them), so ``newsdesk extract``
never imports the store, spaCy or pyarrow. Each command module keeps its heavy imports
inside the command's function.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["main"]

# (module, the commands it holds in its ``commands`` list); ``--help`` lists them sorted.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("newsdesk.cli.extract", ("extract",)),
    ("newsdesk.cli.analyze", ("analyze",)),
    ("newsdesk.cli.store", ("ingest", "search", "quotes", "speakers", "entities", "export")),
    ("newsdesk.cli.demo", ("demo",)),
    ("newsdesk.cli.serve", ("serve",)),
    ("newsdesk.cli.spark", ("spark",)),
)


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for _module, names in COMMANDS for name in names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for module_name, names in COMMANDS:
            if cmd_name in names:
                module = importlib.import_module(module_name)
                commands: list[click.Command] = module.commands
                return next(c for c in commands if c.name == cmd_name)
        return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
def main() -> None:
    """newsdesk: clean, structured records of who said what, where and when."""
