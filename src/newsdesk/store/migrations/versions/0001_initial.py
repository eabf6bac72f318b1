"""Initial tables and the full-text index: FTS5 with triggers on SQLite; on PostgreSQL a
generated ``tsvector`` column (title weight A, quotes B, body C, each in the text-search
configuration of the article's language) with a GIN index over current versions, that
configuration's oid (``search_config``, indexed), and
the SQL functions the store's queries call (``fold``, ``url_host``, ``instr``,
``json_each(text)``, ``newsdesk_ts_config``).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# SQLite's FTS5 index and its triggers: a frozen copy, as migrations never change.
FTS_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, body, quotes_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles
        WHEN new.superseded_by IS NULL BEGIN
        INSERT INTO articles_fts(rowid, title, body, quotes_text)
        VALUES (new.id, new.title, new.body, new.quotes_text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_supersede AFTER UPDATE OF superseded_by
        ON articles WHEN old.superseded_by IS NULL AND new.superseded_by IS NOT NULL BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_quotes AFTER UPDATE OF quotes_text
        ON articles WHEN new.superseded_by IS NULL BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.body, old.quotes_text);
        INSERT INTO articles_fts(rowid, title, body, quotes_text)
        VALUES (new.id, new.title, new.body, new.quotes_text); END""",
)
FTS_DROP = (
    """DROP TRIGGER IF EXISTS articles_fts_quotes""",
    """DROP TRIGGER IF EXISTS articles_fts_supersede""",
    """DROP TRIGGER IF EXISTS articles_fts_insert""",
    """DROP TABLE IF EXISTS articles_fts""",
)

# PostgreSQL: a frozen copy, as migrations never change. ``newsdesk_ts_config`` maps
# ISO 639-1 codes to the text-search configurations the server has (``simple`` else).
TS_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
PG_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(value) $$""",
    """CREATE OR REPLACE FUNCTION instr(value text, part text) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT strpos(value, part) $$""",
    """CREATE OR REPLACE FUNCTION url_host(url text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT nullif(regexp_replace(lower(
        substring(btrim(url) from '^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#@]*@)?([^/?#:]*)')),
        '^www\\.', ''), '') $$""",
    """CREATE OR REPLACE FUNCTION json_each(items text) RETURNS TABLE(value text)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT json_array_elements_text(items::json) $$""",
)
PG_SEARCH = (
    # the configuration's oid, indexed: searches read which configurations are in use
    """ALTER TABLE articles ADD COLUMN search_config oid GENERATED ALWAYS AS (
        CAST(newsdesk_ts_config(language) AS oid)) STORED""",
    """CREATE INDEX ix_articles_search_config ON articles (search_config)""",
    """ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(newsdesk_ts_config(language), coalesce(title, '')), 'A')
        || setweight(to_tsvector(newsdesk_ts_config(language), quotes_text), 'B')
        || setweight(to_tsvector(newsdesk_ts_config(language), body), 'C')) STORED""",
    """CREATE INDEX ix_articles_search ON articles USING gin (search)
        WHERE superseded_by IS NULL""",
)
# byte order for the columns compared as ranges or sorted like SQLite does
PG_COLLATE = (
    ("speakers", "key"), ("entities", "key"), ("articles", "key"),
    ("articles", "published"), ("articles", "site"),
)  # fmt: skip
PG_DROP = (
    "DROP FUNCTION IF EXISTS fold(text)",
    "DROP FUNCTION IF EXISTS instr(text, text)",
    "DROP FUNCTION IF EXISTS url_host(text)",
    "DROP FUNCTION IF EXISTS json_each(text)",
    "DROP FUNCTION IF EXISTS newsdesk_ts_config(text)",
)


def ts_config_sql(available: set[str]) -> str:
    """``newsdesk_ts_config(language)``: the configuration for an ISO language code (its
    first part: ``en-GB`` is ``en``), among those the server has, else ``simple``."""
    cases = " ".join(
        f"WHEN '{code}' THEN '{name}'::regconfig"
        for code, name in sorted(TS_CONFIGS.items())
        if name in available
    )
    return (
        "CREATE OR REPLACE FUNCTION newsdesk_ts_config(language text) RETURNS regconfig "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE "
        f"lower(split_part(coalesce(language, ''), '-', 1)) {cases} "
        "ELSE 'simple'::regconfig END $$"
    )


# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("canonical_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("fetched", sa.String(length=40), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("fetched", sa.String(length=40), nullable=True),
        sa.Column("stored", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("compression", sa.String(length=8), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("titles", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("superseded_by", sa.Integer(), nullable=True),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("quotes_text", sa.Text(), nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("stored", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
        ),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["pages.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_cluster", ["cluster_id"], unique=False)
        batch_op.create_index("ix_articles_key_version", ["key", "version"], unique=True)
        batch_op.create_index("ix_articles_published", ["published"], unique=False)
        batch_op.create_index("ix_articles_site", ["site"], unique=False)
        batch_op.create_index("ix_articles_text_hash", ["text_hash"], unique=False)

    op.create_table(
        "lsh_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
    )
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.create_index("ix_lsh_bands_key", ["band_key"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_article", ["article_id"], unique=False)
        batch_op.create_index("ix_mentions_entity", ["entity_id"], unique=False)
        batch_op.create_index("ix_mentions_speaker", ["speaker_id"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index("ix_quotes_article", ["article_id"], unique=False)
        batch_op.create_index("ix_quotes_speaker", ["speaker_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DDL:
            op.execute(statement)
    elif op.get_bind().dialect.name == "postgresql":
        _postgres_search()


def _postgres_search() -> None:
    for table, column in PG_COLLATE:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE text COLLATE "C"')
    for statement in PG_FUNCTIONS:
        op.execute(statement)
    available = set(op.get_bind().exec_driver_sql("SELECT cfgname FROM pg_ts_config").scalars())
    op.execute(ts_config_sql(available))
    for statement in PG_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DROP:
            op.execute(statement)
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_speaker")
        batch_op.drop_index("ix_quotes_article")

    op.drop_table("quotes")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_speaker")
        batch_op.drop_index("ix_mentions_entity")
        batch_op.drop_index("ix_mentions_article")

    op.drop_table("mentions")
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_lsh_bands_key")

    op.drop_table("lsh_bands")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_text_hash")
        batch_op.drop_index("ix_articles_site")
        batch_op.drop_index("ix_articles_published")
        batch_op.drop_index("ix_articles_key_version")
        batch_op.drop_index("ix_articles_cluster")

    op.drop_table("articles")
    op.drop_table("speakers")
    op.drop_table("pages")
    op.drop_table("fetch_state")
    op.drop_table("entities")
    op.drop_table("clusters")
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_DROP:
            op.execute(statement)
