"""Running a search in steps whose cost does not grow with the store.

FTS5's ``bm25()`` weighs each phrase of its MATCH by an IDF that it recounts, on every
query, by reading the phrase's whole posting list: for a word in most articles of a
million that alone is about 100 ms, for a phrase of two common words several hundred,
and every filter term in the MATCH is counted too. So:

1. the window: the newest ``SEARCH_WINDOW`` articles matching the words and every filter
   term, without ``bm25()`` (the index walks them newest first and stops); only the
   newest ``limit`` when no phrase is affordable (step 2 would keep that order);
2. the ranking: ``bm25()`` over the window's rowid range with a MATCH of only the pieces
   that are cheap to count (estimated from the newest ``SAMPLE`` articles): the user's
   rarest phrases while counting them reads at most ``RANK_BUDGET`` postings, the
   narrowest filters when the walk would be long (they weigh 0 and only bound it). A phrase held
   by more articles (its IDF is small: under 3 when it is in over 5% of a million)
   then only filters; when no phrase is left to weigh, or the walk would be too long,
   the window keeps its newest-first order;
3. snippets for the ``limit`` best articles alone (one walk over their rowid range when
   they are close, else a lookup each).

On a small store (every phrase held by fewer than ``RANK_BUDGET`` articles) that is
plain BM25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from newsdesk.store.search_sql import SEARCH_WINDOW, TEXT_COLUMNS, SearchParts

SAMPLE = 4_000  # newest articles read to estimate how many hold a piece
RANK_BUDGET = 50_000  # postings bm25() may read to count the phrases it weighs
PHRASE_COST = 10  # a phrase of several words costs this much per article with all of them
PREFIX_COST = 4  # a prefix reads the posting lists of every word it stands for
WALK_LIMIT = 3_000  # articles bm25() may walk through to score the window

_PHRASE = re.compile(r':\s*\("([^"]*)"\)\*?$')
_WORD = re.compile(r"\w+")
_LAST = "SELECT coalesce(max(id), 0) FROM articles_fts_docsize"
_SAMPLED = "SELECT count(*) FROM articles_fts_docsize WHERE id > :since"
_COUNT = (
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q AND articles_fts.rowid > :since"
)
_ROWS = (
    "SELECT a.id, a.title, a.site, a.url, a.published, a.language, "
    "(SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS copies, "
    "snippet(articles_fts, -1, :open, :close, ' … ', 16) AS snippet "
    "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :words AND "
)
# Close ids: one walk over their rowid range ("+": a test on each row there). Ids far
# apart (a filtered search's best are often spread over the whole store): one lookup per
# id, a fixed cost each, where a walk would read every article between them.
_ROWS_NEAR = (
    _ROWS + "articles_fts.rowid BETWEEN :low AND :high "
    "AND +articles_fts.rowid IN (SELECT value FROM json_each(:ids))"
)
_ROWS_EACH = _ROWS + "articles_fts.rowid IN (SELECT value FROM json_each(:ids))"
NEAR_SPAN = 2_000  # rowids one walk may cover for the snippets (100 per id when more)


@dataclass(frozen=True, slots=True)
class Sample:
    """The newest ``size`` articles (rowid above ``since``) of ``total`` indexed, and the
    estimates made from them in one search."""

    since: int
    size: int
    total: int
    found: dict[str, float] = field(default_factory=dict)


def newest_window(
    conn: Connection, parts: SearchParts, window: int = SEARCH_WINDOW, below: int | None = None
) -> list[int]:
    """Rowids of the newest ``window`` articles matching every piece (below rowid
    ``below`` when given), newest first."""
    conds = [*parts.conds, "articles_fts.rowid < :below"] if below is not None else parts.conds
    sql = (
        "SELECT articles_fts.rowid FROM articles_fts WHERE articles_fts MATCH :q"
        + "".join(" AND " + c for c in conds)
        + " ORDER BY articles_fts.rowid DESC LIMIT :window"
    )
    params = {**parts.params, "q": parts.match(), "window": window, "below": below}
    return list(conn.execute(text(sql), params).scalars())


def sample(conn: Connection) -> Sample:
    last = int(conn.execute(text(_LAST)).scalar() or 0)
    since = max(0, last - SAMPLE)
    size = int(conn.execute(text(_SAMPLED), {"since": since}).scalar() or 0)
    # the newest rows are dense; older ones may be fewer (superseded, deleted)
    total = max(size, last)
    return Sample(since, size, total)


def held_by(conn: Connection, piece: str, where: Sample) -> float:
    """Estimated number of articles matching ``piece`` in the whole index."""
    if where.size == 0:
        return 0.0
    if piece not in where.found:
        found = conn.execute(text(_COUNT), {"q": piece, "since": where.since}).scalar()
        where.found[piece] = int(found or 0) * where.total / where.size
    return where.found[piece]


def counting_cost(conn: Connection, piece: str, where: Sample) -> float:
    """What counting ``piece`` for bm25() costs, in articles read: a phrase of several
    words reads every article holding all of its words, several times over; a prefix
    reads every word it stands for."""
    phrase = _PHRASE.search(piece)
    words = _WORD.findall(phrase.group(1)) if phrase else []
    factor = PREFIX_COST if piece.endswith("*)") or piece.endswith('"*') else 1
    if len(words) < 2:
        return held_by(conn, piece, where) * factor
    loose = " AND ".join(f'"{w}"' for w in words)
    return held_by(conn, f"{TEXT_COLUMNS} : ({loose})", where) * PHRASE_COST * factor


def affordable_words(conn: Connection, parts: SearchParts, where: Sample) -> list[str]:
    """The user's phrases bm25() can afford to count, rarest first: while counting them
    reads at most ``RANK_BUDGET`` postings in all."""
    words: list[str] = []
    spent = 0.0
    for cost, word in sorted((counting_cost(conn, w, where), w) for w in parts.words):
        if spent + cost > RANK_BUDGET:
            break
        words.append(word)
        spent += cost
    return words


def rank_pieces(
    conn: Connection, parts: SearchParts, span: int, where: Sample, words: list[str]
) -> list[str]:
    """The pieces bm25() weighs: the affordable ``words`` and, when the walk over the
    window's ``span`` of rowids would be long, the narrowest filters (weight 0: they only
    shorten it). Empty when no phrase is affordable or the walk stays too long."""
    if not words or span <= WALK_LIMIT:
        return words
    share = 1.0 / max(where.total, 1)
    walk = float(span)
    for word in words:
        walk *= held_by(conn, word, where) * share
    chosen = list(words)
    narrow = sorted((held_by(conn, g, where), g) for g in parts.filters)
    for held, group in narrow:
        if walk <= WALK_LIMIT or held > RANK_BUDGET:
            break
        chosen.append(group)
        walk *= held * share
    return chosen if walk <= WALK_LIMIT else []


def scores(
    conn: Connection, parts: SearchParts, window: list[int], where: Sample, words: list[str]
) -> dict[int, float]:
    """bm25() (title 5, body 1, quotes 2) of the window's articles over the affordable
    pieces; empty when none is."""
    low, high = min(window), max(window)
    pieces = rank_pieces(conn, parts, high - low + 1, where, words)
    if not pieces:
        return {}
    sql = (
        "SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 1.0, 2.0, 0.0) "
        "FROM articles_fts WHERE articles_fts MATCH :q "
        "AND articles_fts.rowid BETWEEN :low AND :high"
    )
    params = {"q": parts.match(pieces), "low": low, "high": high}
    wanted = set(window)
    return {i: s for i, s in conn.execute(text(sql), params) if i in wanted}


def far_apart(ids: list[int]) -> bool:
    """Whether snippets for ``ids`` are cheaper one lookup each than in one walk over
    their rowid range (over ``NEAR_SPAN`` rowids, and over 100 per id)."""
    return max(ids) - min(ids) > max(NEAR_SPAN, 100 * len(ids))


def run_search(
    conn: Connection,
    parts: SearchParts,
    limit: int | None,
    marks: tuple[str, str],
    after: tuple[float, int] | None = None,
) -> list[dict[str, Any]]:
    """The best ``limit`` articles of the window, best first, with snippets; ``after``:
    only those ranked after this ``(score, id)`` (the last of the page before)."""
    where = sample(conn)
    words = affordable_words(conn, parts, where)
    if not words and limit is not None:
        # nothing to weigh: the window would keep its newest-first order, so only its
        # first ``limit`` articles are needed (a walk over 2,000 matches saved)
        below = after[1] if after is not None else None
        window = newest_window(conn, parts, min(limit, SEARCH_WINDOW), below)
        score: dict[int, float] = {}
    else:
        window = newest_window(conn, parts)
        score = scores(conn, parts, window, where, words) if window else {}
    ranked = sorted(window, key=lambda i: (score.get(i, 0.0), -i))
    if after is not None:
        ranked = [i for i in ranked if (score.get(i, 0.0), -i) > (after[0], -after[1])]
    best = ranked[:limit]
    if not best:
        return []
    return [
        {**row, "score": score.get(row["id"], 0.0)} for row in snippets(conn, parts, best, marks)
    ]


def snippets(
    conn: Connection, parts: SearchParts, best: list[int], marks: tuple[str, str]
) -> list[dict[str, Any]]:
    """The rows of ``best`` with their snippets, in that order."""
    params = {
        "words": parts.match(parts.words),
        "ids": "[" + ",".join(map(str, best)) + "]",
        "low": min(best),
        "high": max(best),
        "open": marks[0],
        "close": marks[1],
    }
    # a prefix (word*) is expanded anew on every lookup: walk for those
    prefix = any(piece.rstrip(")").endswith("*") for piece in parts.words)
    sql = _ROWS_EACH if far_apart(best) and not prefix else _ROWS_NEAR
    rows = {row.id: dict(row._mapping) for row in conn.execute(text(sql), params)}
    return [rows[i] for i in best if i in rows]
