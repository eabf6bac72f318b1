"""The gates ``make check`` runs, as tests: mypy (strict, configured in pyproject.toml) on
the package, and ruff's lint and format checks on src, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

PATHS = ("src", "tests", "benchmarks")


def gate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, timeout=900, cwd=REPO
    )


def test_mypy_strict_is_clean() -> None:
    result = gate("mypy")  # files and strictness from [tool.mypy]
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_is_clean() -> None:
    result = gate("ruff", "check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = gate("ruff", "format", "--check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr
