"""Hostile input to the store (issue 17): queries that grew with the square of their
words, impossible dates, files that are not newsdesk databases, exports that fail half
way, and every database failure as a named ``StoreError`` through the library and
through the real ``newsdesk`` command (a subprocess: exit 1, a message, no traceback)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.errors import StoreError
from newsdesk.store import Filters, StoredArticle, open_store
from newsdesk.store._query_text import MAX_PHRASE_WORDS, MAX_SEARCH_TERMS, fts_terms
from newsdesk.store.export import export
from test_store_helpers import body_text, make_pair, with_quote
from web_support import serve

REPEATED = "oil " * 25_600  # 100 KB of one word
NEWSDESK = [sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())"]


def _fill(path: Path | str) -> None:
    with open_store(path) as store:
        pairs = []
        for i in range(6):
            page, article = make_pair(body_text(i) + " oil", f"https://a.example/{i}",
                                      published=f"2024-01-0{i + 1}", salt=str(i))  # fmt: skip
            with_quote(article, "Kevin Hamilton", "NATO", "Oil prices will fall.")
            pairs.append((page, article))
        store.save(pairs)


@pytest.fixture()
def db(store_url: str) -> str:
    """Six articles, on each backend (``store_url``)."""
    _fill(store_url)
    return store_url


@pytest.fixture()
def sqlite_db(tmp_path: Path) -> Path:
    """The same in a SQLite file (for what only a file can be: read-only, locked)."""
    path = tmp_path / "h.db"
    _fill(path)
    return path


def newsdesk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([*NEWSDESK, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120, check=False)  # fmt: skip


def refused(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit 1 with a one-line message naming what is wrong, and no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def cli_refused(*args: str) -> str:
    """The same in-process (``CliRunner``), for the cases that need no real process."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 1 and result.exception is not None, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    return result.output


# -- bug 4: search terms ------------------------------------------------------------------
def test_repeated_words_are_searched_once() -> None:
    assert fts_terms("oil oil Oil oil* oil") == ['"oil"', '"Oil"', '"oil"*']
    assert fts_terms(REPEATED) == ['"oil"']
    assert fts_terms('"a b" "a b" a') == ['"a b"', '"a"']


def test_100_kb_of_repeated_words_finds_what_one_word_finds(db: str) -> None:
    with open_store(db) as store:
        once = [h.id for h in store.search(Filters(text="oil"))]
        repeated = [h.id for h in store.search(Filters(text=REPEATED))]
    assert repeated == once and len(once) == 6


def test_too_many_terms_or_too_long_a_phrase_is_refused(db: str) -> None:
    many = " ".join(f"w{i}" for i in range(MAX_SEARCH_TERMS + 1))
    phrase = '"' + " ".join(["oil"] * 30_000) + '"'
    joined = "-".join(["oil"] * (MAX_PHRASE_WORDS + 1))  # one word of FTS5: a phrase
    with open_store(db) as store:
        with pytest.raises(StoreError, match=f"{MAX_SEARCH_TERMS + 1} different.*limit of 32"):
            store.search(Filters(text=many))
        for text in (phrase, joined):
            with pytest.raises(StoreError, match="words, over the limit of 64"):
                store.search(Filters(text=text))
        assert store.search(Filters(text=" ".join(many.split()[:MAX_SEARCH_TERMS]))) == []
        phrases = " ".join(f'"p{i} ' + "oil " * 7 + '"' for i in range(17))  # 136 words
        with pytest.raises(StoreError, match="136 words in its phrases, over the limit of 128"):
            store.search(Filters(text=phrases))
    assert "limit of 64" in cli_refused("search", "--db", str(db), phrase[:5000] + '"')


@pytest.mark.parametrize(("name", "value"), [
    ("speaker", "a " * 11), ("entity", "x" * 201), ("site", "x" * 201), ("about", "q" * 201),
])  # fmt: skip
def test_name_and_site_filters_are_capped(name: str, value: str) -> None:
    with pytest.raises(StoreError, match=f"{name} filter .*over the limit"):
        Filters(**{name: value})


def test_symbols_alone_are_explained_like_a_lone_quote(db: str) -> None:
    for text in ("*", "-", '"', "* -"):
        assert "no words to look for" in cli_refused("search", "--db", str(db), "--", text)
    with open_store(db) as store:  # a symbol beside words is left out, not searched
        assert [h.id for h in store.search(Filters(text="oil *"))] == [
            h.id for h in store.search(Filters(text="oil"))
        ]


# -- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "2023-02-29", "0000", "2024-00"])
def test_impossible_dates_are_refused_naming_the_value(db: str, value: str) -> None:
    for name in ("since", "until"):
        with pytest.raises(StoreError, match=f"{name} '{value}' is not a date"):
            Filters(**{name: value})
        assert f"'{value}'" in cli_refused("quotes", "--db", str(db), f"--{name}", value)
    Filters(since="2024-02-29", until="2024-12")  # real dates pass


def test_web_api_refuses_the_same_with_400(db: str) -> None:
    from newsdesk.web import WebConfig, create_app

    many = " ".join(f"w{i}" for i in range(MAX_SEARCH_TERMS + 1))
    with serve(create_app(db, WebConfig())) as url:
        for path, params in (
            ("/api/articles", {"text": "oil", "since": "2024-13"}),
            ("/api/articles", {"until": "2024-02-30"}),
            ("/api/quotes", {"since": "2024-02-30"}),
            ("/api/speakers", {"since": "2023-02-29"}),
            ("/api/articles", {"text": many}),
        ):
            answer = httpx.get(url + path, params=params, timeout=30)
            assert answer.status_code == 400, (path, params, answer.text)
            assert answer.json()["error"]["message"]
        answer = httpx.get(url + "/api/articles", params={"text": "oil " * 120}, timeout=30)
        assert answer.status_code == 200 and len(answer.json()["items"]) == 6


