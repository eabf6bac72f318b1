from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pg_cluster import Cluster, ClusterError

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_f7bec187210c3bff.txt"
SCRAPINGHUB = SHARED / "data" / "scrapinghub"
WCXB = SHARED / "data" / "wcxb-dev"
POLNEAR = SHARED / "data" / "polnear"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytest_plugins = ["http_server"]  # the local HTTP server fixture: tests/http_server.py


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: the tests read the shared data beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The throw-away PostgreSQL cluster (``tests/pg_cluster.py``), started on first use;
    a test needing it FAILS, with what to install, when PostgreSQL is missing."""
    cluster = Cluster()
    try:
        cluster.start()
    except ClusterError as exc:
        cluster.stop()
        pytest.fail(f"PostgreSQL tests cannot run: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store lives: a SQLite file in ``tmp_path``, or a fresh database in
    the throw-away PostgreSQL cluster (the store tests run on both backends)."""
    if request.param == "sqlite":
        return str(tmp_path / "n.db")
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()
