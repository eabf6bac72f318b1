"""The ``newsdesk`` command: a thin layer over the library. Commands are listed explicitly."""

from __future__ import annotations

import click

from newsdesk.cli import analyze, store
from newsdesk.cli.demo import demo_command
from newsdesk.cli.extract import extract_command
from newsdesk.cli.serve import serve_command

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
def main() -> None:
    """newsdesk: clean, structured records of who said what, where and when."""


for _command in (extract_command, *analyze.commands, *store.commands, demo_command, serve_command):
    main.add_command(_command)
