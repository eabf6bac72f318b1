"""Local inputs: files, directories (recursive), globs, ``.gz`` files and ``-`` (stdin).

Every failure of the file system is an ``InputError`` naming the path: a name too long for
the file system, a folder that cannot be listed, a pipe, a truncated gzip. A glob through a
symbolic-link loop reads each real file once (``_globbing.py``).

Only regular files are read by name (``open_regular``, used by the WARC and JSONL readers
too): a named pipe (FIFO), socket or device is refused with an error naming it, at once,
because opening a FIFO waits for a writer that may never come, and a device may never end.
A pipe is read as ``-`` (standard input): ``producer | newsdesk extract -``.
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsdesk.errors import InputError, InputTooLarge, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources._globbing import expand

_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
# Archives found in a folder walk are read whole by their own readers (see sources/__init__).
_ARCHIVE_SUFFIXES = (".warc", ".jsonl", ".ndjson")


def iter_file_pages(spec: str, settings: Settings) -> Iterator[Page | InputError]:
    if spec == "-":
        yield _read_stdin(settings.max_page_bytes)
        return
    if os.path.isdir(spec):  # False, not OSError, for a name too long: _read names it
        yield from _read_tree(Path(spec), settings)
        return
    if os.path.lexists(spec) or not glob.has_magic(spec):
        yield _read(spec, settings)
        return
    matches = expand(spec)
    if not matches:
        yield UnreadableInput(spec, "no file matches this pattern")
    for match in matches:
        if os.path.isdir(match):
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
        problem = _not_a_file(source)
        if problem is not None:
            return UnreadableInput(source, problem, PIPE_HINT if problem == NOT_REGULAR else None)
        content = _read_bytes(source, limit + 1)
    except OSError as exc:
        return _os_error(source, exc)
    except ValueError:  # os.stat refuses the name before the file system sees it
        return UnreadableInput(source, "not a usable file name (it holds a NUL byte)")
    except (EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError, handled above
        return UnreadableInput(source, f"corrupt or truncated gzip ({exc})")
    if len(content) > limit:
        return _too_large(source, limit)
    return Page(source=source, content=content)


def _read_stdin(limit: int) -> Page | InputError:
    try:
        content = sys.stdin.buffer.read(limit + 1)
    except (OSError, ValueError, AttributeError) as exc:  # closed, or no stdin at all
        return UnreadableInput("-", f"cannot read standard input ({exc})")
    if len(content) > limit:
        return _too_large("-", limit)
    return Page(source="-", content=content)


def _too_large(source: str, limit: int) -> InputTooLarge:
    return InputTooLarge(
        source, f"page is over the limit of {limit:,} bytes", "raise NEWSDESK_MAX_PAGE_BYTES"
    )


NOT_REGULAR = "not a regular file (a named pipe, socket or device)"
PIPE_HINT = "give a regular file, or send the data to standard input and give '-'"


class NotARegularFile(OSError):
    """``open_regular`` was given a directory, pipe, socket or device (``strerror`` says)."""


def _not_a_file(source: str) -> str | None:
    """Why ``source`` is no regular file, or None; raises OSError when it cannot be looked at."""
    return _why_not_regular(os.stat(source).st_mode)


def _why_not_regular(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if not stat.S_ISREG(mode):
        return NOT_REGULAR
    return None


def open_regular(path: str) -> io.BufferedReader:
    """``path`` opened for reading in binary, if it is a regular file; else a
    ``NotARegularFile`` (an OSError) saying what it is. The file is opened without blocking
    and looked at before any read, so a FIFO without a writer never hangs the run."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        problem = _why_not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise NotARegularFile(errno.EINVAL, problem, path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(source: str, size: int) -> bytes:
    with open_regular(source) as raw:
        if source.lower().endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="rb") as handle:
                return handle.read(size)
        return raw.read(size)


_OS_REASONS = {
    errno.ENOENT: ("no such file", None),
    errno.EISDIR: ("is a directory", None),
    errno.EACCES: ("permission denied", "check the file's read permission"),
    errno.EPERM: ("permission denied", "check the file's read permission"),
    errno.ENAMETOOLONG: ("file name too long for the file system", "check the path"),
    errno.ELOOP: ("too many levels of symbolic links", "a link points back at itself"),
}


def _os_error(source: str, exc: OSError) -> InputError:
    if isinstance(exc, NotARegularFile):
        return UnreadableInput(source, exc.strerror or NOT_REGULAR, PIPE_HINT)
    if isinstance(exc, gzip.BadGzipFile):
        return UnreadableInput(source, f"corrupt or truncated gzip ({exc})")
    reason, hint = _OS_REASONS.get(exc.errno or 0, (f"cannot read: {exc.strerror or exc}", None))
    return UnreadableInput(source, reason, hint)
