"""The hostile-page corpus (tests/fixtures/hostile/pages/make_pages.py) through ``extract``,
``analyze`` and ``ingest``, the commands a user runs: each page becomes an article or fails
with the named error expected of it, without a traceback and within a time bound.

Outcomes: ``article`` (analysed whole), ``budget`` (an article whose analysis stopped at the
analysis budget, said so in ``skipped``), or the name of the ``InputError`` subclass.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from newsdesk.cli import main

_spec = importlib.util.spec_from_file_location(
    "make_pages", FIXTURES / "hostile" / "pages" / "make_pages.py"
)
assert _spec and _spec.loader
make_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_pages)

SECONDS = 120  # per page and command, on a loaded two-core machine; most take under 10 s

# name: (extract, analyze); ingest stores what extract makes, and fails as extract does
EXPECTED: dict[str, tuple[str, str]] = {
    "mixed_encodings.html": ("article", "article"),
    "broken_markup.html": ("article", "article"),
    "giant_attribute.html": ("article", "article"),
    "deep_nesting.html": ("article", "article"),
    "control_chars.html": ("NotAPage", "NotAPage"),  # 27 control characters in 600 bytes
    "binary_garbage.bin": ("NotAPage", "NotAPage"),
    "empty.html": ("EmptyInput", "EmptyInput"),
    "utf16_no_bom.html": ("NotAPage", "NotAPage"),  # read as bytes with NULs: not decoded
    "only_script.html": ("NoMainText", "NoMainText"),
    "nul_bytes.html": ("NotAPage", "NotAPage"),
    "zero_byte.html.gz": ("EmptyInput", "EmptyInput"),
    "truncated.html.gz": ("UnreadableInput", "UnreadableInput"),
    "huge_single_line.txt": ("article", "budget"),
    "quote_marks.txt": ("article", "budget"),
}
COMMANDS = ("extract", "analyze", "ingest")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths: dict[str, Path] = make_pages.write_pages(tmp_path_factory.mktemp("hostile"))
    return paths


def test_every_generated_page_has_an_expected_outcome() -> None:
    assert sorted(make_pages.PAGES) == sorted(EXPECTED)


def _outcome(command: str, path: Path, db: Path) -> tuple[str, str]:
    """(outcome, stderr) of one page through one command."""
    args = ["--format", "jsonl", str(path)] if command != "ingest" else ["--db", str(db), str(path)]
    result = CliRunner().invoke(main, [command, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    failed = re.search(r"1 failed \(1 (\w+)\)", result.stderr)
    if result.exit_code == 1 and failed:
        return failed.group(1), result.stderr
    assert result.exit_code == 0, result.stderr
    if command == "ingest":
        assert "1 new" in result.stderr, result.stderr
        return "article", result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    budget = any("analysis budget" in s["reason"] for s in row["skipped"])
    return ("budget" if budget else "article"), result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_page(corpus: dict[str, Path], tmp_path: Path, name: str, command: str) -> None:
    extracted, analysed = EXPECTED[name]
    expected = analysed if command == "analyze" else extracted
    if command == "ingest" and expected == "budget":
        expected = "article"
    start = time.perf_counter()
    outcome, err = _outcome(command, corpus[name], tmp_path / "n.db")
    assert time.perf_counter() - start < SECONDS
    assert "Traceback" not in err
    assert outcome == expected, err
