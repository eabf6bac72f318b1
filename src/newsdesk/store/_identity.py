"""Speakers and entities as identities across articles, not strings.

**Inside one article** the analyzer gives one speaker (and one entity) for every way the
article names a person: "Obama" in an article that says "Barack Obama" is Barack Obama
(``analyze._entities``: people share a surname key, one-word names take the fullest
form the article gives).

**Across articles** each ``speakers`` row (one per normalised full name and first
organisation) is given a speaker identity when it is first stored, and keeps it:

1. the same normalised full name and a compatible organisation -> the identity that has
   it (organisations compare by ``_aliases.organisation_key``, so "the U.N." is "United
   Nations", and one may start the other: "Whole Foods" / "Whole Foods Market");
2. a name with organisations whose only identity has none yet -> that one (it takes them);
3. a name without organisation -> the only identity of that name; when several people
   share it, the one known without organisation, else a new one (never a guess between
   two people);
4. otherwise (a new name, or organisations that conflict with every identity of the
   name: two John Smiths, of Acme and of Globex) -> a new identity.

A name is never joined to another name across articles: "Obama" alone, in an article
that never gives his first name, stays apart from "Barack Obama" (a surname alone never
merges across articles). Every name, title and organisation seen is kept
(``speaker_variants``).

**Entities**: rows (label + normalised name) whose canonical key (``_aliases.entity_key``)
is the same are one identity: "U.S.", "US" and "United States" are one country.

**Ids**: an identity's id is the id of its first row (``speakers.id`` or ``entities.id``),
given once and never reassigned, so it stays valid as more articles arrive; the id of any
row of an identity leads to it (``speaker_of``). Storing an article again adds no
identity: its rows exist already, with theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, bindparam, insert, select, update

from newsdesk.record import Article, Speaker
from newsdesk.store._aliases import canonical, entity_key, organisation_key
from newsdesk.store.schema import (
    entities,
    entity_identities,
    speaker_identities,
    speaker_variants,
    speakers,
)

NAME, TITLE, ORGANISATION = "name", "title", "organisation"


def fold(name: str) -> str:
    """A speaker's normalised full name: case folded, spaces collapsed."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A speaker identity with a given name, and its organisations (``organisation_key``)."""

    id: int
    organisations: frozenset[str]


def compatible(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Two sets of organisation keys share one, or one starts the other by whole words."""
    mine = [k.split() for k in ours]
    for other in theirs:
        words = other.split()
        for own in mine:
            short, long = sorted((own, words), key=len)
            if short and long[: len(short)] == short:
                return True
    return False


def choose_speaker(candidates: Sequence[Candidate], organisations: Iterable[str]) -> int | None:
    """The identity (among those of the name, oldest first) a new row joins by the rule
    of this module; None for a new identity."""
    orgs = {organisation_key(o) for o in organisations if o.strip()}
    if orgs:
        for found in candidates:
            if compatible(orgs, found.organisations):
                return found.id
        if len(candidates) == 1 and not candidates[0].organisations:
            return candidates[0].id
        return None
    if len(candidates) == 1:
        return candidates[0].id
    return next((c.id for c in candidates if not c.organisations), None)


# Built once: SQLAlchemy then reuses their compiled form (the write path runs per page).
# the identities of one name, oldest first, with their organisations (one row each)
_CANDIDATES = (
    select(speaker_identities.c.id, speaker_variants.c.value)
    .outerjoin(
        speaker_variants,
        and_(
            speaker_variants.c.identity_id == speaker_identities.c.id,
            speaker_variants.c.field == ORGANISATION,
        ),
    )
    .where(speaker_identities.c.key == bindparam("key"))
    .order_by(speaker_identities.c.id)
)
_NEW_SPEAKER = insert(speaker_identities)
_SET_SPEAKER = (
    update(speakers).where(speakers.c.id == bindparam("row")).values(identity_id=bindparam("to"))
)
_ENTITY_BY_KEY = select(entity_identities.c.id).where(entity_identities.c.key == bindparam("key"))
_NEW_ENTITY = insert(entity_identities)
_SET_ENTITY = (
    update(entities).where(entities.c.id == bindparam("row")).values(identity_id=bindparam("to"))
)
_KNOWN_VARIANTS = select(
    speaker_variants.c.identity_id, speaker_variants.c.field, speaker_variants.c.value
).where(speaker_variants.c.identity_id.in_(bindparam("ids", expanding=True)))
_NEW_VARIANTS = insert(speaker_variants)


def _candidates(conn: Connection, key: str) -> list[Candidate]:
    orgs: dict[int, set[str]] = {}
    for identity_id, value in conn.execute(_CANDIDATES, {"key": key}):
        found = orgs.setdefault(int(identity_id), set())
        if value is not None:
            found.add(organisation_key(value))
    return [Candidate(i, frozenset(found)) for i, found in orgs.items()]


def assign_speaker(conn: Connection, row_id: int, speaker: Speaker) -> int:
    """Give the new ``speakers`` row ``row_id`` (``speaker``'s name) its identity."""
    name = speaker.name or ""
    key = fold(name)
    chosen = choose_speaker(_candidates(conn, key), speaker.organisations)
    if chosen is None:
        chosen = row_id
        conn.execute(_NEW_SPEAKER, {"id": row_id, "key": key, "name": name, "kind": speaker.kind})
    conn.execute(_SET_SPEAKER, {"row": row_id, "to": chosen})
    return chosen


def assign_entity(conn: Connection, row_id: int, name: str, label: str) -> int:
    """Give the new ``entities`` row ``row_id`` the identity of its canonical key."""
    key = entity_key(name, label)
    found = conn.execute(_ENTITY_BY_KEY, {"key": key}).scalar()
    if found is None:
        found = row_id
        known_as, known_label = canonical(name, label)
        conn.execute(_NEW_ENTITY, {"id": row_id, "key": key, "name": known_as,
                                   "label": known_label})  # fmt: skip
    conn.execute(_SET_ENTITY, {"row": row_id, "to": found})
    return int(found)


def speaker_variants_of(article: Article, speaker: Speaker) -> set[tuple[str, str]]:
    """(field, value) pairs ``speaker`` shows in ``article``: its name, the shorter names
    the article calls it by ("Obama"), its titles and organisations."""
    name = speaker.name or ""
    words = set(name.split())
    found = {(NAME, name)}
    for start, end in speaker.mentions:
        written = " ".join(article.text[start:end].split())
        shorter = written.split() and set(written.split()) < words  # "Obama", not "he"
        if written[:1].isupper() and shorter and fold(written) != fold(name):
            found.add((NAME, written))
    found.update((TITLE, t) for t in speaker.titles if t.strip())
    found.update((ORGANISATION, o) for o in speaker.organisations if o.strip())
    return found


def record_variants(conn: Connection, seen: dict[int, set[tuple[str, str]]]) -> None:
    """Add the (field, value) pairs of each identity in ``seen`` it does not have yet."""
    if not seen:
        return
    known = {(int(i), f, v) for i, f, v in conn.execute(_KNOWN_VARIANTS, {"ids": list(seen)})}
    rows = [
        {"identity_id": i, "field": f, "value": v}
        for i, pairs in seen.items()
        for f, v in sorted(pairs)
        if (i, f, v) not in known
    ]
    if rows:
        conn.execute(_NEW_VARIANTS, rows)
