from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def newsdesk(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], input=stdin, capture_output=True, timeout=300
    )


def test_extract_jsonl_reports_failures_and_goes_on(tmp_path: Path) -> None:
    good = REPO / "samples" / "pages"
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "garbage.html").write_bytes(bytes(range(256)) * 50)
    result = newsdesk("extract", str(good), str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    errors = {Path(r["source"]).name: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"empty.html", "garbage.html"}
    assert "empty" in errors["empty.html"]
    ok = [r for r in rows if "error" not in r]
    assert len(ok) == 4 and all(r["text"] for r in ok)
    stderr = result.stderr.decode()
    assert "empty.html" in stderr and "garbage.html" in stderr
    assert "4 extracted, 2 failed" in stderr


def test_extract_stdin_markdown() -> None:
    page = b"<html><head><title>Hello</title></head><body><p>One two three.</p></body></html>"
    result = newsdesk("extract", "-", "--format", "md", stdin=page)
    assert result.returncode == 0, result.stderr
    assert "One two three." in result.stdout.decode()
