"""Filter terms inside the full-text index: ``articles.tags``, the ``sites`` table, and
``articles_fts`` rebuilt with a fourth (hidden) column so filtered searches are one FTS5
query (see ``newsdesk.store.search_terms``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

# A frozen copy, as migrations never change.
FTS_DDL = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, quotes_text, tags, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
        WHEN new.superseded_by IS NULL BEGIN
        INSERT INTO articles_fts(rowid, title, body, quotes_text, tags)
        VALUES (new.id, new.title, new.body, new.quotes_text, new.tags); END""",
    """CREATE TRIGGER articles_fts_supersede AFTER UPDATE OF superseded_by
        ON articles WHEN old.superseded_by IS NULL AND new.superseded_by IS NOT NULL BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text, tags)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text, old.tags); END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF quotes_text, tags
        ON articles WHEN new.superseded_by IS NULL
        AND (old.quotes_text IS NOT new.quotes_text OR old.tags IS NOT new.tags) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text, tags)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text, old.tags);
        INSERT INTO articles_fts(rowid, title, body, quotes_text, tags)
        VALUES (new.id, new.title, new.body, new.quotes_text, new.tags); END""",
    # ``ORDER BY rank`` ranks like ``search_sql`` does (title 5, body 1, quotes 2, tags 0).
    """INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 2.0, 0.0)')""",
)
FTS_FILL = (
    """INSERT INTO articles_fts(rowid, title, body, quotes_text, tags)
        SELECT id, title, body, quotes_text, tags FROM articles WHERE superseded_by IS NULL""",
    """INSERT INTO articles_fts(articles_fts) VALUES ('optimize')""",
)
FTS_DROP = (
    """DROP TRIGGER IF EXISTS articles_fts_update""",
    """DROP TRIGGER IF EXISTS articles_fts_quotes""",
    """DROP TRIGGER IF EXISTS articles_fts_supersede""",
    """DROP TRIGGER IF EXISTS articles_fts_insert""",
    """DROP TABLE IF EXISTS articles_fts""",
)
FTS_0001 = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, quotes_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
        WHEN new.superseded_by IS NULL BEGIN
        INSERT INTO articles_fts(rowid, title, body, quotes_text)
        VALUES (new.id, new.title, new.body, new.quotes_text); END""",
    """CREATE TRIGGER articles_fts_supersede AFTER UPDATE OF superseded_by
        ON articles WHEN old.superseded_by IS NULL AND new.superseded_by IS NOT NULL BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text); END""",
    """CREATE TRIGGER articles_fts_quotes AFTER UPDATE OF quotes_text
        ON articles WHEN new.superseded_by IS NULL BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text);
        INSERT INTO articles_fts(rowid, title, body, quotes_text)
        VALUES (new.id, new.title, new.body, new.quotes_text); END""",
    """INSERT INTO articles_fts(rowid, title, body, quotes_text)
        SELECT id, title, body, quotes_text FROM articles WHERE superseded_by IS NULL""",
)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_CHUNK = 5000
_ARTICLES = (
    "SELECT a.id, a.site, a.url, a.published, a.language, "
    "a.cluster_id IS NOT NULL AND a.id != (SELECT c.canonical_id FROM clusters c "
    "WHERE c.id = a.cluster_id) AS copy FROM articles a "
    "WHERE a.superseded_by IS NULL AND a.id > ? ORDER BY a.id LIMIT ?"
)
_SPEAKERS = (
    "SELECT q.article_id, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
    "WHERE q.article_id BETWEEN ? AND ?"
)
_ENTITIES = (
    "SELECT m.article_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
    "WHERE m.article_id BETWEEN ? AND ?"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for statement in FTS_DROP:
            op.execute(statement)
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "name_words",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("word", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "word"),
    )
    op.add_column("articles", sa.Column("tags", sa.Text(), nullable=False, server_default=""))
    if sqlite:  # PostgreSQL stores are newer than this revision: nothing to fill there
        dbapi = op.get_bind().connection.driver_connection
        _fill_name_words(dbapi)
        _fill_tags(dbapi)
        for statement in FTS_DDL + FTS_FILL:
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for statement in FTS_DROP:
            op.execute(statement)
    if sqlite:  # native since SQLite 3.35; a batch copy would trip the foreign keys
        op.execute("ALTER TABLE articles DROP COLUMN tags")
    else:
        op.drop_column("articles", "tags")
    op.drop_table("name_words")
    op.drop_table("sites")
    if sqlite:
        for statement in FTS_0001:
            op.execute(statement)


def _fill_tags(dbapi: Any) -> None:
    """Compute ``tags`` for every current article, in chunks of ids."""
    sites: dict[str, int] = {}
    after = 0
    while True:
        rows = dbapi.execute(_ARTICLES, (after, _CHUNK)).fetchall()
        if not rows:
            return
        low, high = rows[0][0], rows[-1][0]
        people: dict[int, list[str]] = defaultdict(list)
        for article_id, name in dbapi.execute(_SPEAKERS, (low, high)):
            people[article_id].append(name)
        named: dict[int, list[str]] = defaultdict(list)
        for article_id, name in dbapi.execute(_ENTITIES, (low, high)):
            named[article_id].append(name)
        updates = []
        for article_id, site, url, published, language, copy in rows:
            ids = [_site_id(dbapi, sites, name) for name in site_names(site, url)]
            tags = article_tags(
                ids, published, language, people[article_id], named[article_id], bool(copy)
            )
            updates.append((tags, article_id))
        dbapi.executemany("UPDATE articles SET tags = ? WHERE id = ?", updates)
        after = high


def _fill_name_words(dbapi: Any) -> None:
    for kind, table in (("p", "speakers"), ("e", "entities")):
        words = {
            w for (name,) in dbapi.execute(f"SELECT name FROM {table}") for w in name_words(name)
        }
        dbapi.executemany(
            "INSERT OR IGNORE INTO name_words(kind, word) VALUES (?, ?)",
            [(kind, w) for w in sorted(words)],
        )


def _site_id(dbapi: Any, known: dict[str, int], name: str) -> int:
    if name not in known:
        dbapi.execute("INSERT OR IGNORE INTO sites(name) VALUES (?)", (name,))
        row = dbapi.execute("SELECT id FROM sites WHERE name = ?", (name,)).fetchone()
        known[name] = int(row[0])
    return known[name]


# -- the search terms as this revision wrote them: a frozen copy of
# ``newsdesk.store.search_terms`` (a migration must do the same thing forever; that module
# may change, a later revision then rewrites the tags).
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold_name(value: str) -> str:
    return " ".join(value.casefold().split())


def host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not name:
        return None
    return name.removeprefix("www.")


def site_names(site: str | None, url: str | None) -> list[str]:
    names = [fold_name(site)] if site and site.strip() else []
    found = host(url)
    if found and found not in names:
        names.append(found)
    return names


def name_words(name: str) -> list[str]:
    words, current = [], []
    for char in name.casefold():
        if char.isalnum():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def language_term(language: str) -> str:
    return "0l" + _NOT_ALNUM.sub("", language.strip().lower())


def date_terms(published: str | None) -> list[str]:
    match = _DATE.match(published or "")
    if not match:
        return []
    year, month, day = match.groups()
    terms = [f"0y{year}"]
    if month is None:
        return [*terms, f"0y{year}x"]
    terms.append(f"0m{year}{month}")
    if day is None:
        return [*terms, f"0m{year}{month}x"]
    return [*terms, f"0d{year}{month}{day}"]


def article_tags(
    site_ids: Iterable[int],
    published: str | None,
    language: str | None,
    speakers: Iterable[str] = (),
    entities: Iterable[str] = (),
    copy: bool = False,
) -> str:
    terms = [f"0s{i}" for i in sorted(set(site_ids))]
    terms += date_terms(published)
    if language and language_term(language) != "0l":
        terms.append(language_term(language))
    terms += sorted({f"0p{w}" for name in speakers for w in name_words(name)})
    terms += sorted({f"0e{w}" for name in entities for w in name_words(name)})
    if copy:
        terms.append("0copy")
    return " ".join(terms)
