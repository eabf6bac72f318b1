"""HTTP latency of ``newsdesk serve``: requests per second and p50/p95 for search, the
article view, the speaker, entity and outlet pages, JSON API and HTML pages, on loopback,
over the synthetic store of ``benchmarks/ingest.py`` (100,000 articles by default).

The server is the real command (``newsdesk serve``'s click command) in its own process; one
client sends requests one after another on a kept-alive connection. Every workload is
bounded by ``--requests`` and ``--seconds``. An answer other than 2xx is an error: counted
per workload, its first one shown, kept out of the latencies. ``load`` is the machine's
one-minute load average during the workload (the client and server share it). Goal (issue
14): p95 under 100 ms for search, the article view and the speaker page.

    .venv/bin/python benchmarks/api.py --articles 100000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import QUERIES, fill_synthetic

REPO = Path(__file__).resolve().parents[1]
SAMPLE = 400  # articles read by the article view


def build(db: Path, n: int) -> float:
    """The synthetic store (made once; ``--keep`` reuses it), migrated; its build time."""
    start = time.perf_counter()
    if not db.exists():
        fill_synthetic(str(db), n)
    from newsdesk.store import open_store

    open_store(db).close()  # migrates a store made at schema 0001
    return time.perf_counter() - start


def sample_articles(db: Path, rng: random.Random) -> list[int]:
    """Ids of ``SAMPLE`` current articles (the synthetic store holds their full records)."""
    conn = sqlite3.connect(db)
    top = conn.execute("SELECT max(id) FROM articles WHERE superseded_by IS NULL").fetchone()[0]
    conn.close()
    return rng.sample(range(1, top + 1), SAMPLE)


def _often_or_any(db: Path, rng: random.Random, most: str, every: str) -> list[int]:
    """200 ids as a reader meets them: half among the 50 ``most`` often met, half any."""
    conn = sqlite3.connect(db)
    top = [r[0] for r in conn.execute(most)]
    last = conn.execute(every).fetchone()[0]
    conn.close()
    return [rng.choice(top) if i % 2 else rng.randrange(1, last + 1) for i in range(200)]


def speaker_ids(db: Path, rng: random.Random) -> list[int]:
    most = "SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 50"
    return _often_or_any(db, rng, most, "SELECT max(id) FROM speakers")


def entity_ids(db: Path, rng: random.Random) -> list[int]:
    most = "SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 50"
    return _often_or_any(db, rng, most, "SELECT max(id) FROM entities")


def outlet_names(db: Path, rng: random.Random) -> list[str]:
    conn = sqlite3.connect(db)
    names = [
        r[0] for r in conn.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")
    ]
    conn.close()
    return [rng.choice(sorted(names)) for _ in range(200)]


# ``newsdesk serve``'s own command, called without the CLI group (on this branch the group
# cannot load the serve module's commands: cli/serve.py lacks its ``commands`` list)
SERVE = "from newsdesk.cli.serve import serve_command; serve_command()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def server(db: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(url + "/openapi.json", timeout=5)
                break
            except httpx.TransportError as exc:
                if process.poll() is not None:
                    why = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"newsdesk serve stopped: {why}") from exc
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(client: httpx.Client, paths: Callable[[int], str], count: int, seconds: float
            ) -> dict[str, Any]:  # fmt: skip
    """Latencies of the requests answered 2xx; every other answer is counted in ``errors``
    (its first one kept in ``first_error``) and left out of the latencies."""
    client.get(paths(0))  # warm: the first request loads what the endpoint imports
    times: list[float] = []
    errors: list[str] = []
    load = [os.getloadavg()[0]]
    start = time.perf_counter()
    for i in range(count):
        t = time.perf_counter()
        response = client.get(paths(i))
        ms = (time.perf_counter() - t) * 1000
        if 200 <= response.status_code < 300:
            times.append(ms)
        else:
            errors.append(f"{paths(i)}: {response.status_code} {response.text[:200]}")
        if i % 20 == 0:
            load.append(os.getloadavg()[0])
        if time.perf_counter() - start > seconds:
            break
    elapsed = time.perf_counter() - start
    times.sort()
    figures: dict[str, Any] = {
        "requests": len(times) + len(errors), "errors": len(errors),
        "per_s": round((len(times) + len(errors)) / elapsed, 1),
        "load_1min": round(statistics.mean(load), 2),
    }  # fmt: skip
    if times:
        figures.update(
            p50_ms=round(statistics.median(times), 1),
            p95_ms=round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            max_ms=round(times[-1], 1),
        )
    if errors:
        figures["first_error"] = errors[0]
    return figures


def workloads(db: Path) -> dict[str, Callable[[int], str]]:
    """Each workload's request paths, by request number: the same for every run."""
    rng = random.Random(0)
    articles = sample_articles(db, rng)
    speakers = speaker_ids(db, rng)
    entities = entity_ids(db, rng)
    outlets = outlet_names(db, rng)

    def pick(values: list[Any], pattern: str) -> Callable[[int], str]:
        return lambda i: pattern.format(quote(str(values[i % len(values)])))

    return {
        "search (API)": pick(list(QUERIES), "/api/articles?text={}"),
        "article (API)": pick(articles, "/api/articles/{}"),
        "speaker (API)": pick(speakers, "/api/speakers/{}"),
        "entity (API)": pick(entities, "/api/entities/{}"),
        "search (page)": pick(list(QUERIES), "/?q={}"),
        "article (page)": pick(articles, "/articles/{}"),
        "speaker (page)": pick(speakers, "/speakers/{}"),
        "entity (page)": pick(entities, "/entities/{}"),
        "outlet (page)": pick(outlets, "/outlets/{}"),
    }


def run(n: int, count: int, seconds: float, keep: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = (keep or Path(tmp)) / f"api-{n}.db"
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        build_s = build(db, n)
        paths = workloads(db)
        result: dict[str, Any] = {"articles": n, "build_s": round(build_s, 1)}
        with server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
            for name, path in paths.items():
                result[name] = measure(client, path, count, seconds)
                print(json.dumps({name: result[name]}), flush=True)
    return result


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} articles (store built or reused in {result['build_s']} s)",
        f"{'workload':<16}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'max ms':>8}{'load':>6}",
    ]
    for name, figures in result.items():
        if isinstance(figures, dict):
            lines.append(
                f"{name:<16}{figures['requests']:>9}{figures['errors']:>7}{figures['per_s']:>8}"
                f"{figures.get('p50_ms', '-'):>8}{figures.get('p95_ms', '-'):>8}"
                f"{figures.get('max_ms', '-'):>8}{figures['load_1min']:>6}"
            )
    return "\n".join(lines)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="per workload, at most")
    parser.add_argument("--seconds", type=float, default=60.0, help="per workload, at most")
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the store here")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    result = run(args.articles, args.requests, args.seconds, args.keep)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    failed = {k: v["first_error"] for k, v in result.items() if isinstance(v, dict) and v["errors"]}
    if failed:
        for name, first in failed.items():
            print(f"{name}: {first}", file=sys.stderr)
        raise SystemExit(1)  # failed requests: the figures above do not stand for the pages


if __name__ == "__main__":
    main()
