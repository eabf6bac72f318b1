"""CLI commands of the analyze stage (filled in by that work)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
