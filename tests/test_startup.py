"""Start-up stays fast: ``newsdesk --help`` and ``newsdesk extract`` import neither the store
(SQLAlchemy, Alembic, datasketch) nor spaCy nor pyarrow, ``newsdesk extract`` of a file
imports no HTTP client, feed parser or robots.txt parser (httpx, httpcore, idna, feedparser,
protego load with the first URL, feed or sitemap), and importing ``newsdesk.cli`` costs well
under a second (measured with ``python -X importtime``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

HEAVY = ("sqlalchemy", "alembic", "spacy", "datasketch", "pyarrow")
FETCHING = ("httpx", "httpcore", "idna", "feedparser", "protego")  # needed only to fetch
BOUND_S = 1.0  # generous: about 0.1 s on a quiet machine, 0.8 s before the lazy imports


def importtime(*args: str) -> tuple[dict[str, float], set[str]]:
    """Run python -X importtime with ``args``: cumulative seconds of each top-level import,
    and every module imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, timeout=300
    )
    top: dict[str, float] = {}
    modules: set[str] = set()
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        modules.add(name.strip())
        if not name.startswith("  "):  # nested imports are indented by two spaces a level
            top[name.strip()] = int(cumulative) / 1e6
    return top, modules


def heavy(modules: set[str], names: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


def test_import_newsdesk_cli_is_fast_and_light() -> None:
    top, modules = importtime("-c", "import newsdesk.cli")
    assert "newsdesk.cli" in top, "no import time measured"
    assert top["newsdesk.cli"] < BOUND_S, f"import newsdesk.cli took {top['newsdesk.cli']:.2f} s"
    assert heavy(modules) == []


def test_extract_command_never_imports_the_store_or_nlp(tmp_path: Path) -> None:
    page = REPO / "samples" / "pages" / "156770d676ce.html"
    out = tmp_path / "out.json"
    _top, modules = importtime("-m", "newsdesk", "extract", str(page), "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("[")
    assert "newsdesk.extract" in modules  # it did extract
    assert heavy(modules) == []


def test_extracting_a_file_loads_no_http_client_nor_feed_parser(tmp_path: Path) -> None:
    page = REPO / "samples" / "pages" / "156770d676ce.html"
    out = tmp_path / "out.json"
    _top, modules = importtime("-m", "newsdesk", "extract", str(page), "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("[")
    assert "newsdesk.sources" in modules  # it read the file through the sources
    assert heavy(modules, HEAVY + FETCHING) == []


def test_extracting_an_html_file_loads_only_what_html_pages_need(tmp_path: Path) -> None:
    """The text-dump extractor, statistical charset detection, dateutil (the last resort of
    date parsing) and the archive, sitemap and feed readers load only for inputs that need
    them: a UTF-8 HTML file with a machine-readable date needs none."""
    page = REPO / "samples" / "pages" / "156770d676ce.html"
    out = tmp_path / "out.json"
    _top, modules = importtime("-m", "newsdesk", "extract", str(page), "-o", str(out))
    assert '"published": "2019' in out.read_text(encoding="utf-8")  # its date was read
    lazy = ("charset_normalizer", "dateutil", "fastwarc", "lxml", "feedparser")
    assert heavy(modules, lazy) == []
    assert "newsdesk.extract.textdump" not in modules
    assert "newsdesk.extract.html" in modules


def test_a_local_feed_still_loads_the_feed_parser_and_the_fetcher(tmp_path: Path) -> None:
    """The other side: the lazy imports happen when a feed is read, so the check above is not
    passing only because nothing could ever load them."""
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><link>http://127.0.0.1:9/a</link></item></channel></rss>",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    _top, modules = importtime("-m", "newsdesk", "extract", str(feed), "-o", str(out))
    assert {"feedparser", "httpx", "httpcore", "newsdesk.sources._transport"} <= modules
