"""Main-text extraction benchmark on ScrapingHub's article set: newsdesk against its peers.

    .venv/bin/python benchmarks/extraction.py [--limit N] [--peers a,b,c] [--json OUT]

Every extractor runs in its own subprocess (``--worker NAME``, network disabled) over the
decompressed pages held in memory: one pass gives the outputs, three timed passes give the
median speed, and the process's peak resident memory is read at the end. The parent scores
the outputs with ``newsdesk.evaluation`` and prints one table. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import (
    SCRAPINGHUB,
    BenchmarkError,
    forbid_network,
    format_table,
    parse_names,
    peak_rss_mb,
    problem_lines,
    ratio,
    read_gzip,
    read_json,
    run_main,
    run_workers,
    timed_passes,
    tool_arguments,
    worker_arguments,
    write_json,
)
from newsdesk.evaluation import aggregate, bootstrap_std, score_page, words

# One input as a worker sees it: (page id, page bytes or text, the page's URL).
Item = tuple[str, Any, str]
Extractor = Callable[[Item], str]

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th section article "
    "header footer figure figcaption dd dt dl".split()
)


@dataclass(frozen=True, slots=True)
class Peer:
    name: str
    input_kind: str  # "bytes": the raw page, "str": the page decoded as UTF-8
    load: Callable[[], Extractor]  # imports the tool (inside the worker) and returns a caller


def _load_newsdesk() -> Extractor:
    from newsdesk import Page, extract

    def run(item: Item) -> str:
        source, content, url = item
        return extract(Page(source=source, content=content, url=url)).text

    return run


def _load_trafilatura(favor_precision: bool) -> Extractor:
    import trafilatura

    def run(item: Item) -> str:
        _source, html, url = item
        return trafilatura.extract(html, url=url, favor_precision=favor_precision) or ""

    return run


def _fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with a line break around every block element."""
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    root = lxml_html.fromstring(fragment)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _load_readability() -> Extractor:
    from readability import Document

    def run(item: Item) -> str:
        _source, html, url = item
        return _fragment_text(Document(html, url=url).summary(html_partial=True))

    return run


def _load_resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(item: Item) -> str:
        _source, html, _url = item
        return str(extract_plain_text(HTMLTree.parse(html), main_content=True))

    return run


def _load_newspaper() -> Extractor:
    import newspaper

    def run(item: Item) -> str:
        _source, html, url = item
        article = newspaper.Article(url, fetch_images=False)
        article.download(input_html=html)  # given HTML: no fetch (and workers have no network)
        article.parse()
        return str(article.text or "")

    return run


PEERS: dict[str, Peer] = {
    peer.name: peer
    for peer in [
        Peer("newsdesk", "bytes", _load_newsdesk),
        Peer("trafilatura", "str", lambda: _load_trafilatura(favor_precision=False)),
        Peer("trafilatura-precision", "str", lambda: _load_trafilatura(favor_precision=True)),
        Peer("readability-lxml", "str", _load_readability),
        Peer("resiliparse", "str", _load_resiliparse),
        Peer("newspaper4k", "str", _load_newspaper),
    ]
}


def load_truth(limit: int | None) -> list[tuple[str, str, str]]:
    """(id, url, articleBody) of the benchmark pages, sorted by id, the first ``limit``."""
    truth = read_json(SCRAPINGHUB / "ground-truth.json")
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    return [(i, truth[i].get("url") or "", truth[i].get("articleBody") or "") for i in ids]


def worker(name: str, limit: int | None, passes: int, out: Path) -> None:
    """Inside the subprocess: load the pages, then the tool, time it, write the outputs."""
    forbid_network()
    peer = PEERS[name]
    items: list[Item] = []
    for page_id, url, _body in load_truth(limit):
        raw = read_gzip(SCRAPINGHUB / "html" / f"{page_id}.html.gz")
        content = raw if peer.input_kind == "bytes" else raw.decode("utf-8", errors="replace")
        items.append((page_id, content, url))
    base_mb = peak_rss_mb()
    result = timed_passes(peer.load(), items, passes=passes)
    ids = [page_id for page_id, _content, _url in items]
    run = result.as_json(name, ids)
    write_json(out, {**run, "base_rss_mb": base_mb, "peak_rss_mb": peak_rss_mb()})


