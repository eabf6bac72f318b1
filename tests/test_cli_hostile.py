"""The ``newsdesk`` command under hostile arguments, settings and outputs (issue 17, bugs 6,
7 and 8): a clear one-line error and a non-zero exit, never a traceback. Each test runs the
installed ``newsdesk`` entry point in a subprocess, with this checkout's source first on the
path, because what is under test is what a user's shell sees: raw bytes in argv, the
environment, a full disk, a missing folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

ENTRY_POINT = Path(sys.executable).with_name("newsdesk")
PAGE = REPO / "src" / "newsdesk" / "samples" / "pages" / "156770d676ce.html"
BAD = b"oil \xff"  # not UTF-8: Python keeps the byte as a lone surrogate


def newsdesk(
    *args: str | bytes, env: dict[str, str] | None = None, stdout: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    if not ENTRY_POINT.exists():
        pytest.fail(f"{ENTRY_POINT} is missing: install newsdesk into this venv (pip install -e .)")
    environ = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run(
        [str(ENTRY_POINT), *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        timeout=300,
        check=False,
    )


def assert_clean_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (1, 2), err
    assert "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "n.db"
    result = newsdesk("ingest", "--no-analyze", "--db", str(path), str(PAGE))
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("search", BAD), "'TEXT'"),
        (("search", "oil", "--site", BAD), "'--site'"),
        (("quotes", "--speaker", BAD), "'--speaker'"),
        (("speakers", "--name", BAD), "'--name'"),
        (("entities", "--label", BAD), "'--label'"),
        (("export", "--format", "jsonl", "--lang", BAD), "'--lang'"),
    ],
    ids=["search", "search-site", "quotes-speaker", "speakers-name", "entities", "export"],
)
def test_invalid_utf8_argument_is_a_usage_error_naming_it(
    db: Path, args: tuple[str | bytes, ...], named: str
) -> None:
    result = newsdesk(*args, "--db", str(db))
    err = assert_clean_error(
        result, named, "is not valid UTF-8", "oil \\xff" if BAD in args else ""
    )
    assert result.returncode == 2, err


def test_a_file_name_that_is_not_utf8_is_still_read(tmp_path: Path) -> None:
    """File names may hold any bytes: the UTF-8 rule does not apply to them."""
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(b"The minister said the plan would work.")
    result = newsdesk("extract", "--format", "jsonl", name)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["text"] == "The minister said the plan would work."
    assert row["source"].endswith("/caf\\xe9.txt")  # JSON is UTF-8: the odd byte shown


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1.5", ""])
@pytest.mark.parametrize("variable", ["NEWSDESK_MAX_PAGE_BYTES", "NEWSDESK_MAX_ANALYZE_CHARS"])
def test_bad_number_in_the_environment_is_a_config_error(variable: str, value: str) -> None:
    result = newsdesk("extract", str(PAGE), env={variable: value})
    err = assert_clean_error(result, variable, repr(value))
    assert result.returncode == 2, err
    assert result.stdout == b""


def test_bad_number_in_the_environment_stops_ingest_too(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    result = newsdesk("ingest", "--db", str(db), str(PAGE), env={"NEWSDESK_MAX_PAGE_BYTES": "-5"})
    assert_clean_error(result, "NEWSDESK_MAX_PAGE_BYTES='-5' must be above 0")


@pytest.mark.parametrize("command", ["extract", "analyze"])
@pytest.mark.parametrize(
    ("target", "reason"),
    [("/nonexistent/o.json", "No such file or directory"), ("/dev/full", "No space left")],
)
def test_output_error_is_named(command: str, target: str, reason: str) -> None:
    result = newsdesk(command, "-o", target, str(PAGE), env={"NEWSDESK_MAX_ANALYZE_CHARS": "2000"})
    err = assert_clean_error(result, f"cannot write {target}: {reason}")
    assert result.returncode == 1, err


@pytest.mark.parametrize("command", ["extract", "analyze"])
def test_stdout_to_a_full_device_is_named(command: str) -> None:
    with open("/dev/full", "wb") as full:
        result = newsdesk(command, str(PAGE), stdout=full.fileno())
    err = assert_clean_error(result, "cannot write standard output: No space left")
    assert result.returncode == 1, err
    assert "Exception ignored" not in err, err


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("command", ["extract", "analyze"])
def test_interrupted_run_leaves_the_previous_file_in_place(tmp_path: Path, command: str) -> None:
    """Output goes to a temporary file renamed over the target only once all is written: a
    run stopped half-way (here by Ctrl-C while it waits on standard input) keeps the last
    good file, and leaves no temporary file behind."""
    target = tmp_path / "o.json"
    target.write_text("previous run\n")
    proc = subprocess.Popen(
        [str(ENTRY_POINT), command, "-o", str(target), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        # Ctrl-C as in a terminal: a job started in the background of a script (as CI may
        # run us) inherits SIGINT ignored, and would then read on to the end of its input.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(tmp_path.iterdir())) == 1:
        if target.read_text() != "previous run\n":
            break  # the old code: the target was opened, and truncated, at once
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert target.read_text() == "previous run\n", err
    assert [p.name for p in tmp_path.iterdir()] == ["o.json"], err


def test_output_replaces_the_file_only_when_whole(tmp_path: Path) -> None:
    target = tmp_path / "o.json"
    target.write_text("previous run\n")
    target.chmod(0o640)
    result = newsdesk("extract", "-o", str(target), str(PAGE))
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text())[0]["source"] == str(PAGE)
    assert (target.stat().st_mode & 0o777) == 0o640  # the replaced file's permissions kept
    assert [p.name for p in tmp_path.iterdir()] == ["o.json"]  # no temporary file left


@pytest.mark.parametrize("command", ["extract", "analyze"])
def test_dash_output_means_standard_output(tmp_path: Path, command: str) -> None:
    result = subprocess.run(
        [str(ENTRY_POINT), command, "-o", "-", "--format", "jsonl", str(PAGE)],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "NEWSDESK_MAX_ANALYZE_CHARS": "2000"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == str(PAGE)
    assert not (tmp_path / "-").exists()


def _closed_reader_run(*args: str) -> tuple[int, str]:
    """Run ``newsdesk ARGS`` writing into a pipe whose reader has already gone (closed before
    the command writes a byte): its exit status and what it said on standard error."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [str(ENTRY_POINT), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(
    "args",
    [
        ("extract", str(PAGE)),
        ("analyze", "--format", "jsonl", str(PAGE)),
        ("search", "governor"),
        ("export", "--format", "jsonl", "-o", "-"),
        ("export", "--format", "csv", "-o", "-"),
    ],
    ids=["extract", "analyze", "search", "export-jsonl", "export-csv"],
)
def test_a_closed_output_pipe_ends_the_run_quietly(db: Path, args: tuple[str, ...]) -> None:
    """``newsdesk ... | head -1`` once head has gone: exit 141 (a shell's status for SIGPIPE,
    as ``cat`` gives), nothing on standard error: no error, no "Exception ignored"."""
    store_args = ("--db", str(db)) if args[0] in ("search", "export") else ()
    status, err = _closed_reader_run(*args, *store_args)
    assert status == 141, err
    assert err == ""


def test_extract_into_head_stops_quietly(tmp_path: Path) -> None:
    """A real ``newsdesk extract big.txt | head -c 10``: the reader takes 10 bytes and exits
    while over a megabyte (far more than a pipe holds) is still to be written."""
    big = tmp_path / "big.txt"
    paragraphs = (
        f"Paragraph {i}: the council of district {i} met on Monday and said the road through "
        f"town {i * 7} would reopen in the spring after {i % 90 + 2} weeks of repairs.\n\n"
        for i in range(10_000)
    )
    big.write_text("".join(paragraphs), encoding="utf-8")  # about 1.5 MB, every line new
    head = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert head.stdin is not None
    proc = subprocess.run(
        [str(ENTRY_POINT), "extract", str(big)],
        stdout=head.stdin,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        timeout=300,
        check=False,
    )
    head.stdin.close()
    assert head.stdout is not None
    shown = head.stdout.read()
    head.stdout.close()
    assert head.wait(timeout=60) == 0
    err = proc.stderr.decode("utf-8", "replace")
    assert shown == b'[\n{\n  "sou'
    assert proc.returncode == 141, err
    assert err == ""
