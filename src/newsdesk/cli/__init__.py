"""The ``newsdesk`` command: a thin layer over the library.

Commands are listed explicitly below, by the module that holds them; a module is imported
only when one of its commands is run (or ``--help`` lists them), so ``newsdesk extract``
never imports the store, spaCy or pyarrow. Each command module keeps its heavy imports
inside the command's function.

Two rules hold for every command, here in the group rather than in each command: an
argument that is not valid UTF-8 is a usage error naming it (file names excepted: the file
system allows any bytes), and a ``NewsdeskError`` a command lets through is a one-line
message and exit status 1 (2 for a ``ConfigError``, like a usage error), never a traceback.
A reader that closes the pipe early (``newsdesk extract big.html | head -1``) ends the run
quietly with status 141, what a shell reports for a Unix tool killed by SIGPIPE (128 + 13),
so ``set -o pipefail`` scripts see the same as with ``cat``.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from newsdesk.errors import ConfigError, NewsdeskError, OutputError, StoreError

__all__ = ["main"]

# Arguments that name files (besides options of type click.Path): any bytes are allowed.
FILE_ARGUMENTS = frozenset({"inputs", "sources"})

# The exit status of a run whose reader closed the pipe: a shell's status for SIGPIPE.
CLOSED_PIPE_STATUS = 128 + 13

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

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and name is not None and any(map(_not_utf8, rest)):
            _refuse_undecodable(ctx, name, command, rest)
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_exit(ctx)
        except ConfigError as exc:
            raise _ConfigProblem(str(exc)) from exc
        except NewsdeskError as exc:
            if _closed_pipe(exc):
                _quiet_exit(ctx)
            raise click.ClickException(str(exc)) from exc
        except click.ClickException as exc:  # a command's own wrapping (the store commands)
            if isinstance(exc.__cause__, NewsdeskError) and _closed_pipe(exc.__cause__):
                _quiet_exit(ctx)
            raise


class _ConfigProblem(click.ClickException):
    exit_code = 2


def _closed_pipe(exc: NewsdeskError) -> bool:
    """An output error (results, or an export) caused by a reader that closed the pipe."""
    return isinstance(exc, (OutputError, StoreError)) and isinstance(exc.__cause__, BrokenPipeError)


def _quiet_exit(ctx: click.Context) -> NoReturn:
    """End a run whose output pipe was closed by its reader: standard output and error are
    pointed at the null device (so the interpreter's last flush cannot fail and print
    "Exception ignored"), and the run exits with ``CLOSED_PIPE_STATUS``, saying nothing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a real file: nothing flushes it
            pass
    ctx.exit(CLOSED_PIPE_STATUS)


def _not_utf8(value: object) -> bool:
    """True for a string holding bytes that were not UTF-8 (Python keeps them as lone
    surrogates), or a tuple holding one."""
    if isinstance(value, tuple):
        return any(map(_not_utf8, value))
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_undecodable(
    ctx: click.Context, name: str, command: click.Command, args: list[str]
) -> None:
    """Raise a usage error naming the first parameter of ``command`` whose value in
    ``args`` is not UTF-8 (file names excepted)."""
    from newsdesk.cli.output import printable

    parsed = command.make_context(name, list(args), parent=ctx, resilient_parsing=True)
    for param in command.params:
        value = parsed.params.get(param.name or "")
        if isinstance(param.type, click.Path) or param.name in FILE_ARGUMENTS:
            continue
        if _not_utf8(value):
            shown = " ".join(value) if isinstance(value, tuple) else str(value)
            raise click.BadParameter(
                f"'{printable(shown)}' is not valid UTF-8; give it as UTF-8 text",
                ctx=parsed,
                param=param,
            )


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
def main() -> None:
    """newsdesk: clean, structured records of who said what, where and when."""
