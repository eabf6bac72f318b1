"""``newsdesk ingest`` end to end on real pages: counts, idempotence, crash safety."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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


def table_counts(db: Path | str) -> dict[str, int]:
    """Rows per table, and distinct pages; on SQLite also the FTS5 index's rows after an
    integrity check; on PostgreSQL the rows the full-text index covers."""
    if str(db).startswith("postgresql"):
        return _pg_counts(str(db))
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


def _pg_counts(url: str) -> dict[str, int]:
    from sqlalchemy import text

    from newsdesk.store import open_store

    with open_store(url) as store, store.engine.connect() as conn:
        tables = ("pages", "articles", "clusters", "lsh_bands")
        found = {
            t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables
        }
        found["articles_fts"] = int(conn.execute(text(
            "SELECT count(*) FROM articles WHERE superseded_by IS NULL AND search IS NOT NULL"
        )).scalar_one())  # fmt: skip
        found["distinct_pages"] = int(
            conn.execute(text("SELECT count(DISTINCT content_hash) FROM pages")).scalar_one()
        )
    return found


def test_ingest_counts_and_reingest_adds_nothing(tmp_path: Path, store_url: str) -> None:
    pages = tmp_path / "pages"
    copy_pages(pages, 12)
    (pages / "empty.html").write_bytes(b"")
    db = store_url
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


def jsonl_lines(n: int) -> list[bytes]:
    """``copy_pages``'s pages as JSON lines ``{"url", "html"}``, one per page."""
    sources = sorted((SCRAPINGHUB / "html").glob("*.html.gz"))
    lines = []
    for i in range(n):
        html = gzip.decompress(sources[i % len(sources)].read_bytes()).decode("utf-8")
        if i >= len(sources):
            html += f"<!-- copy {i} -->"
        page = {"url": f"https://example.org/{i % len(sources)}", "html": html}
        lines.append(json.dumps(page).encode() + b"\n")
    return lines


def test_ingest_killed_mid_run_then_rerun_stores_every_page_once(tmp_path: Path) -> None:
    """SIGKILL while pages are being extracted and written, then the same input again:
    every page stored exactly once, the tables as after one clean run. The run is killed as
    soon as its first batch of 10 is seen committed, with 390 pages still to extract (seconds
    of work against a 20 ms poll). (A named pipe that never ends used to hold the run open;
    newsdesk now refuses a FIFO named as an input, as it could hang a run.)"""
    total = 400
    lines = jsonl_lines(total)
    (tmp_path / "clean").mkdir()
    clean_input, clean_db = tmp_path / "clean" / "pages.jsonl", tmp_path / "clean.db"
    clean_input.write_bytes(b"".join(lines))
    clean = newsdesk("ingest", str(clean_input), "--db", str(clean_db), "--no-analyze")
    assert clean.returncode == 0, clean.stderr
    expected = table_counts(clean_db)
    assert expected["pages"] == total

    crash_input, crash_db = tmp_path / "pages.jsonl", tmp_path / "crash.db"
    crash_input.write_bytes(b"".join(lines))
    command = [sys.executable, "-m", "newsdesk", "ingest", str(crash_input),
               "--db", str(crash_db), "--no-analyze", "--batch-size", "10"]  # fmt: skip
    log = tmp_path / "crash.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
    seen = 0
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and proc.poll() is None and seen == 0:
            time.sleep(0.02)
            seen = _committed_pages(crash_db)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    assert 0 < seen < total, f"no batch committed before the deadline: {log.read_text()}"
    partial = table_counts(crash_db)
    assert seen <= partial["pages"] < total
    assert partial["pages"] == partial["distinct_pages"]

    rerun = newsdesk("ingest", str(crash_input), "--db", str(crash_db), "--no-analyze")
    assert rerun.returncode == 0, rerun.stderr
    assert "0 failed" in rerun.stderr
    assert table_counts(crash_db) == expected


def _committed_pages(db: Path) -> int:
    """Pages committed in ``db`` so far; 0 while it is not there or being created."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet, or mid-migration


def test_ingest_with_analysis_stores_who_said_what(store_url: str) -> None:
    from newsdesk.pipeline import ANALYZE
    from newsdesk.store import open_store

    assert ANALYZE.missing() is None, "the analyze stage must be installed"
    db = store_url
    seed = REPO / "samples" / "000_f7bec187210c3bff.txt"
    result = newsdesk("ingest", str(seed), "--db", str(db), "--analyze")
    assert result.returncode == 0, result.stderr
    with open_store(db) as store:
        counts = store.counts()
    assert counts["quotes"] > 0 and counts["speakers"] > 0
    top = newsdesk("speakers", "--db", str(db), "--top", "3", "--format", "jsonl")
    assert "Hamilton" in top.stdout
    said = newsdesk("quotes", "--db", str(db), "--speaker", "hamilton", "--about", "Serbia")
    assert said.returncode == 0 and "Serbia" in said.stdout
