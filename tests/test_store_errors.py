"""The database refuses: read-only, full, locked, corrupt, missing folder. Each is a
StoreError naming the file, and nothing is half-written."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from newsdesk.errors import StoreError
from newsdesk.store import open_store
from test_store_helpers import body_text, make_pair


def _filled(db: Path) -> None:
    with open_store(db) as store:
        store.save([make_pair(body_text(1), "https://a.example/1")])


def _consistent(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pages = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert pages == articles == fts  # every page went in with its article, or neither
        return pages, articles
    finally:
        conn.close()


def test_read_only_file_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    _filled(db)
    db.chmod(0o444)
    immutable = False
    if (
        shutil.which("chattr")
        and subprocess.run(["id", "-u"], capture_output=True).stdout == b"0\n"
    ):
        # root ignores file modes; the immutable flag binds root too
        immutable = subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode == 0
        if not immutable:
            pytest.skip("running as root on a file system without chattr +i")
    try:
        with open_store(db) as store:
            assert store.counts()["pages"] == 1  # reading still works
            with pytest.raises(StoreError, match=r"ro\.db.*read-?only"):
                store.save([make_pair(body_text(2), "https://a.example/2")])
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        db.chmod(0o644)
    assert _consistent(db) == (1, 1)


def test_full_database_rolls_back_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    _filled(db)
    conn = sqlite3.connect(db)
    size = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    saved = 0
    with open_store(db, pragmas={"max_page_count": size + 40}) as store:
        with pytest.raises(StoreError, match=r"full\.db.*(full|no space)"):
            for i in range(200):
                batch = [make_pair(body_text(100 + 3 * i + j, 2000), f"https://b{i}.ex/{j}")
                         for j in range(3)]  # fmt: skip
                store.save(batch)
                saved += 3
        # outlet ids remembered across batches are committed ones, none from the failed batch
        assert not store._sites.pending
        with store.reading() as read:
            stored = dict(read.execute(text("SELECT name, id FROM sites")).all())
        assert store._sites.known and store._sites.known.items() <= stored.items()
        assert f"b{saved // 3}.ex" not in stored  # the failed batch's new host is gone
    assert saved > 0  # some batches went in before the file filled up
    assert _consistent(db) == (1 + saved, 1 + saved)
    with open_store(db) as store:  # and the store works again once there is room
        store.save([make_pair(body_text(9999), "https://c/1")])
    assert _consistent(db) == (2 + saved, 2 + saved)


def test_locked_database_waits_then_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    _filled(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db, pragmas={"busy_timeout": 200}) as store:
            with pytest.raises(StoreError, match=r"busy\.db.*locked"):
                store.save([make_pair(body_text(2), "https://a.example/2")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_store(db) as store:  # once released, writing works
        assert store.save([make_pair(body_text(2), "https://a.example/2")])[0].outcome == "new"


def test_corrupt_file_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite " * 500)
    with pytest.raises(StoreError, match=r"junk\.db.*not a (newsdesk )?database"):
        open_store(db)


def test_missing_folder_and_unsupported_url(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing"):
        open_store(tmp_path / "nowhere" / "n.db")
    with pytest.raises(StoreError, match=r"mysql databases are not supported .*postgresql://"):
        open_store("mysql://localhost/news")
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)
