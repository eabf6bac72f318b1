"""Ingest and search benchmark for the store (not a timed test).

::

    .venv/bin/python benchmarks/ingest.py throughput --pages 10000 --pages 100000 [--analyze]
    .venv/bin/python benchmarks/ingest.py ratio --pages 1000
    .venv/bin/python benchmarks/ingest.py search --articles 100000 --articles 1000000

``throughput``: pages per second end to end (extract, optional analyze, dedup, store) and
peak memory, each size in a fresh subprocess. Pages are ScrapingHub's 181 pages replicated
and mutated (a third of the words of every text node replaced, the URL made unique) so
that every page is a distinct article; they are generated on the fly, never all in memory.
``ratio``: ``newsdesk ingest --no-analyze`` against ``newsdesk extract`` over the same
folder of pages (both CLI runs, same machine, alternated, best of ``--repeats``), as
pages/s and their ratio, with the CPU seconds of each.
``search``: p50/p95 latency of ``Store.search`` over N synthetic articles inserted directly
(bodies drawn from ScrapingHub's word frequencies, with quotes, speakers and entities),
for a fixed list of queries, unfiltered and under six filter sets, reported apart.
``backends``: SQLite against PostgreSQL in the same run: the same N mutated pages ingested
(``--no-analyze``, a fresh process each) into a SQLite file and a PostgreSQL database, as
pages/s, then p50/p95 search latency of ``QUERIES`` (plain, by language, by dates) over
each store; ratios PostgreSQL/SQLite. ``--postgresql URL`` names an empty database; without
it a throw-away local cluster is started (``tests/pg_cluster.py``, fsync on) and removed.

    .venv/bin/python benchmarks/ingest.py backends --pages 1000 [--postgresql URL]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SCRAPINGHUB = REPO.parent / "shared" / "data" / "scrapinghub"
_TEXT_NODE = re.compile(rb">([^<>]{20,})<")
_WORD = re.compile(rb"[A-Za-z]{4,}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def originals() -> list[tuple[bytes, str]]:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text("utf-8"))
    found = []
    for path in sorted((SCRAPINGHUB / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        found.append((gzip.decompress(path.read_bytes()), truth[page_id]["url"]))
    return found


def mutated(n: int) -> Iterator[tuple[bytes, str]]:
    """``n`` distinct pages: originals with a third of their words replaced, unique URLs."""
    base = originals()
    vocabulary = sorted({w for raw, _ in base for w in _WORD.findall(raw[:50_000])})
    for i in range(n):
        raw, url = base[i % len(base)]
        rng = random.Random(i)

        def swap(match: re.Match[bytes], rng: random.Random = rng) -> bytes:
            return rng.choice(vocabulary) if rng.random() < 0.33 else match.group(0)

        def text_node(match: re.Match[bytes]) -> bytes:
            return b">" + _WORD.sub(swap, match.group(1)) + b"<"

        new_url = f"{url}{'&' if '?' in url else '?'}copy={i}"
        content = _TEXT_NODE.sub(text_node, raw).replace(url.encode(), new_url.encode())
        yield content, new_url


# -- throughput worker -----------------------------------------------------------------------
def throughput_worker(n: int, analyze: bool, db: str) -> dict[str, Any]:
    from newsdesk.pipeline import DEFAULT_STAGES, RunStats
    from newsdesk.record import Page
    from newsdesk.settings import Settings
    from newsdesk.store import open_store
    from newsdesk.store.ingest import ingest_pages

    settings = Settings()
    checkpoints: dict[str, float] = {}
    stats = RunStats()
    pages = (
        Page(source=f"bench/{i}.html", content=c, url=u) for i, (c, u) in enumerate(mutated(n))
    )
    with open_store(db) as store:
        start = time.perf_counter()
        stages = DEFAULT_STAGES if analyze else ()
        for done, event in enumerate(ingest_pages(pages, store, settings, stages), 1):
            stats.add(event)
            if done in (n // 10, n // 2, n):
                checkpoints[f"rss_mb_at_{done}"] = round(peak_rss_mb(), 1)
        elapsed = time.perf_counter() - start
    return {
        "pages": n, "analyze": analyze, "seconds": round(elapsed, 1),
        "pages_per_s": round(n / elapsed, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
        "new": stats.stored["new"], "updated": stats.stored["updated"],
        "duplicate": stats.stored["duplicate"],
        "failed": stats.failed, "clustered": stats.clustered, **checkpoints,
    }  # fmt: skip


def run_throughput(sizes: list[int], analyze: bool) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, __file__, "_worker", str(n), str(int(analyze)), f"{tmp}/b.db"]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                raise SystemExit(f"worker failed for {n} pages:\n{out.stderr}")
            result = json.loads(out.stdout.splitlines()[-1])
            result["db_mb"] = round(Path(f"{tmp}/b.db").stat().st_size / 2**20, 1)
        print(json.dumps(result), flush=True)
        results.append(result)
    return results


# -- ratio against extract ----------------------------------------------------------------------
def run_ratio(n: int, repeats: int = 2) -> dict[str, Any]:
    """Both commands ``repeats`` times, alternating, best time of each (a shared machine's
    load varies from one run to the next); CPU seconds (all threads) reported too."""
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, (content, _url) in enumerate(mutated(n)):
            (folder / f"{i:06d}.html.gz").write_bytes(gzip.compress(content, 1))
        timings: dict[str, list[float]] = {"extract": [], "ingest": []}
        cpu: dict[str, list[float]] = {"extract": [], "ingest": []}
        for run in range(repeats):
            for name, cmd in (
                ("extract", [newsdesk, "extract", str(folder), "--format", "jsonl", "-o",
                             f"{tmp}/out.jsonl", "--no-progress"]),
                ("ingest", [newsdesk, "ingest", str(folder), "--db", f"{tmp}/r{run}.db",
                            "--no-analyze", "--no-progress"]),
            ):  # fmt: skip
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True)
                timings[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                cpu[name].append(used)
    best = {name: min(values) for name, values in timings.items()}
    result = {
        "pages": n,
        "repeats": repeats,
        "extract_pages_per_s": round(n / best["extract"], 1),
        "ingest_pages_per_s": round(n / best["ingest"], 1),
        "ingest_over_extract": round(best["extract"] / best["ingest"], 3),
        "extract_cpu_s": round(min(cpu["extract"]), 1),
        "ingest_cpu_s": round(min(cpu["ingest"]), 1),
        "all_runs_s": {name: [round(t, 1) for t in values] for name, values in timings.items()},
    }
    print(json.dumps(result), flush=True)
    return result


# -- search latency -----------------------------------------------------------------------------
def word_distribution() -> tuple[list[str], list[int]]:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text("utf-8"))
    counts = Counter(
        w for t in truth.values() for w in re.findall(r"\w+", t["articleBody"].lower())
    )
    words = [w for w, _ in counts.most_common()]
    return words, [counts[w] for w in words]


FIRST_NAMES = (
    "Anna",
    "Kevin",
    "Maria",
    "John",
    "Li",
    "Fatima",
    "Pedro",
    "Olga",
    "Ahmed",
    "Sara",
    "David",
    "Yuki",
    "Elena",
    "Omar",
    "Grace",
    "Ivan",
    "Chen",
    "Laura",
)
PEOPLE, NAMED = 20_000, 10_000  # distinct speakers and entities in the synthetic store
LANGUAGES = ("en",) * 8 + ("de", "fr")  # fmt: skip
ENTITY_KINDS = ("Group", "Party", "Bank", "City", "Council", "Institute")


def _zipf(rng: random.Random, n: int) -> int:
    """An index in [0, n) with a long tail (a few speakers are quoted very often)."""
    return min(n - 1, int(n ** rng.random()) - 1)


def _people(words: list[str], rng: random.Random) -> tuple[list[tuple[Any, ...]], ...]:
    """Speakers (one office each, which keeps their store keys apart) and entities (distinct
    names), as rows of ``speakers`` and ``entities`` keyed as the store's writer keys them."""
    surnames = sorted({w.capitalize() for w in words[200:3000] if w.isalpha()})
    speakers = []
    for k in range(1, PEOPLE + 1):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(surnames)}"
        key = f"{name.casefold()}|office {k}"
        speakers.append((k, name, key, "person", "[]", f"Office {k}"))
    pairs = [f"{s} {kind}" for s in surnames for kind in ENTITY_KINDS]
    names = rng.sample(pairs, NAMED)
    entities = [(k, name, f"ORG|{name.casefold()}", "ORG") for k, name in enumerate(names, 1)]
    return speakers, entities


