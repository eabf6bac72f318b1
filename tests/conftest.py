from __future__ import annotations

from pathlib import Path

import pytest

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
