"""``newsdesk serve``: the real command in its own process, on a free loopback port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from conftest import REPO
from newsdesk.cli import main

pytest_plugins = ["web_support"]


def test_serve_answers_then_stops(web_db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NEWSDESK_DB": str(web_db)}
    env.pop("NEWSDESK_API_TOKEN", None)
    command = [sys.executable, "-m", "newsdesk", "serve", "--port", "0"]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as process:
        _check_running(process)
    # uvicorn shuts down cleanly on SIGTERM, then lets the signal end the process
    assert process.returncode in (0, -signal.SIGTERM)


def _check_running(process: subprocess.Popen[str]) -> None:
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            assert process.stderr is not None
            line = process.stderr.readline()
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else None
        assert url, "newsdesk serve did not start"
        articles = httpx.get(url + "/api/articles", timeout=30).json()["items"]
        assert len(articles) >= 6  # the database named by NEWSDESK_DB
        assert httpx.get(url + "/", timeout=30).status_code == 200
        refused = httpx.post(url + "/api/pages", json={"content": "x"}, timeout=30)
        assert refused.status_code == 403  # no API token in the environment: uploads off
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database here yet" in result.output
    assert not (tmp_path / "none.db").exists()
    result = CliRunner().invoke(main, ["serve", "--db", "postgresql://x.invalid/y"])
    assert result.exit_code == 1, result.output
    assert "postgresql://x.invalid/y: database error" in result.output
    assert "fix the host name in the URL" in result.output