def fill_synthetic(db: str, n: int, body_words: int = 150) -> None:
    """``n`` articles in a store created at schema 0001 (any newer code migrates it when it
    opens it, as it would a user's store): 200 outlets, three languages, dates over 15
    years, 0-3 quotes per article by 20,000 speakers (long-tailed) and 0-4 mentions of
    10,000 entities."""
    from alembic import command

    from newsdesk.store.migrate import alembic_config
    from newsdesk.store.sqlite import sqlite_engine

    words, weights = word_distribution()
    cum = list(itertools.accumulate(weights))
    rng = random.Random(0)
    engine = sqlite_engine(db)
    with engine.connect() as conn:
        conn.info["write"] = True
        with conn.begin():
            command.upgrade(alembic_config(conn), "0001")
    raw = sqlite3.connect(db)
    speakers, entities = _people(words, rng)
    with raw:
        raw.execute(
            "INSERT INTO pages(id, content_hash, source, stored, size, compression, "
            "content) VALUES (1, ?, 'synthetic', '', 0, 'zlib', x'')",
            ("0" * 64,),
        )
        raw.executemany(
            "INSERT INTO speakers(id, name, key, kind, titles, organisation) VALUES (?,?,?,?,?,?)",
            speakers,
        )
        raw.executemany("INSERT INTO entities(id, name, key, label) VALUES (?,?,?,?)", entities)
    for done in range(0, n, 20_000):
        with raw:
            chunk = range(done, min(n, done + 20_000))
            _fill_chunk(raw, chunk, (words, cum), (speakers, entities), rng)
    raw.close()
    engine.dispose()


