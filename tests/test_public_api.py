"""The public API is small and pinned; every CLI command is documented."""

from __future__ import annotations

import re

import click

import newsdesk
from conftest import REPO
from newsdesk.cli import main

EXPECTED = {
    "Article", "Block", "ConfigError", "Cue", "EmptyInput", "Entity", "ExtractionError",
    "FetchError", "InputError", "InputTooLarge", "NewsdeskError", "NotAPage", "Page", "Quote",
    "QuoteSpeaker", "Result", "Settings", "Speaker", "StoreError", "UnreadableInput",
    "extract", "process_page", "run",
}  # fmt: skip


def test_exported_members() -> None:
    assert set(newsdesk.__all__) == EXPECTED
    for name in newsdesk.__all__:
        assert getattr(newsdesk, name) is not None


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help and len(command.help.strip()) > 20, f"{name} lacks help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} lacks help"
        assert re.search(rf"newsdesk {name}\b", readme), f"README does not show `newsdesk {name}`"
