"""Filter terms inside the full-text index: ``articles.tags``, the ``sites`` table, and
``articles_fts`` rebuilt with a fourth (hidden) column so filtered searches are one FTS5
query (see ``newsdesk.store.search_terms``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from newsdesk.store.search_terms import article_tags, name_words, site_names

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
    dbapi = op.get_bind().connection.driver_connection
    _fill_name_words(dbapi)
    _fill_tags(dbapi)
    if sqlite:
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