def _fill_chunk(raw: sqlite3.Connection, ids: range, vocabulary: tuple[list[str], list[int]],
                people: tuple[list[tuple[Any, ...]], ...], rng: random.Random) -> None:  # fmt: skip
    """Articles ``ids`` with their quotes and mentions, each with the record the writer
    would store (``Article.to_dict()`` without ``text``) saying the same as its rows."""
    words, cum = vocabulary
    articles, quotes, mentions = [], [], []
    for i in ids:
        body = rng.choices(words, cum_weights=cum, k=150)
        places = rng.sample(range(150), rng.randrange(5))
        named = [(at, _zipf(rng, NAMED) + 1) for at in places]
        for at, entity in named:
            body[at] = people[1][entity - 1][1]  # the entity's name, where it is mentioned
        starts = list(itertools.accumulate((len(w) + 1 for w in body), initial=0))
        said = [(_zipf(rng, PEOPLE) + 1, rng.randrange(100), 8 + rng.randrange(30))
                for _ in range(rng.choice((0, 1, 1, 2, 3)))]  # fmt: skip
        spans = [(starts[s], starts[s + k] - 1) for _, s, k in said]
        text = " ".join(body)
        quotes += [(i + 1, sp, "direct", text[a:b], json.dumps([[a, b]]), a, b,
                    people[0][sp - 1][1])
                   for (sp, _, _), (a, b) in zip(said, spans, strict=True)]  # fmt: skip
        found = [(e, starts[at], starts[at + 1] - 1) for at, e in named]
        mentions += [(i + 1, e, a, b) for e, a, b in found]
        row = (i + 1, f"synthetic/{i}", f"{i:064d}", f"https://site{i % 200}.example/{i}",
               f"Outlet {i % 200}", " ".join(rng.choices(words, cum_weights=cum, k=8)),
               f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}", rng.choice(LANGUAGES),
               text, "\n".join(text[a:b] for a, b in spans))  # fmt: skip
        record = _record(row, said, spans, found, people)
        articles.append((*row, zlib.compress(json.dumps(record).encode(), 1)))
    raw.executemany(
        "INSERT INTO articles(id, key, version, page_id, content_hash, text_hash, url, site, "
        "title, published, language, body, quotes_text, record, stored) "
        f"VALUES (?, ?, 1, 1, '{'0' * 64}', ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
        articles,
    )
    raw.executemany("INSERT INTO quotes(article_id, speaker_id, kind, text, parts, char_start, "
                    "char_end, speaker_name, confidence) VALUES (?,?,?,?,?,?,?,?,0.9)",
                    quotes)  # fmt: skip
    raw.executemany("INSERT INTO mentions(article_id, entity_id, char_start, char_end) "
                    "VALUES (?,?,?,?)", mentions)  # fmt: skip


