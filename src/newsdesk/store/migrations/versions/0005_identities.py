"""Speakers and entities as identities across articles (issue 15): ``speaker_identities``
and ``speaker_variants``, ``entity_identities``, and an ``identity_id`` on every
``speakers`` and ``entities`` row, filled for the rows stored before (the rule is stated
in ``newsdesk.store._identity``; the rows of a store give each speaker's name, first
organisation and titles).

Portable operations only (``create_table``, ``add_column``, ``create_index`` and Core
statements), so the revision runs on SQLite and PostgreSQL alike.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "speaker_identities",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_speaker_identities_key", "speaker_identities", ["key"])
    op.create_table(
        "speaker_variants",
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("identity_id", "field", "value"),
    )
    op.create_table(
        "entity_identities",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.add_column("speakers", sa.Column("identity_id", sa.Integer(), nullable=True))
    op.add_column("entities", sa.Column("identity_id", sa.Integer(), nullable=True))
    op.create_index("ix_speakers_identity", "speakers", ["identity_id"])
    op.create_index("ix_entities_identity", "entities", ["identity_id"])
    conn = op.get_bind()
    _fill_speakers(conn)
    _fill_entities(conn)


def downgrade() -> None:
    op.drop_index("ix_entities_identity", "entities")
    op.drop_index("ix_speakers_identity", "speakers")
    op.drop_column("entities", "identity_id")
    op.drop_column("speakers", "identity_id")
    op.drop_table("entity_identities")
    op.drop_table("speaker_variants")
    op.drop_index("ix_speaker_identities_key", "speaker_identities")
    op.drop_table("speaker_identities")


# -- the tables as this revision knows them -----------------------------------------------
_speakers = sa.table(
    "speakers", sa.column("id", sa.Integer), sa.column("name", sa.Text),
    sa.column("organisation", sa.Text), sa.column("kind", sa.String),
    sa.column("titles", sa.Text), sa.column("identity_id", sa.Integer),
)  # fmt: skip
_entities = sa.table(
    "entities", sa.column("id", sa.Integer), sa.column("name", sa.Text),
    sa.column("label", sa.String), sa.column("identity_id", sa.Integer),
)  # fmt: skip
_speaker_identities = sa.table(
    "speaker_identities", sa.column("id", sa.Integer), sa.column("key", sa.Text),
    sa.column("name", sa.Text), sa.column("kind", sa.String),
)  # fmt: skip
_speaker_variants = sa.table(
    "speaker_variants", sa.column("identity_id", sa.Integer), sa.column("field", sa.String),
    sa.column("value", sa.Text),
)  # fmt: skip
_entity_identities = sa.table(
    "entity_identities", sa.column("id", sa.Integer), sa.column("key", sa.Text),
    sa.column("name", sa.Text), sa.column("label", sa.String),
)  # fmt: skip


def _chunks(conn: sa.Connection, table: Any, columns: list[str]) -> Iterator[Sequence[Any]]:
    """Every row of ``table`` in id order, a chunk at a time."""
    after = 0
    cols = [table.c[c] for c in columns]
    while True:
        found = conn.execute(
            sa.select(*cols).where(table.c.id > after).order_by(table.c.id).limit(_CHUNK)
        ).all()
        if not found:
            return
        yield found
        after = found[-1].id


def _set_identities(conn: sa.Connection, table: Any, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        conn.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("row"))
            .values(identity_id=sa.bindparam("identity")),
            [{"row": r, "identity": i} for r, i in pairs],
        )


def _fill_speakers(conn: sa.Connection) -> None:
    """Every ``speakers`` row, oldest first, joins or starts an identity by the rule."""
    by_key: dict[str, list[tuple[int, set[str]]]] = {}
    columns = ["id", "name", "organisation", "kind", "titles"]
    for chunk in _chunks(conn, _speakers, columns):
        identities, variants, pairs = [], set(), []
        for row in chunk:
            key = _fold(row.name)
            orgs = {_organisation_key(row.organisation)} if row.organisation else set()
            candidates = by_key.setdefault(key, [])
            chosen = _choose(candidates, orgs)
            if chosen is None:
                chosen = row.id
                candidates.append((chosen, set()))
                identities.append({"id": chosen, "key": key, "name": row.name, "kind": row.kind})
            next(c for c in candidates if c[0] == chosen)[1].update(orgs)
            pairs.append((row.id, chosen))
            variants.add((chosen, "name", row.name))
            if row.organisation:
                variants.add((chosen, "organisation", row.organisation))
            titles = json.loads(row.titles or "[]")
            variants.update((chosen, "title", t) for t in titles if isinstance(t, str) and t)
        if identities:
            conn.execute(sa.insert(_speaker_identities), identities)
        _set_identities(conn, _speakers, pairs)
        _add_variants(conn, variants)


def _add_variants(conn: sa.Connection, variants: set[tuple[int, str, str]]) -> None:
    ids = sorted({i for i, _, _ in variants})
    if not ids:
        return
    known = {
        (int(i), str(f), str(v))
        for i, f, v in conn.execute(
            sa.select(
                _speaker_variants.c.identity_id,
                _speaker_variants.c.field,
                _speaker_variants.c.value,
            ).where(_speaker_variants.c.identity_id.in_(ids))
        )
    }
    new = sorted(variants - known)
    if new:
        conn.execute(
            sa.insert(_speaker_variants),
            [{"identity_id": i, "field": f, "value": v} for i, f, v in new],
        )


def _fill_entities(conn: sa.Connection) -> None:
    """Every ``entities`` row joins the identity of its canonical key (first row: its id)."""
    by_key: dict[str, int] = {}
    for chunk in _chunks(conn, _entities, ["id", "name", "label"]):
        identities, pairs = [], []
        for row in chunk:
            name, label = _canonical(row.name, row.label)
            key = f"{label}|{_spelling(name)}"
            if key not in by_key:
                by_key[key] = row.id
                identities.append({"id": row.id, "key": key, "name": name, "label": label})
            pairs.append((row.id, by_key[key]))
        if identities:
            conn.execute(sa.insert(_entity_identities), identities)
        _set_identities(conn, _entities, pairs)


# -- the rules as this revision applied them: a frozen copy of ``newsdesk.store._aliases``
# and ``_identity`` (a migration must do the same thing forever; those modules may change).
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_POSSESSIVE = ("'s", "’s", "'", "’")
_LIST: dict[tuple[str, str], tuple[str, ...]] = {
    ("United States", "GPE"): ("us", "usa", "united states", "united states of america"),
    ("United Kingdom", "GPE"): (
        "uk", "united kingdom", "united kingdom of great britain and northern ireland",
    ),
    ("United Nations", "ORG"): ("un", "united nations"),
    ("European Union", "ORG"): ("eu", "european union"),
    ("United Arab Emirates", "GPE"): ("uae", "united arab emirates"),
    ("Soviet Union", "GPE"): ("ussr", "soviet union", "union of soviet socialist republics"),
    ("NATO", "ORG"): ("nato", "north atlantic treaty organization",
                      "north atlantic treaty organisation"),
    ("North Korea", "GPE"): ("dprk", "north korea",
                             "democratic people's republic of korea"),
    ("South Korea", "GPE"): ("south korea", "republic of korea"),
    ("China", "GPE"): ("china", "prc", "people's republic of china"),
    ("Russia", "GPE"): ("russia", "russian federation"),
}  # fmt: skip
_ALIASES = {spelt: known for known, spellings in _LIST.items() for spelt in spellings}
_ALIAS_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "FAC"})


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _spelling(name: str) -> str:
    folded = _fold(name).removeprefix("the ")
    for tail in _POSSESSIVE:
        if folded.endswith(tail) and len(folded) > len(tail) + 1:
            folded = folded[: -len(tail)]
            break
    if _DOTTED.match(folded) or _DOTTED.match(folded + "."):
        folded = folded.replace(".", "")
    return folded.strip()


def _canonical(name: str, label: str) -> tuple[str, str]:
    if label in _ALIAS_LABELS:
        found = _ALIASES.get(_spelling(name))
        if found is not None:
            return found
    return name.strip(), label


def _organisation_key(name: str) -> str:
    found = _ALIASES.get(_spelling(name))
    return _spelling(found[0]) if found is not None else _spelling(name)


def _compatible(ours: set[str], theirs: set[str]) -> bool:
    for own in ours:
        for other in theirs:
            short, long = sorted((own.split(), other.split()), key=len)
            if short and long[: len(short)] == short:
                return True
    return False


def _choose(candidates: list[tuple[int, set[str]]], orgs: set[str]) -> int | None:
    if orgs:
        for found, theirs in candidates:
            if _compatible(orgs, theirs):
                return found
        if len(candidates) == 1 and not candidates[0][1]:
            return candidates[0][0]
        return None
    if len(candidates) == 1:
        return candidates[0][0]
    return next((found for found, theirs in candidates if not theirs), None)
