"""How a Spark task commits one input (``newsdesk.spark._layout``), without a Spark session:
the task's own code (``process_input``) over real WARC files, attempts killed at each step,
then run again. The output never holds an input twice, never shows half a file under a real
name, and keeps nothing a killed attempt left aside."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no type information
import pytest

from newsdesk.settings import Settings
from newsdesk.sources.warc_write import WarcPage, write_warc
from newsdesk.spark import _layout
from newsdesk.spark._task import TaskSpec, process_input

PAGES = Path(__file__).resolve().parents[1] / "samples" / "pages"
URLS = {"156770d676ce.html": "https://thehill.com/a", "374ac9a59a85.html": "https://cnbc.com/c"}


@pytest.fixture
def warc(tmp_path: Path) -> str:
    path = tmp_path / "in.warc.gz"
    write_warc(path, [WarcPage(url=u, content=(PAGES / n).read_bytes()) for n, u in URLS.items()])
    return str(path)


def _run(warc: str, out: Path) -> None:
    _layout.clear_scratch(out)
    report = process_input(warc, TaskSpec(str(out), Settings(), analyze=False))
    assert report.status == "done" and report.articles == 2, report


def _sources(out: Path) -> list[str]:
    return sorted(pq.read_table(out / _layout.ARTICLES).column("source").to_pylist())


def _visible(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in (out / _layout.ARTICLES).rglob("*.parquet"))


def test_one_attempt_writes_its_manifest_its_files_and_its_marker(
    warc: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(warc, out)
    ident = _layout.input_id(warc)
    manifest = json.loads(_layout.manifest_path(out, ident).read_text())
    assert sorted(manifest["files"]) == _visible(out) and len(manifest["files"]) == 2
    assert [str(p.relative_to(out)) for p in _layout.committed_articles(out, ident)] == sorted(
        manifest["files"]
    )
    assert json.loads(_layout.marker_path(out, ident).read_text())["articles"] == 2
    assert not list(out.rglob(".*"))  # nothing left aside


def test_an_attempt_killed_while_writing_is_cleared_and_redone_once(
    warc: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(warc, out)
    before = _sources(out)
    ident = _layout.input_id(warc)
    _layout.marker_path(out, ident).unlink()
    # A second attempt killed after its manifest, with one file written aside, half done.
    files = json.loads(_layout.manifest_path(out, ident).read_text())["files"]
    killed = _layout.Attempt(out, ident)
    killed.begin(files)
    aside = (out / files[0]).with_name(f".{Path(files[0]).name}.{killed.token}.tmp")
    aside.write_bytes(b"PAR1 half a file")
    assert not (out / files[0]).exists()  # its earlier copy is gone, nothing is marked done
    _layout.clear_scratch(out)  # the next run starts
    assert not aside.exists()
    _run(warc, out)
    assert _sources(out) == before and len(before) == 2
    assert not list(out.rglob(".*")) and _layout.is_done(out, warc)


def test_output_of_the_earlier_staged_layout_is_replaced_not_doubled(
    warc: str, tmp_path: Path
) -> None:
    """An output folder written before manifests: the input's files are found by name, also
    in a partition the new attempt does not write (the older version dated a page
    otherwise)."""
    first, second = tmp_path / "first", tmp_path / "old"
    _run(warc, first)
    ident = _layout.input_id(warc)
    (second / _layout.TMP / "stray").mkdir(parents=True)
    for n, path in enumerate(_layout.committed_articles(first, ident)):
        relative = path.relative_to(first)
        if n == 0:
            relative = Path(_layout.article_file("2000-01-01", "thehill.com", ident))
        target = second / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert not (second / _layout.COMMITS).exists()
    _run(warc, second)
    assert _sources(second) == _sources(first)
    assert not (second / _layout.TMP).exists()
