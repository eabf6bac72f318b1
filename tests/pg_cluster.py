"""A throw-away PostgreSQL cluster for the tests: ``initdb`` into a temporary folder,
listening on 127.0.0.1 (a free port) and on a socket in that folder, password
authentication over TCP, stopped and removed at the end whatever the outcome.

Run as root (here and in CI), the server runs as the Debian ``postgres`` system user
(``runuser -u postgres --``): PostgreSQL refuses to run as root. The binaries are found
with ``pg_config --bindir``, else under ``/usr/lib/postgresql/*/bin`` (newest first).
``Cluster.start`` raises ``ClusterError`` with what to install when they are missing.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

USER = "newsdesk"
PASSWORD = "s3cret-test-pw"  # the tests check that no message ever shows it
INSTALL_HINT = (
    "PostgreSQL's server binaries (initdb, pg_ctl) are missing: install Debian's "
    "`postgresql` package (scripts/debian-packages does, as `make test` runs it)"
)


class ClusterError(RuntimeError):
    """The throw-away cluster could not be set up."""


def bindir(pg_config: str | None = "pg_config", roots: Path = Path("/usr/lib/postgresql")) -> Path:
    """The folder holding initdb and pg_ctl: ``pg_config --bindir``, else the newest of
    ``roots/*/bin``; ``ClusterError`` with what to install when neither has them."""
    found: list[Path] = []
    found_config = shutil.which(pg_config) if pg_config else None
    if found_config:
        out = subprocess.run([found_config, "--bindir"], capture_output=True, text=True,
                             check=False)  # fmt: skip
        if out.returncode == 0 and out.stdout.strip():
            found.append(Path(out.stdout.strip()))
    found += sorted(
        roots.glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for folder in found:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise ClusterError(INSTALL_HINT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    """One cluster; ``start`` it, ``url(db)`` for a database's URL, ``stop`` it."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newsdesk-pg-")))
    port: int = field(default_factory=free_port)
    running: bool = False
    durable: bool = False  # fsync and synchronous commits on (benchmarks); off for tests

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a server binary, as ``postgres`` when we are root."""
        command = [str(bindir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        out = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if check and out.returncode != 0:
            raise ClusterError(f"{' '.join(args[:2])} failed: {out.stderr.strip()[-2000:]}")
        return out

    def start(self) -> None:
        bindir()  # fail early, with the install hint
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        pwfile.unlink()
        atexit.register(self.stop)
        self.restart(first=True)

    def _options(self) -> str:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.root} -c max_connections=100"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return options

    def restart(self, first: bool = False) -> None:
        """Start the server (again), waiting until it accepts connections."""
        if not first:
            self.stop_server()
        log = str(self.root / "server.log")
        self._run("pg_ctl", "start", "-D", str(self.data), "-w", "-t", "60", "-l", log,
                  "-o", self._options())  # fmt: skip
        self.running = True

    def stop_server(self) -> None:
        if self.running:
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", check=False)
            self.running = False

    def stop(self) -> None:
        """Stop the server and remove its folder (safe to call twice)."""
        self.stop_server()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)