def score(run: dict[str, Any], truths: Sequence[str], bootstrap: int) -> dict[str, Any]:
    """Add the ScrapingHub scores, their bootstrap std and the empty count to a worker result."""
    outputs = [text or "" for text in run.pop("outputs")]
    pages = [score_page(text, truth) for text, truth in zip(outputs, truths, strict=True)]
    scores, std = aggregate(pages), bootstrap_std(pages, samples=bootstrap)
    run["pages"] = len(pages)
    run["empty"] = sum(1 for text in outputs if not words(text))
    for metric in ("f1", "precision", "recall", "accuracy"):
        run[metric] = getattr(scores, metric)
        run[f"{metric}_std"] = getattr(std, metric)
    return run


def _newsdesk_speed(
    results: Sequence[dict[str, Any]], key: str = "pages_per_second"
) -> float | None:
    """newsdesk's pages/s, or None when it did not run or crashed on every page."""
    for r in results:
        if r["name"] == "newsdesk" and r["crashes"] < r["pages"]:
            return float(r[key])
    return None


def table(results: Sequence[dict[str, Any]]) -> str:
    nd_speed = _newsdesk_speed(results)
    headers = ["extractor", "F1", "precision", "recall", "accuracy", "empty", "crashes"]
    headers += ["pages/s", "newsdesk speed", "peak MB", "tool MB"]
    rows = []
    for r in results:
        cells = [r["name"]]
        cells += [f"{r[m]:.3f} ± {r[m + '_std']:.3f}" for m in ("f1", "precision", "recall")]
        cells += [f"{r['accuracy']:.3f} ± {r['accuracy_std']:.3f}", str(r["empty"])]
        cells += [str(r["crashes"]), f"{r['pages_per_second']:.1f}"]
        cells += [ratio(nd_speed, r["pages_per_second"]), f"{r['peak_rss_mb']:.0f}"]
        cells += [f"{r['peak_rss_mb'] - r['base_rss_mb']:.0f}"]
        rows.append(cells)
    return format_table(headers, rows)


def run_all(args: argparse.Namespace) -> int:
    names = parse_names(args.peers, list(PEERS))
    truth = load_truth(args.limit)
    if not truth:
        raise BenchmarkError(f"{SCRAPINGHUB}: no pages in ground-truth.json")
    script = Path(__file__).resolve()
    extra = ["--passes", str(args.passes)] + (["--limit", str(args.limit)] if args.limit else [])
    runs, failed = run_workers(script, names, extra, timeout=args.timeout)
    bodies = [body for _i, _u, body in truth]
    results = [score(run, bodies, args.bootstrap) for run in runs]
    print(report(results, failed, len(truth), args))
    if args.json:
        write_json(
            args.json,
            {
                "benchmark": "scrapinghub",
                "settings": settings(args, truth),
                "results": results,
                "failed": failed,
            },
        )
    return 1 if failed else 0


def settings(args: argparse.Namespace, truth: Sequence[Any]) -> dict[str, Any]:
    return {
        "pages": len(truth),
        "passes": args.passes,
        "bootstrap": args.bootstrap,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def report(results: Sequence[dict[str, Any]], failed: Sequence[str], pages: int, args: Any) -> str:
    lines = [
        f"ScrapingHub article extraction: {pages} pages, scores ± bootstrap std "
        f"({args.bootstrap} resamples), speed = median of {args.passes} passes in one process",
        "",
        table(results) if results else "(no extractor ran)",
    ]
    trafilatura = [r for r in results if r["name"] == "trafilatura"]
    if trafilatura:
        wall = ratio(_newsdesk_speed(results), trafilatura[0]["pages_per_second"])
        cpu_key = "pages_per_cpu_second"
        cpu = ratio(_newsdesk_speed(results, cpu_key), trafilatura[0][cpu_key])
        lines += ["", f"newsdesk speed / trafilatura speed: {wall} (wall time), {cpu} (CPU time)"]
    return "\n".join(lines + problem_lines(results, failed))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tool_arguments(parser, list(PEERS), "only the first N pages (sorted by id)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (default 3)")
    parser.add_argument("--bootstrap", type=int, default=1000, help="resamples (default 1000)")
    worker_arguments(parser, list(PEERS), "seconds per extractor")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(
        parse_args(argv),
        lambda args: worker(args.worker, args.limit, args.passes, args.out),
        run_all,
    )


if __name__ == "__main__":
    sys.exit(main())
