"""Schemathesis against the live server's own ``/openapi.json``: generated requests (valid
and invalid) to every operation find no server error and no response that breaks the
schema (status code, content type, headers, body). Bounded: a few dozen examples per
operation, under two minutes on this machine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsdesk.web import WebConfig, create_app
from web_support import TOKEN, copy_db, serve

pytest_plugins = ["web_support"]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 25  # per operation; POST /api/pages runs the whole pipeline per example


@pytest.fixture(scope="module")
def api_url(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a copy of the database: uploads made by the run may write to it."""
    db = copy_db(web_db, tmp_path_factory.mktemp("schema") / "s.db")
    with serve(create_app(db, WebConfig(api_token=TOKEN, max_upload=200_000))) as url:
        yield url


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_keeps_its_schema(api_url: str, mode: GenerationMode) -> None:
    """Every operation of the live schema, with data that fits it (``POSITIVE``) and data
    that breaks it (``NEGATIVE``: must be refused with a documented error, never a 5xx).
    (Schemathesis' own pytest loader does not run on pytest 9: hypothesis drives it.)"""
    api = schemathesis.openapi.from_url(api_url + "/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) == 10
    statuses: Counter[int] = Counter()
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case: schemathesis.Case) -> None:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            response = case.call_and_validate(headers=auth, checks=CHECKS)
            statuses[response.status_code] += 1

        check()
    print(
        f"schemathesis {mode}: {sum(statuses.values())} requests, {dict(sorted(statuses.items()))}"
    )
    assert sum(statuses.values()) >= 5 * len(operations)
    assert not [s for s in statuses if s >= 500]
    if mode == GenerationMode.POSITIVE:
        assert statuses[200] >= 3 * len(operations)  # most valid requests are answered
    else:
        assert statuses[422] > 0  # invalid ones are refused
