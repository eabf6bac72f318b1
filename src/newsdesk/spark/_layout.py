"""Where one input's output goes, and how it is committed so that a killed job run again
neither loses nor repeats anything.

Each input (a WARC path as listed) has an id, the first 16 hex digits of the SHA-1 of the
path. Its task writes everything into ``OUT/_tmp/<id>-<random>/`` first, then:

1. removes any file an earlier, killed commit of the same input left (``part-<id>.parquet``
   under ``articles/`` and ``failures/``: file names are per input, so this finds them all);
2. renames each new file into place (``os.replace``, atomic on one filesystem);
3. writes the done-marker ``OUT/_done/<id>.json`` (itself written aside and renamed).

An input with a marker is skipped by the next run; an input without one is read again and
its files replaced, so the result never holds an input twice. ``OUT`` must be a folder that
every executor can write (a local disk for ``local[N]``, a shared mount on a cluster).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DONE = "_done"
TMP = "_tmp"
ARTICLES = "articles"
FAILURES = "failures"


def input_id(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def part_name(ident: str) -> str:
    return f"part-{ident}.parquet"


def marker_path(out: Path, ident: str) -> Path:
    return out / DONE / f"{ident}.json"


def is_done(out: Path, path: str) -> bool:
    return marker_path(out, input_id(path)).exists()


def read_markers(out: Path) -> list[dict[str, Any]]:
    """Every done-marker's content (the input path and its counts), in no set order."""
    folder = out / DONE
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def scratch(out: Path, ident: str) -> Path:
    """A fresh private folder for one attempt at one input."""
    folder = out / TMP / f"{ident}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    return folder


def commit(out: Path, ident: str, staged: Path, marker: dict[str, Any] | None) -> None:
    """Move the files under ``staged`` into ``out`` (replacing this input's earlier ones),
    then write the done-marker when ``marker`` is given; ``staged`` is removed."""
    for old in _committed(out, ident):
        old.unlink()
    for new in sorted(p for p in staged.rglob("*") if p.is_file()):
        target = out / new.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, target)
    if marker is not None:
        done = marker_path(out, ident)
        done.parent.mkdir(parents=True, exist_ok=True)
        aside = done.with_suffix(".tmp")
        aside.write_text(json.dumps(marker, sort_keys=True), encoding="utf-8")
        os.replace(aside, done)
    shutil.rmtree(staged, ignore_errors=True)


def _committed(out: Path, ident: str) -> Iterable[Path]:
    name = part_name(ident)
    yield from (out / ARTICLES).glob(f"*/*/{name}")
    failures = out / FAILURES / name
    if failures.exists():
        yield failures


def clear_scratch(out: Path) -> None:
    """Remove what killed tasks left in ``OUT/_tmp`` (call before a run starts)."""
    shutil.rmtree(out / TMP, ignore_errors=True)
