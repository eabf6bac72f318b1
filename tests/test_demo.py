"""``newsdesk demo`` ingests the samples into a database, shows them, and re-running it
adds nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def test_demo_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"

    def demo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", "demo", "--db", str(db)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    first = demo()
    assert first.returncode == 0, first.stderr
    assert "5 new" in first.stdout and "0 failed" in first.stdout
    assert "NATO official says he feels" in first.stdout  # the seed dump's title
    assert "«NATO»" in first.stdout  # a search with highlighted terms
    conn = sqlite3.connect(db)
    before = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("pages", "articles", "quotes", "speakers")]  # fmt: skip
    conn.close()
    assert before[:2] == [5, 5]
    second = demo()
    assert second.returncode == 0, second.stderr
    assert "0 new, 0 updated" in second.stdout
    conn = sqlite3.connect(db)
    after = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("pages", "articles", "quotes", "speakers")]  # fmt: skip
    conn.close()
    assert after == before