def _record(row: tuple[Any, ...], said: list[tuple[int, int, int]], spans: list[tuple[int, int]],
            found: list[tuple[int, int, int]], people: tuple[list[tuple[Any, ...]], ...]
            ) -> dict[str, Any]:  # fmt: skip
    """``Article.to_dict()`` (without ``text``) of one synthetic article's row."""
    speakers, entities = people
    quoted = sorted({sp for sp, _, _ in said})
    by_entity: dict[int, list[list[int]]] = {}
    for e, a, b in found:
        by_entity.setdefault(e, []).append([a, b])
    return {
        "source": row[1], "content_hash": "0" * 64, "url": row[3], "site": row[4],
        "title": row[5], "published": row[6], "language": row[7],
        "blocks": [{"kind": "paragraph", "text": row[8]}],
        "quotes": [{"parts": [[a, b]], "kind": "direct", "cue": None,
                    "speaker": {"name": speakers[sp - 1][1], "mention": None, "id": f"s{sp}",
                                "confidence": 0.9}}
                   for (sp, _, _), (a, b) in zip(said, spans, strict=True)],
        "speakers": [{"id": f"s{sp}", "name": speakers[sp - 1][1], "kind": "person",
                      "titles": [], "organisations": [speakers[sp - 1][5]], "mentions": []}
                     for sp in quoted],
        "entities": [{"name": entities[e - 1][1], "label": "ORG", "mentions": spans_of}
                     for e, spans_of in by_entity.items()],
    }  # fmt: skip


QUERIES = (
    "government", "president said", "climate change", "police", "market prices",
    '"prime minister"', "football club", "technology company", "election results", "health",
    "court ruling", "energy", "china trade", "new york", "school", "water", "covid", "bank*",
    "the", "said", "people", "year", "war", "music festival", "apple", "report",
    '"of the"', "the said people", "minist*", '"said that" police',
)  # fmt: skip
# Every query runs unfiltered and with each of these (outlet names and hosts, speakers and
# entities by part of the name, dates to the year, month and day, languages).
FILTERS: tuple[dict[str, str], ...] = (
    {"site": "outlet 7", "since": "2020"},
    {"language": "de", "until": "2015-06"},
    {"site": "site42.example", "since": "2012-03-15", "until": "2016-12-31"},
    {"speaker": "kevin"},
    {"speaker": "maria", "language": "fr"},
    {"entity": "bank", "since": "2018-03"},
)


def run_search(n: int, repeats: int, keep: Path | None) -> dict[str, Any]:
    from newsdesk.store import Filters, open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(keep / f"search-{n}.db") if keep else f"{tmp}/s.db"
        start = time.perf_counter()
        if not Path(db).exists():
            fill_synthetic(db, n)
        fill_s = time.perf_counter() - start
        start = time.perf_counter()
        store = open_store(db)  # migrates a store left by older code
        open_s = time.perf_counter() - start
        times: dict[str, list[float]] = {"plain": [], "filtered": []}
        per_set: dict[str, list[float]] = {_label(kw): [] for kw in FILTERS}
        slowest: list[tuple[float, str, str]] = []
        with store:
            for q in QUERIES:  # warm the page cache once
                store.search(Filters(text=q, limit=20))
            for _ in range(repeats):
                for q in QUERIES:
                    runs = [("plain", {})] + [("filtered", kw) for kw in FILTERS]
                    for kind, kw in runs:
                        t = time.perf_counter()
                        store.search(Filters(text=q, limit=20, **kw))
                        ms = (time.perf_counter() - t) * 1000
                        times[kind].append(ms)
                        if kw:
                            per_set[_label(kw)].append(ms)
                        slowest.append((ms, q, _label(kw)))
        size_mb = Path(db).stat().st_size / 2**20
    result: dict[str, Any] = {"articles": n, "fill_s": round(fill_s, 1), "open_s": round(open_s, 1),
                              "db_mb": round(size_mb)}  # fmt: skip
    for kind, values in times.items():
        result[kind] = _latency(values)
    result["per_filter_set"] = {label: _latency(values) for label, values in per_set.items()}
    result["slowest"] = [f"{ms:.1f} ms {q!r} {label or 'plain'}"
                         for ms, q, label in sorted(slowest, reverse=True)[:8]]  # fmt: skip
    print(json.dumps(result), flush=True)
    return result


