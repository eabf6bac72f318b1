"""``pip install`` of a wheel into a fresh virtual environment gives a working ``newsdesk``,
``newsdesk demo`` included (the samples ship as package data). Nothing is downloaded: the
wheel is built without build isolation and the fresh environment sees this environment's
installed dependencies through a ``.pth`` file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import REPO

# Build inputs only: the tree is copied so the build leaves nothing in the repository.
_TOP_FILES = ("pyproject.toml", "setup.py", "README.md")
_SKIP = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.so", "build")


def _env() -> dict[str, str]:
    """The environment without PYTHONPATH (which may point at the source tree)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=900, cwd=cwd, env=_env()
    )


def build_wheel(tmp: Path) -> Path:
    tree = tmp / "tree"
    shutil.copytree(REPO / "src", tree / "src", ignore=_SKIP)
    for name in _TOP_FILES:
        shutil.copy2(REPO / name, tree / name)
    out = tmp / "dist"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--quiet", "-w", out, tree)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("newsdesk-*.whl")
    return wheel


def fresh_venv(tmp: Path) -> Path:
    """A new environment whose only extra path is this environment's site-packages."""
    venv = tmp / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib.stdout.strip(), "main-deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


def test_wheel_in_a_fresh_venv_runs_the_demo(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    python = fresh_venv(tmp_path)
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                     "--quiet", wheel)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    where = _run(python, "-c", "import newsdesk; print(newsdesk.__file__)")
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout + where.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    demo = _run(python.parent / "newsdesk", "demo", "--db", "tmp.db", cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    assert "5 new" in demo.stdout and "0 failed" in demo.stdout
    assert "Kevin Hamilton" in demo.stdout  # the seed's speaker, with his quotes
    assert (elsewhere / "tmp.db").exists()
