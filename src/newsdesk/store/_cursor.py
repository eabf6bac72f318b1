"""Cursors for keyset pagination: the sort key of a page's last row, as an opaque
URL-safe string, and the SQL condition that starts the next page right after it (a fixed
cost per page, however deep, where OFFSET reads every row before).

A cursor is checked before it reaches SQL: the right number of values, each of the right
type; anything else is a ``StoreError`` that says to start again from the first page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from newsdesk.errors import StoreError

Key = str | int | float | None
MAX_CURSOR = 2_000  # characters; a cursor holds a few short values


def encode(values: Sequence[Key]) -> str:
    raw = json.dumps(list(values), ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str, kinds: Sequence[type]) -> tuple[Key, ...]:
    """The values in ``cursor``, one per entry of ``kinds`` (``str`` values may be None;
    ``float`` accepts integers)."""
    bad = StoreError(
        f"cursor {cursor[:40]!r} is not one this store gave (start again from the first page)"
    )
    if len(cursor) > MAX_CURSOR:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise bad from exc
    if not isinstance(values, list) or len(values) != len(kinds):
        raise bad
    checked: list[Key] = []
    for value, kind in zip(values, kinds, strict=True):
        if kind is str and (value is None or isinstance(value, str)):
            checked.append(value)
        elif kind is int and isinstance(value, int) and not isinstance(value, bool):
            checked.append(value)
        elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            checked.append(float(value))
        else:
            raise bad
    return tuple(checked)


def after(keys: Sequence[tuple[str, bool]], values: Sequence[Key], params: dict[str, Any]) -> str:
    """SQL keeping the rows that sort after ``values`` under ``keys`` (each an expression
    and whether it sorts descending), with SQLite's order for NULL (before every value);
    the values go into ``params`` as ``k0``, ``k1``, ..."""
    ors = []
    for i, (expr, descending) in enumerate(keys):
        same = [_equal(keys[j][0], values[j], f"k{j}") for j in range(i)]
        beyond = _beyond(expr, descending, values[i], f"k{i}")
        if beyond is not None:
            ors.append("(" + " AND ".join([*same, beyond]) + ")")
    for i, value in enumerate(values):
        if value is not None:
            params[f"k{i}"] = value
    return "(" + (" OR ".join(ors) or "1 = 0") + ")"


def _equal(expr: str, value: Key, name: str) -> str:
    return f"{expr} IS NULL" if value is None else f"{expr} = :{name}"


def _beyond(expr: str, descending: bool, value: Key, name: str) -> str | None:
    if value is None:  # NULL is the smallest: nothing is below it, everything above
        return None if descending else f"{expr} IS NOT NULL"
    if descending:
        return f"({expr} < :{name} OR {expr} IS NULL)"
    return f"{expr} > :{name}"