# -- SQLite against PostgreSQL -----------------------------------------------------------------
BACKEND_FILTERS: tuple[dict[str, str], ...] = ({}, {"language": "en"}, {"since": "2015"})


def _ingest_into(n: int, db: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "_worker", str(n), "0", db]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"worker failed for {n} pages into a store:\n{out.stderr}")
    return dict(json.loads(out.stdout.splitlines()[-1]))


def _search_latency(db: str, repeats: int) -> dict[str, float]:
    from newsdesk.store import Filters, open_store

    times: list[float] = []
    with open_store(db) as store:
        for q in QUERIES:  # warm caches once
            store.search(Filters(text=q, limit=20))
        for _ in range(repeats):
            for q in QUERIES:
                for kw in BACKEND_FILTERS:
                    start = time.perf_counter()
                    store.search(Filters(text=q, limit=20, **kw))
                    times.append((time.perf_counter() - start) * 1000)
    return _latency(times)


def run_backends(n: int, repeats: int, postgresql: str | None) -> dict[str, Any]:
    cluster = None
    if postgresql is None:
        sys.path.insert(0, str(REPO / "tests"))
        from pg_cluster import Cluster

        cluster = Cluster(durable=True)
        cluster.start()
        postgresql = cluster.new_database()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite_db = f"{tmp}/b.db"
            ingest = {
                "sqlite": _ingest_into(n, sqlite_db),
                "postgresql": _ingest_into(n, postgresql),
            }
            search = {"sqlite": _search_latency(sqlite_db, repeats),
                      "postgresql": _search_latency(postgresql, repeats)}  # fmt: skip
    finally:
        if cluster is not None:
            cluster.stop()
    rates = {name: float(r["pages_per_s"]) for name, r in ingest.items()}
    result = {
        "pages": n, "postgresql": "throw-away local cluster (fsync on)" if cluster else "given",
        "ingest_pages_per_s": rates,
        "ingest_postgresql_over_sqlite": round(rates["postgresql"] / rates["sqlite"], 2),
        "new": {name: r["new"] for name, r in ingest.items()},
        "search": search,
        "search_p50_postgresql_over_sqlite": round(
            search["postgresql"]["p50_ms"] / max(search["sqlite"]["p50_ms"], 0.01), 2),
    }  # fmt: skip
    print(json.dumps(result), flush=True)
    return result


def _label(kw: dict[str, str]) -> str:
    return " ".join(f"--{k} {v}" for k, v in kw.items())


def _latency(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "queries": len(values), "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(values[max(0, int(len(values) * 0.95) - 1)], 1),
        "max_ms": round(values[-1], 1),
    }  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        n, analyze, db = int(sys.argv[2]), bool(int(sys.argv[3])), sys.argv[4]
        print(json.dumps(throughput_worker(n, analyze, db)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput", help="pages/s and peak memory per corpus size")
    t.add_argument("--pages", type=int, action="append", help="pages (repeatable)")
    t.add_argument("--analyze", action="store_true", help="run the analyze stage too")
    r = sub.add_parser("ratio", help="ingest --no-analyze speed over extract's")
    r.add_argument("--pages", type=int, default=1000)
    r.add_argument("--repeats", type=int, default=2, help="runs of each, best kept")
    s = sub.add_parser("search", help="search latency over synthetic articles")
    s.add_argument("--articles", type=int, action="append", help="articles (repeatable)")
    s.add_argument("--repeats", type=int, default=3)
    s.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the databases here")
    b = sub.add_parser("backends", help="SQLite against PostgreSQL: ingest and search")
    b.add_argument("--pages", type=int, default=1000)
    b.add_argument("--repeats", type=int, default=3)
    b.add_argument("--postgresql", default=None, metavar="URL", help="an empty database")
    args = parser.parse_args()
    if args.what == "throughput":
        run_throughput(args.pages or [1000], args.analyze)
    elif args.what == "ratio":
        run_ratio(args.pages, args.repeats)
    elif args.what == "backends":
        run_backends(args.pages, args.repeats, args.postgresql)
    else:
        for n in args.articles or [100_000]:
            run_search(n, args.repeats, args.keep)


if __name__ == "__main__":
    main()
