"""Where one input's output goes, and how it is committed so that a killed job run again
neither loses nor repeats anything.

Each input (a WARC path as listed) has an id, the first 16 hex digits of the SHA-1 of the
path, and its files are named after it (``part-<id>.parquet`` under ``articles/`` and
``failures/``). A task commits one attempt at an input in four steps:

1. ``begin``: removes the files of the input's earlier attempt, killed or failed (they are
   listed in its manifest ``OUT/_commits/<id>.json``), then writes the new attempt's
   manifest: the files it is about to write. The manifest is written before any of them,
   so whatever an attempt leaves behind is listed somewhere.
2. ``write``: each file is written in its own partition folder under a hidden name
   (``.part-<id>.parquet.<attempt>.tmp``; Spark, Hadoop and pyarrow skip names starting
   with ``.`` or ``_``), then renamed to its real name (``os.replace``, atomic on one
   filesystem): no reader ever sees half a file.
3. ``finish``: writes the done-marker ``OUT/_done/<id>.json`` (itself written aside and
   renamed), only when the input was read.

An input with a marker is skipped by the next run; an input without one is read again and
its files replaced, so the result never holds an input twice. Nothing is staged in a
scratch tree and nothing scans the output for an input's files: a task's cost grows with
its own partitions only, not with the whole output. ``OUT`` must be a folder that every
executor can write (a local disk for ``local[N]``, a shared mount on a cluster).

Output written before manifests existed (a ``_tmp`` staging folder, no ``_commits``) is
still cleaned: an input without a manifest there has its files found by their names.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DONE = "_done"
COMMITS = "_commits"
TMP = "_tmp"  # the staging folder of earlier versions; removed when found
ARTICLES = "articles"
FAILURES = "failures"


def input_id(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def part_name(ident: str) -> str:
    return f"part-{ident}.parquet"


def marker_path(out: Path, ident: str) -> Path:
    return out / DONE / f"{ident}.json"


def manifest_path(out: Path, ident: str) -> Path:
    return out / COMMITS / f"{ident}.json"


def is_done(out: Path, path: str) -> bool:
    return marker_path(out, input_id(path)).exists()


def read_markers(out: Path) -> list[dict[str, Any]]:
    """Every done-marker's content (the input path and its counts), in no set order."""
    folder = out / DONE
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


class Attempt:
    """One attempt at committing one input's files (see the module's steps)."""

    def __init__(self, out: Path, ident: str) -> None:
        self.out = out
        self.ident = ident
        self.name = part_name(ident)
        self.token = uuid.uuid4().hex[:12]

    def begin(self, files: list[str]) -> None:
        """Remove the earlier attempt's files, then record ``files`` (paths relative to
        ``OUT``) as this attempt's."""
        for old in _earlier_files(self.out, self.ident):
            old.unlink(missing_ok=True)
        _write_json(manifest_path(self.out, self.ident), {"token": self.token, "files": files})

    def write(self, relative: str, save: Any) -> None:
        """``save(path)`` writes the file; it is then renamed to ``OUT/relative``."""
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        aside = _aside(target, self.token)
        save(aside)
        os.replace(aside, target)

    def finish(self, marker: dict[str, Any] | None) -> None:
        """Write the done-marker when ``marker`` is given (the input was read)."""
        if marker is not None:
            _write_json(marker_path(self.out, self.ident), marker)


def article_file(day: str, host: str, ident: str) -> str:
    return f"{ARTICLES}/date={day}/host={host}/{part_name(ident)}"


def failure_file(ident: str) -> str:
    return f"{FAILURES}/{part_name(ident)}"


def committed_articles(out: Path, ident: str) -> list[Path]:
    """The article files of an input's last attempt."""
    return sorted(p for p in _committed(out, ident) if p.parts[len(out.parts)] == ARTICLES)


def clear_scratch(out: Path) -> None:
    """Remove what killed attempts left aside: the hidden files listed in the manifests of
    inputs without a done-marker, and an earlier version's ``_tmp`` folder; a new output is
    marked as one whose every attempt has a manifest. Call it before
    a run starts and after its tasks end, never while tasks run."""
    shutil.rmtree(out / TMP, ignore_errors=True)
    if not (out / ARTICLES).exists() and not (out / FAILURES).exists():
        (out / COMMITS).mkdir(parents=True, exist_ok=True)  # a new output: manifests only
    for manifest in sorted((out / COMMITS).glob("*.json")):
        ident = manifest.stem
        if marker_path(out, ident).exists():
            continue
        record = _read_manifest(out, ident) or {}
        for relative in record.get("files", []):
            _aside(out / relative, str(record["token"])).unlink(missing_ok=True)


def _earlier_files(out: Path, ident: str) -> Iterator[Path]:
    record = _read_manifest(out, ident)
    if record is not None:
        for relative in record.get("files", []):
            yield out / relative
            yield _aside(out / relative, str(record["token"]))
    elif not (out / COMMITS).is_dir():  # written by an earlier version: find them by name
        yield from _committed(out, ident)


def _committed(out: Path, ident: str) -> Iterator[Path]:
    record = _read_manifest(out, ident)
    if record is not None:
        yield from (p for p in (out / r for r in record.get("files", [])) if p.exists())
        return
    name = part_name(ident)
    yield from (out / ARTICLES).glob(f"*/*/{name}")
    if (out / FAILURES / name).exists():
        yield out / FAILURES / name


def _read_manifest(out: Path, ident: str) -> dict[str, Any] | None:
    try:
        record = json.loads(manifest_path(out, ident).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return record if isinstance(record, dict) else None


def _aside(target: Path, token: str) -> Path:
    return target.with_name(f".{target.name}.{token}.tmp")


def _write_json(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp")
    aside.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    os.replace(aside, path)