# -- files that are not newsdesk databases -----------------------------------------------
@pytest.mark.parametrize("command", [["search", "x"], ["quotes"], ["speakers"], ["entities"],
                                     ["export", "-o", "out.jsonl"]])  # fmt: skip
def test_read_commands_never_write_into_an_empty_file(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.db"
    empty.touch()
    out = cli_refused(*command, "--db", str(empty))
    assert "empty.db: not a newsdesk database" in out
    assert empty.stat().st_size == 0 and not list(tmp_path.glob("empty.db-*"))
    with pytest.raises(StoreError, match="not a newsdesk database: the file is empty"):
        open_store(empty, create=False)
    assert empty.stat().st_size == 0


def test_other_files_are_refused_untouched(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello\n")
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    for path, why in ((text, "not a SQLite database"), (foreign, "another application")):
        for create in (False, True):
            with pytest.raises(StoreError, match=f"{path.name}: not a newsdesk database: .*{why}"):
                open_store(path, create=create)
        assert why in cli_refused("search", "x", "--db", str(path))
    refused(newsdesk("quotes", "--db", str(text)), "notes.db", "not a SQLite database")
    assert text.read_text() == "hello\n" and foreign.read_bytes() == before


def test_an_empty_file_becomes_a_database_when_writing(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    with open_store(empty) as store:
        assert store.save([make_pair(body_text(1), "https://a.example/1")])[0].outcome == "new"


# -- exports ------------------------------------------------------------------------------
def test_a_failed_export_leaves_the_previous_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")

    def failing() -> Iterator[StoredArticle]:
        raise StoreError("h.db: database error: disk I/O error")
        yield  # a generator

    with open_store(db) as store:
        records = chain(store.iter_articles(Filters(limit=None)), failing())
        with pytest.raises(StoreError, match="disk I/O"):
            export(records, "jsonl", out)
        assert out.read_text() == "previous export\n"
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
        assert export(store.iter_articles(Filters(limit=None)), "jsonl", out) == 6
    assert len(out.read_text().splitlines()) == 6


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_dash_writes_standard_output(
    db: str, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "--db", str(db), "-o", "-", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    assert "6 articles written to standard output" in result.stderr
    if fmt == "jsonl":
        assert len(result.stdout_bytes.splitlines()) == 6
    elif fmt == "csv":
        assert result.stdout_bytes.count(b"\r\n") == 7  # header and six rows
    else:
        assert result.stdout_bytes[:4] == b"PAR1" and result.stdout_bytes[-4:] == b"PAR1"


# -- every database failure is named ------------------------------------------------------
def test_a_directory_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match=r"folder\.db: is a directory"):
        open_store(folder)
    refused(newsdesk("search", "x", "--db", str(folder)), "folder.db", "directory")
    page = tmp_path / "p.html"
    page.write_text("<p>words enough for a page</p>")
    refused(newsdesk("ingest", str(page), "--no-analyze", "--db", str(folder)), "directory")


def test_a_corrupt_file_with_a_sqlite_header_is_named(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + os.urandom(16_384))
    before = corrupt.read_bytes()
    for create in (False, True):
        with pytest.raises(StoreError, match=r"corrupt\.db: .*(not a newsdesk|not a database)"):
            open_store(corrupt, create=create)
    refused(newsdesk("search", "x", "--db", str(corrupt)), "corrupt.db", "database")
    page = tmp_path / "p.html"
    page.write_text("<p>words enough for a page</p>")
    refused(newsdesk("ingest", str(page), "--no-analyze", "--db", str(corrupt)), "corrupt.db")
    assert corrupt.read_bytes() == before


def test_a_read_only_file_for_ingest_is_named(sqlite_db: Path, tmp_path: Path) -> None:
    db = sqlite_db
    if os.geteuid() != 0:
        db.chmod(0o444)
    elif not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(db)],
                                                       capture_output=True).returncode:  # fmt: skip
        pytest.skip("running as root on a file system without chattr +i")
    page = tmp_path / "p.html"
    page.write_text("<p>a new page with words enough for an article</p>")
    try:
        refused(newsdesk("ingest", str(page), "--no-analyze", "--db", str(db)), "h.db", "read-only")
        with open_store(db) as store:
            with pytest.raises(StoreError, match=r"h\.db: .*read-only"):
                store.save([make_pair(body_text(99), "https://a.example/99")])
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        db.chmod(0o644)


@pytest.fixture()
def locked(sqlite_db: Path) -> Iterator[Path]:
    """``sqlite_db`` with another connection holding an exclusive lock on it."""
    db = sqlite_db
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    try:
        yield db
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_database_is_named_by_the_library(locked: Path) -> None:
    with pytest.raises(StoreError, match=r"h\.db: .*locked"):
        with open_store(locked, pragmas={"busy_timeout": 100}) as store:
            store.search(Filters(text="oil"))


def test_a_locked_database_is_named_by_the_command(locked: Path) -> None:
    # the command waits the default busy timeout (10 s) before it gives up
    refused(newsdesk("search", "oil", "--db", str(locked)), "h.db", "locked", "retry")
