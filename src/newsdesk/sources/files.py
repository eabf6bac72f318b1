"""Local inputs: files, directories (recursive), globs, ``.gz`` files and ``-`` (stdin)."""

from __future__ import annotations

import glob
import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsdesk.errors import InputError, InputTooLarge, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings

_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
# Archives found in a folder walk are read whole by their own readers (see sources/__init__).
_ARCHIVE_SUFFIXES = (".warc", ".jsonl", ".ndjson")


def iter_file_pages(spec: str, settings: Settings) -> Iterator[Page | InputError]:
    if spec == "-":
        yield Page(source="-", content=sys.stdin.buffer.read())
        return
    path = Path(spec)
    if path.is_dir():
        yield from _read_tree(path, settings)
        return
    if path.exists() or not glob.has_magic(spec):
        yield _read(spec, settings)
        return
    matches = sorted(glob.glob(spec, recursive=True))
    if not matches:
        yield UnreadableInput(spec, "no file matches this pattern")
    for match in matches:
        if Path(match).is_dir():
            yield from _read_tree(Path(match), settings)
        else:
            yield _read(match, settings)


def is_page_file(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(_PAGE_SUFFIXES)


def is_archive_file(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(_ARCHIVE_SUFFIXES)


def walk_tree(root: Path, archives: bool = True) -> Iterator[Path | InputError]:
    """Page (and archive) files under ``root`` in a stable order; a folder that cannot be
    listed is an error, not a silent gap."""
    failures: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failures.append):
        while failures:
            failure = failures.pop()
            yield UnreadableInput(str(failure.filename or dirpath), "cannot list this folder")
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if is_page_file(path) or (archives and is_archive_file(path)):
                yield path
    for failure in failures:
        yield UnreadableInput(str(failure.filename or root), "cannot list this folder")


def _read_tree(root: Path, settings: Settings) -> Iterator[Page | InputError]:
    for item in walk_tree(root, archives=False):
        yield item if isinstance(item, InputError) else _read(str(item), settings)


def _read(source: str, settings: Settings) -> Page | InputError:
    limit = settings.max_page_bytes
    try:
        mode = os.stat(source).st_mode
        if stat.S_ISDIR(mode):
            return UnreadableInput(source, "is a directory")
        if not stat.S_ISREG(mode):
            return UnreadableInput(source, "not a regular file (a pipe, socket or device)")
        if source.lower().endswith(".gz"):
            with gzip.open(source, "rb") as handle:
                content = handle.read(limit + 1)
        else:
            with open(source, "rb") as handle:
                content = handle.read(limit + 1)
    except FileNotFoundError:
        return UnreadableInput(source, "no such file")
    except IsADirectoryError:
        return UnreadableInput(source, "is a directory")
    except PermissionError:
        return UnreadableInput(source, "permission denied", "check the file's read permission")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return UnreadableInput(source, f"corrupt or truncated gzip ({exc})")
    except OSError as exc:
        return UnreadableInput(source, f"cannot read: {exc.strerror or exc}")
    if len(content) > limit:
        return InputTooLarge(
            source,
            f"page is over the limit of {limit:,} bytes",
            "raise NEWSDESK_MAX_PAGE_BYTES to accept it",
        )
    return Page(source=source, content=content)
