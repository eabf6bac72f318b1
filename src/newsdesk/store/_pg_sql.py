"""The store's SQL, written once in the SQLite dialect, made PostgreSQL's: a pure text
rewrite applied to every statement sent to a PostgreSQL store (``postgres.engine``).

What differs, and what becomes of it:

- ``LIKE`` ignores ASCII case on SQLite, not on PostgreSQL: ``ILIKE`` (the patterns are
  already case-folded);
- ``ORDER BY``: SQLite sorts NULL first ascending and last descending, PostgreSQL the
  other way round: each key gets SQLite's ``NULLS FIRST``/``NULLS LAST`` (the cursors of
  ``_cursor`` rely on that order);
- ``INDEXED BY`` (a SQLite planner hint) is dropped, and ``CROSS JOIN t ON`` (SQLite's
  way to fix the join order) is a plain ``JOIN``;
- ``json_group_array(x)`` is ``json_agg(x)`` read back as text;
- ``fold``, ``url_host``, ``instr`` and ``json_each(text)`` are SQL functions created by
  the migrations on PostgreSQL (``postgres.FUNCTIONS``).
"""

from __future__ import annotations

import re

_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")
_LIKE = re.compile(r"(?<=\s)LIKE(?=\s)")
_CROSS_ON = re.compile(r"\bCROSS JOIN (\w+(?: \w+)?) ON\b")
_GROUP_ARRAY = re.compile(r"json_group_array\(([^()]*)\)")
_ORDER_BY = re.compile(r"\bORDER BY\s+")
_END_WORDS = re.compile(r"\s+(LIMIT|OFFSET|FOR)\b")


def to_postgresql(sql: str) -> str:
    """``sql`` (the store's SQLite dialect, parameters already in ``%(name)s`` form) in
    PostgreSQL's; statements without any of the differences come back unchanged."""
    sql = _INDEXED_BY.sub("", sql)
    sql = _LIKE.sub("ILIKE", sql)
    sql = _CROSS_ON.sub(r"JOIN \1 ON", sql)
    sql = _GROUP_ARRAY.sub(r"CAST(json_agg(\1) AS TEXT)", sql)
    return _nulls_like_sqlite(sql)


def _nulls_like_sqlite(sql: str) -> str:
    out: list[str] = []
    at = 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < at:
            continue
        out.append(sql[at : match.end()])
        end = _clause_end(sql, match.end())
        out.append(", ".join(_with_nulls(key) for key in _split_keys(sql[match.end() : end])))
        at = end
    out.append(sql[at:])
    return "".join(out)


def _clause_end(sql: str, start: int) -> int:
    """Where the ORDER BY clause starting at ``start`` ends: a closing parenthesis of an
    enclosing expression, ``LIMIT``/``OFFSET``/``FOR`` at its depth, or the end."""
    depth = 0
    i = start
    while i < len(sql):
        char = sql[i]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i
            depth -= 1
        elif char == "'":
            i = sql.index("'", i + 1)
        elif depth == 0 and _END_WORDS.match(sql, i):
            return i
        i += 1
    return len(sql)


def _split_keys(clause: str) -> list[str]:
    keys: list[str] = []
    current: list[str] = []
    depth = 0
    for char in clause:
        if char == "," and depth == 0:
            keys.append("".join(current).strip())
            current = []
            continue
        depth += (char == "(") - (char == ")")
        current.append(char)
    keys.append("".join(current).strip())
    return [k for k in keys if k]


def _with_nulls(key: str) -> str:
    upper = key.upper()
    if "NULLS " in upper:
        return key
    if upper.endswith(" DESC"):
        return key + " NULLS LAST"
    return key + " NULLS FIRST"
