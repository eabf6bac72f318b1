"""Formatting results for the terminal and files: json, jsonl, txt, md; progress; summary."""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol

import click

from newsdesk.errors import OutputError
from newsdesk.pipeline import Result, RunStats

FORMATS = ("json", "jsonl", "txt", "md")

# Options shared by the commands that write results.
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write here instead of standard output (- for standard output). The file is "
    "replaced only once the run has written all of it.",
)
no_progress_option = click.option("--no-progress", is_flag=True, help="Never show a progress bar.")


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


STDOUT = "standard output"
_DISK_HINT = "check that the folder exists, is writable and has space"
_STDOUT_HINT = "send the output to a file with -o FILE"


class _Guarded:
    """Writes to ``out``; an ``OSError`` (a full disk, a closed pipe) becomes an
    ``OutputError`` naming ``target``."""

    def __init__(self, out: IO[str], target: str, hint: str = _DISK_HINT) -> None:
        self.out = out
        self.target = target
        self.hint = hint

    def write(self, text: str, /) -> int:
        try:
            return self.out.write(text)
        except OSError as exc:
            raise OutputError(self.target, exc.strerror or str(exc), self.hint) from exc

    def flush(self) -> None:
        try:
            self.out.flush()
        except OSError as exc:
            raise OutputError(self.target, exc.strerror or str(exc), self.hint) from exc


@contextmanager
def open_output(path: str | None) -> Iterator[Writer]:
    """Where results go: standard output (``None`` or ``-``), a device or pipe as it is, or
    a file written beside its target and renamed over it only when the whole run is
    written, so a failed run never leaves a truncated file in place of the last one."""
    if path is None or path == "-":
        yield from _stdout()
    elif _is_special(path):
        yield from _direct(path)
    else:
        yield from _replacing(path)


def _stdout() -> Iterator[Writer]:
    out = _Guarded(sys.stdout, STDOUT, _STDOUT_HINT)
    try:
        yield out
        out.flush()
    except OutputError:
        _silence_stdout()  # the interpreter's own flush at exit would fail again, loudly
        raise


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file: nothing will flush it
        pass


def _is_special(path: str) -> bool:
    """A character device (``/dev/stdout``, ``/dev/null``) or a pipe: written as it is."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _direct(path: str) -> Iterator[Writer]:
    try:
        handle = open(path, "w", encoding="utf-8")  # closed below
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc), _DISK_HINT) from exc
    try:
        out = _Guarded(handle, path)
        yield out
        out.flush()
    finally:
        try:
            handle.close()
        except OSError:  # the write error is the one to report, and was raised
            pass


def _replacing(path: str) -> Iterator[Writer]:
    target = Path(path)
    # The name is chosen before the file exists, so that a Ctrl-C arriving the moment it is
    # created (before a name could be returned) still finds it in ``finally`` below.
    temp = str(target.parent / f".{target.name}.{secrets.token_hex(8)}.part")
    mine = True
    try:
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            mine = False  # another's file of that name: never removed
            raise
        os.chmod(temp, _mode_for(target))
        with open(fd, "w", encoding="utf-8") as handle:
            out = _Guarded(handle, path)
            yield out
            out.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc), _DISK_HINT) from exc
    finally:
        if mine and os.path.exists(temp):
            os.unlink(temp)


def _mode_for(target: Path) -> int:
    """The permissions the replaced file had, or those a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def result_dict(result: Result) -> dict[str, Any]:
    """The JSON record of one result; a file name that is not UTF-8 shows its odd bytes as
    ``\\xNN`` (JSON output is UTF-8)."""
    source = printable(result.source)
    if result.article is not None:
        return {**result.article.to_dict(), "source": source}
    return {"source": source, "error": printable(str(result.error))}


def printable(text: str) -> str:
    """``text`` with each byte that was not UTF-8 (kept by Python as a lone surrogate)
    shown as ``\\xNN``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def render_txt(result: Result) -> str:
    article = result.article
    assert article is not None
    head = [article.title or "", f"source: {result.source}"]
    for label, value in (
        ("site", article.site),
        ("url", article.canonical_url or article.url),
        ("published", article.published),
        ("authors", ", ".join(article.authors)),
    ):
        if value:
            head.append(f"{label}: {value}")
    return "\n".join(head) + "\n\n" + article.text + "\n"


def render_md(result: Result) -> str:
    article = result.article
    assert article is not None
    lines = [f"# {article.title or result.source}", ""]
    meta = [v for v in (article.site, article.published, ", ".join(article.authors)) if v]
    if meta:
        lines += ["*" + " · ".join(meta) + "*", ""]
    for block in article.blocks:
        prefix = {"heading": "## ", "list_item": "- ", "quote": "> "}.get(block.kind, "")
        lines += [prefix + block.text, ""]
    return "\n".join(lines)


def write_results(
    results: Iterable[Result], fmt: str, out: Writer, stats: RunStats, quiet_errors: bool = False
) -> None:
    """Write every result in ``fmt``; errors go to stderr (and into JSON/JSONL as records)."""
    first = True
    if fmt == "json":
        out.write("[")
    for result in results:
        stats.add(result)
        if result.error is not None and not quiet_errors:
            click.echo(f"newsdesk: error: {result.error}", err=True)
        if fmt in ("json", "jsonl"):
            data = json.dumps(
                result_dict(result), ensure_ascii=False, indent=2 if fmt == "json" else None
            )
            if fmt == "json":
                out.write(("\n" if first else ",\n") + data)
            else:
                out.write(data + "\n")
        elif result.article is not None:
            out.write(("" if first else "\n") + (render_txt if fmt == "txt" else render_md)(result))
        first = False
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")


@contextmanager
def progress(results: Iterable[Result], enabled: bool) -> Iterator[Iterable[Result]]:
    """A progress bar on stderr when it is a terminal and ``enabled``."""
    if not enabled or not sys.stderr.isatty():
        yield results
        return
    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs in the lock

    with tqdm(results, unit="page", file=sys.stderr, dynamic_ncols=True) as bar:
        yield bar
