"""Glob patterns expanded without loops: each real file once, each real folder entered once.

``glob.glob(recursive=True)`` follows symbolic links to folders, so ``site/**/*.html`` under a
link back to ``site`` lists every page about forty times (until the system refuses the path),
and two such links make the walk exponential. ``expand`` keeps glob's rules (``*``, ``?``,
``[...]``, ``**`` for any number of folders, names starting with a dot only when the pattern
asks for them) but enters each real folder once and returns each real path once, sorted.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterator

__all__ = ["expand"]


def expand(pattern: str) -> list[str]:
    """The paths matching ``pattern``, each real file or folder once, sorted."""
    parts = pattern.split(os.sep)
    paths = [os.sep] if parts[0] == "" else [""]
    parts = [part for part in parts if part]
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        paths = [found for base in paths for found in _step(base, part, last)]
    unique: dict[str, str] = {}
    for path in sorted(paths):
        unique.setdefault(os.path.realpath(path), path)
    return sorted(unique.values())


def _step(base: str, part: str, last: bool) -> Iterator[str]:
    """What one pattern component matches under ``base`` (folders only, unless ``last``)."""
    if part == "**":
        yield from _below(base, files=last)
    elif glob.has_magic(part):
        for name in _names(base):
            if fnmatch.fnmatchcase(name, part) and (part.startswith(".") or name[0] != "."):
                path = os.path.join(base, name)
                if last or os.path.isdir(path):
                    yield path
    else:
        path = os.path.join(base, part)
        if os.path.isdir(path) or (last and os.path.lexists(path)):
            yield path


def _below(base: str, *, files: bool) -> Iterator[str]:
    """``base`` and every folder under it (and the files, when ``files``), each real one once."""
    seen: set[str] = set()
    stack = [base]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder or ".")
        if real in seen:
            continue  # a link back to a folder already walked: the loop stops here
        seen.add(real)
        yield folder
        for name in _names(folder):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            if os.path.isdir(path):
                stack.append(path)
            elif files:
                yield path


def _names(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder or "."))
    except OSError:
        return []  # unreadable or gone: it matches nothing, as with glob
