"""Every failure is named (issue 17): the ``extract``, ``analyze`` and ``ingest`` entry
points driven with inputs that make spaCy, SQLite, lxml and the file system fail give a
named error, with the input and the reason, and no traceback. Each case runs the installed
``newsdesk`` entry point in a subprocess (the errors are those a user's shell sees)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from test_cli_hostile import PAGE, assert_clean_error, newsdesk

SEED_TEXT = b"The minister said on Monday that the bridge would reopen next spring."


def test_missing_spacy_model_is_a_config_error_per_page() -> None:
    result = newsdesk("analyze", str(PAGE), env={"NEWSDESK_SPACY_MODEL": "no_such_model"})
    assert_clean_error(result, "spaCy model 'no_such_model' is not installed", "1 ConfigError")


def test_missing_spacy_model_fails_ingest_by_name(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    env = {"NEWSDESK_SPACY_MODEL": "no_such_model"}
    result = newsdesk("ingest", "--db", str(db), str(PAGE), env=env)
    assert_clean_error(result, "no_such_model", "ConfigError")


def test_database_that_is_a_directory(tmp_path: Path) -> None:
    result = newsdesk("ingest", "--no-analyze", "--db", str(tmp_path), str(PAGE))
    assert_clean_error(result, f"{tmp_path}: is a directory")


@pytest.mark.parametrize(
    "content", [random.Random(3).randbytes(5000), b"SQLite format 3\x00" + b"\x07" * 200]
)
def test_corrupt_database(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "n.db"
    db.write_bytes(content)
    result = newsdesk("ingest", "--no-analyze", "--db", str(db), str(PAGE))
    assert_clean_error(result, f"{db}: ", "not a newsdesk database")
    assert db.read_bytes() == content


# A read-only database for ingest: tests/test_store_hostile.py
# (test_a_read_only_file_for_ingest_is_named, immutable with chattr so root is refused too).


@pytest.mark.parametrize("command", ["extract", "analyze", "ingest"])
def test_missing_and_unreadable_inputs(tmp_path: Path, command: str) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")  # a link to itself: ELOOP on open
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    db = ("--db", str(tmp_path / "n.db")) if command == "ingest" else ()
    missing = tmp_path / "missing.html"
    result = newsdesk(command, *db, str(missing), str(tmp_path / "loop"), str(tmp_path / "gone"))
    err = assert_clean_error(result, str(missing))
    assert "3 failed" in err, err


@pytest.mark.parametrize("command", ["extract", "analyze"])
def test_markup_lxml_refuses_as_text_is_still_read(tmp_path: Path, command: str) -> None:
    """lxml refuses a str that declares an encoding, and a text node over 10 MB without
    huge_tree: both pages are still read as articles."""
    declared = tmp_path / "declared.html"
    declared.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>' + PAGE.read_bytes())
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body><article><p>" + b"word " * 2_200_000 + b"</p></article>")
    env = {"NEWSDESK_MAX_ANALYZE_CHARS": "3000"}
    result = newsdesk(command, "--format", "jsonl", str(declared), str(huge), env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 2
