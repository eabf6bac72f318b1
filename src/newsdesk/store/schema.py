"""The store's tables, in SQLAlchemy Core. Migrations create them; queries import them.

::

    pages          raw bytes (Brotli), one row per content hash, with source, url, fetch time
    articles       one row per version of an article; ``key`` is the normalised URL (else the
                   content hash); the current version has ``superseded_by`` NULL
    clusters       syndicated copies (exact or near-duplicate bodies) with a canonical copy
    lsh_bands      MinHash-LSH band keys of each article's body, queried with SQL
    speakers       people quoted, one row per normalised name + organisation; each row
                   belongs to one speaker identity (``identity_id``)
    speaker_identities  one person across articles (``_identity`` states the rule); its
                   id is the id of its first ``speakers`` row and never changes
    speaker_variants    names, titles and organisations seen for a speaker identity
    quotes         what they said: text, kind, cue, offsets into the article's body
    entities       people, organisations, places, one row per label + normalised name;
                   each row belongs to one entity identity (``identity_id``)
    entity_identities   one entity across articles and spellings ("U.S." = "United
                   States", see ``_aliases``); id: its first ``entities`` row's
    mentions       where an entity or a speaker occurs in an article (character offsets)
    fetch_state    what the sources saw last time per URL (ETag, Last-Modified, fetch time)
    sites          outlet names and web hosts (folded), numbered for the search terms
    name_words     every word of speakers' (kind "p") and entities' ("e") names, folded
    articles_fts   (SQLite only) FTS5 index over title, body, quotes and ``tags`` (filter
                   terms, see ``search_terms``), kept by triggers; on PostgreSQL the
                   generated columns ``articles.search`` (tsvector, GIN index) and
                   ``articles.search_config`` instead (migration 0001, ``search_pg``)
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("fetched", String(40)),  # ISO 8601
    Column("stored", String(40), nullable=False),
    Column("size", Integer, nullable=False),
    Column("compression", String(8), nullable=False),  # "brotli" ("zlib" before)
    Column("content", LargeBinary, nullable=False),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("canonical_id", Integer, nullable=False),  # articles.id of the canonical copy
    Column("size", Integer, nullable=False),
    Column("created", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False),  # normalised canonical URL, else "sha256:<hash>"
    Column("version", Integer, nullable=False),
    Column("superseded_by", Integer),  # articles.id of the next version; NULL: current
    Column("page_id", Integer, ForeignKey("pages.id"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("text_hash", String(64), nullable=False),  # sha256 of the normalised body text
    Column("url", Text),
    Column("canonical_url", Text),
    Column("site", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("language", String(8)),
    Column("body", Text, nullable=False),
    Column("quotes_text", Text, nullable=False),  # every quote's text, for full-text search
    Column("record", LargeBinary, nullable=False),  # zlib JSON of Article.to_dict() minus text
    Column("minhash", LargeBinary),  # 128 uint32, little-endian; NULL for very short bodies
    Column("cluster_id", Integer, ForeignKey("clusters.id")),
    Column("stored", String(40), nullable=False),
    Column("tags", Text, nullable=False, server_default=""),  # filter terms for articles_fts
    Index("ix_articles_key_version", "key", "version", unique=True),
    Index("ix_articles_text_hash", "text_hash"),
    Index("ix_articles_site", "site"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_cluster", "cluster_id"),
    # browsing (speaker pages): date, version and cluster without reading the wide row
    Index("ix_articles_browse", "id", "published", "superseded_by", "cluster_id"),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band_key", BigInteger, nullable=False),  # 64-bit hash of (band number, band values)
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Index("ix_lsh_bands_key", "band_key"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),  # folded name + "|" + folded organisation
    Column("name", Text, nullable=False),
    Column("organisation", Text),
    Column("kind", String(16), nullable=False),
    Column("titles", Text, nullable=False),  # JSON list
    Column("identity_id", Integer),  # speaker_identities.id (migration 0005)
    Index("ix_speakers_identity", "identity_id"),
)

speaker_identities = Table(
    "speaker_identities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # its first speakers.id
    Column("key", Text, nullable=False),  # the folded full name (several people may share it)
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_speaker_identities_key", "key"),
)

speaker_variants = Table(
    "speaker_variants",
    metadata,
    Column("identity_id", Integer, primary_key=True),
    Column("field", String(16), primary_key=True),  # "name", "title" or "organisation"
    Column("value", Text, primary_key=True),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("parts", Text, nullable=False),  # JSON list of [start, end]
    Column("cue", Text),
    Column("speaker_name", Text),
    Column("confidence", Float),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Index("ix_quotes_article_span", "article_id", "char_start", "char_end", "speaker_id"),
    Index("ix_quotes_speaker_article", "speaker_id", "article_id", "char_start", "char_end"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),  # label + "|" + folded name
    Column("name", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("identity_id", Integer),  # entity_identities.id (migration 0005)
    Index("ix_entities_identity", "identity_id"),
)

entity_identities = Table(
    "entity_identities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # its first entities.id
    Column("key", Text, nullable=False, unique=True),  # ``_aliases.entity_key``
    Column("name", Text, nullable=False),  # the canonical name
    Column("label", String(16), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id")),
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_entity_article", "entity_id", "article_id", "char_start", "char_end"),
    Index("ix_mentions_speaker", "speaker_id"),
)

sites = Table(
    "sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),  # folded outlet name or web host
)

name_words = Table(
    "name_words",
    metadata,
    Column("kind", String(1), primary_key=True),  # "p" speakers, "e" entities
    Column("word", Text, primary_key=True),
)

fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched", String(40)),
    Column("status", Integer),
    Column("content_hash", String(64)),
    Column("data", Text),  # JSON of any other FetchRecord fields
)
