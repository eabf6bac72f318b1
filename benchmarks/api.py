"""HTTP latency of ``newsdesk serve``: requests per second and p50/p95 for search, the
article view and the speaker page, JSON API and HTML pages, on loopback, over the
synthetic store of ``benchmarks/ingest.py`` (100,000 articles by default).

The server is the real command (``python -m newsdesk serve``) in its own process; one
client sends requests one after another on a kept-alive connection. Every workload is
bounded by ``--requests`` and ``--seconds``. Goal: p95 under 100 ms for each.

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
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import QUERIES, fill_synthetic

REPO = Path(__file__).resolve().parents[1]
SAMPLE = 400  # articles given a full record for the article view


def build(db: Path, n: int) -> float:
    """The synthetic store (made once; ``--keep`` reuses it), migrated; its build time."""
    start = time.perf_counter()
    if not db.exists():
        fill_synthetic(str(db), n)
    from newsdesk.store import open_store

    open_store(db).close()  # migrates a store made at schema 0001
    return time.perf_counter() - start


def sample_articles(db: Path, rng: random.Random) -> list[int]:
    """Ids of ``SAMPLE`` current articles, each given a full record (the synthetic ones
    hold ``{}``): title, site, date and the body as one block."""
    conn = sqlite3.connect(db)
    with conn:
        top = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        ids = rng.sample(range(1, top + 1), SAMPLE)
        for row in conn.execute(
            "SELECT id, url, site, title, published, language, body FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        ).fetchall():  # fmt: skip
            record = {"source": f"synthetic/{row[0]}", "content_hash": "0" * 64, "url": row[1],
                      "site": row[2], "title": row[3], "published": row[4], "language": row[5],
                      "blocks": [{"kind": "paragraph", "text": row[6]}]}  # fmt: skip
            blob = zlib.compress(json.dumps(record).encode(), 1)
            conn.execute("UPDATE articles SET record = ? WHERE id = ?", (blob, row[0]))
    conn.close()
    return ids


def speaker_ids(db: Path, rng: random.Random) -> list[int]:
    """Speakers as a reader meets them: half among the 50 most quoted, half any."""
    conn = sqlite3.connect(db)
    top = [
        r[0]
        for r in conn.execute(
            "SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 50"
        )
    ]
    every = conn.execute("SELECT max(id) FROM speakers").fetchone()[0]  # fmt: skip
    conn.close()
    return [rng.choice(top) if i % 2 else rng.randrange(1, every + 1) for i in range(200)]


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
        [sys.executable, "-m", "newsdesk", "serve", "--db", str(db), "--port", str(port)],
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
    client.get(paths(0))  # warm: the first request loads what the endpoint imports
    times: list[float] = []
    start = time.perf_counter()
    for i in range(count):
        t = time.perf_counter()
        response = client.get(paths(i))
        times.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{paths(i)}: {response.status_code} {response.text[:200]}")
        if time.perf_counter() - start > seconds:
            break
    elapsed = time.perf_counter() - start
    times.sort()
    return {
        "requests": len(times), "per_s": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }  # fmt: skip


def run(n: int, count: int, seconds: float, keep: Path | None) -> dict[str, Any]:
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        db = (keep or Path(tmp)) / f"api-{n}.db"
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        build_s = build(db, n)
        articles = sample_articles(db, rng)
        speakers = speaker_ids(db, rng)
        workloads: dict[str, Callable[[int], str]] = {
            "search (API)": lambda i: f"/api/articles?text={quote(QUERIES[i % len(QUERIES)])}",
            "article (API)": lambda i: f"/api/articles/{articles[i % len(articles)]}",
            "speaker (API)": lambda i: f"/api/speakers/{speakers[i % len(speakers)]}",
            "search (page)": lambda i: f"/?q={quote(QUERIES[i % len(QUERIES)])}",
            "article (page)": lambda i: f"/articles/{articles[i % len(articles)]}",
            "speaker (page)": lambda i: f"/speakers/{speakers[i % len(speakers)]}",
        }
        result: dict[str, Any] = {"articles": n, "build_s": round(build_s, 1)}
        with server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
            for name, paths in workloads.items():
                result[name] = measure(client, paths, count, seconds)
                print(json.dumps({name: result[name]}), flush=True)
    return result


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} articles (store built or reused in {result['build_s']} s)",
        f"{'workload':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}",
    ]
    for name, figures in result.items():
        if isinstance(figures, dict):
            lines.append(
                f"{name:<16}{figures['requests']:>9}{figures['per_s']:>8}"
                f"{figures['p50_ms']:>8}{figures['p95_ms']:>8}{figures['max_ms']:>8}"
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


if __name__ == "__main__":
    main()
