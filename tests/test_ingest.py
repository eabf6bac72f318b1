"""``newsdesk ingest`` end to end on real pages: counts, idempotence, crash safety."""

from __future__ import annotations

import gzip
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SCRAPINGHUB


def newsdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], capture_output=True, text=True, timeout=600,
        env=env,
    )  # fmt: skip


def copy_pages(target: Path, n: int) -> int:
    """ScrapingHub pages into ``target``; past the 181 originals, copies with a changed
    comment (new bytes, same story) so that n pages are distinct."""
    target.mkdir(parents=True, exist_ok=True)
    sources = sorted((SCRAPINGHUB / "html").glob("*.html.gz"))
    for i in range(n):
        raw = gzip.decompress(sources[i % len(sources)].read_bytes())
        if i >= len(sources):
            raw += f"<!-- copy {i} -->".encode()
        (target / f"{i:04d}.html").write_bytes(raw)
    return n


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = ("pages", "articles", "clusters", "lsh_bands", "articles_fts")
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        found["distinct_pages"] = conn.execute(
            "SELECT count(DISTINCT content_hash) FROM pages"
        ).fetchone()[0]
        return found
    finally:
        conn.close()


def test_ingest_counts_and_reingest_adds_nothing(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    copy_pages(pages, 12)
    (pages / "empty.html").write_bytes(b"")
    db = tmp_path / "n.db"
    first = newsdesk("ingest", str(pages), str(REPO / "samples"), "--db", str(db), "--no-analyze")
    assert first.returncode == 1  # the empty page failed
    assert "empty.html" in first.stderr
    assert "17 new, 0 updated, 0 duplicate, 1 failed" in first.stderr, first.stderr
    before = table_counts(db)
    assert before["pages"] == before["articles"] == 17
    again = newsdesk("ingest", str(pages), str(REPO / "samples"), "--db", str(db), "--no-analyze")
    assert "0 new, 0 updated, 17 duplicate, 1 failed" in again.stderr, again.stderr
    assert table_counts(db) == before


def test_ingest_reads_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    env = {**os.environ, "NEWSDESK_DB": str(db)}
    result = newsdesk("ingest", str(REPO / "samples"), "--no-analyze", env=env)
    assert result.returncode == 0, result.stderr
    assert table_counts(db)["articles"] == 5


def test_ingest_killed_mid_run_then_rerun_stores_every_page_once(tmp_path: Path) -> None:
    total = copy_pages(tmp_path / "pages", 200)
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    clean = newsdesk("ingest", str(tmp_path / "pages"), "--db", str(clean_db), "--no-analyze")
    assert clean.returncode == 0, clean.stderr
    expected = table_counts(clean_db)
    assert expected["pages"] == total

    command = [sys.executable, "-m", "newsdesk", "ingest", str(tmp_path / "pages"),
               "--db", str(crash_db), "--no-analyze", "--batch-size", "10"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
            if crash_db.exists():
                try:
                    conn = sqlite3.connect(f"file:{crash_db}?mode=ro", uri=True, timeout=1)
                    seen = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
                    conn.close()
                except sqlite3.Error:
                    continue  # not created yet, or mid-migration
            if 0 < seen < total // 2:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    if not 0 < seen < total:
        pytest.fail(f"could not catch the run mid-way (saw {seen} of {total} pages)")
    partial = table_counts(crash_db)
    assert partial["pages"] < total
    assert partial["pages"] == partial["distinct_pages"]

    rerun = newsdesk("ingest", str(tmp_path / "pages"), "--db", str(crash_db), "--no-analyze")
    assert rerun.returncode == 0, rerun.stderr
    assert "0 failed" in rerun.stderr
    assert table_counts(crash_db) == expected


def test_ingest_with_analysis_stores_who_said_what(tmp_path: Path) -> None:
    from newsdesk.store.ingest import analysis_stage

    assert analysis_stage(None) is not None, "the analyze stage must be installed"
    db = tmp_path / "n.db"
    seed = REPO / "samples" / "000_f7bec187210c3bff.txt"
    result = newsdesk("ingest", str(seed), "--db", str(db), "--analyze")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    quotes, speakers = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                        for t in ("quotes", "speakers"))  # fmt: skip
    conn.close()
    assert quotes > 0 and speakers > 0
    top = newsdesk("speakers", "--db", str(db), "--top", "3", "--format", "jsonl")
    assert "Hamilton" in top.stdout
    said = newsdesk("quotes", "--db", str(db), "--speaker", "hamilton", "--about", "Serbia")
    assert said.returncode == 0 and "Serbia" in said.stdout
