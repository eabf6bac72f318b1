"""The `newsdesk quotes` table (cli.store.echo_rows): long cells wrap onto several lines
instead of being cut silently, and a cell too long even for that ends in "…"."""

from __future__ import annotations

import pytest

from newsdesk.cli.store import echo_rows

QUOTE = (
    "These rioters, they are also criminals. They have to face the consequences of their "
    "acts. Other than coming out to surrender, I don't see any viable option for them."
)


def test_a_long_quote_wraps_and_keeps_every_word(capsys: pytest.CaptureFixture[str]) -> None:
    echo_rows([{"speaker": "Cheuk Hau-yip", "quote": QUOTE}], ["speaker", "quote"], "table")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 3  # the header, then the row over three lines
    assert all(len(line.rstrip()) <= len("Cheuk Hau-yip") + 2 + 60 for line in lines)
    assert lines[1].startswith("Cheuk Hau-yip  These rioters")
    assert lines[2].startswith(" " * len("Cheuk Hau-yip  ")) and "…" not in "".join(lines)
    wrapped = " ".join(line[len("Cheuk Hau-yip  ") :].strip() for line in lines[1:])
    assert wrapped == QUOTE


def test_a_cell_too_long_to_wrap_is_marked_cut(capsys: pytest.CaptureFixture[str]) -> None:
    echo_rows([{"quote": QUOTE * 3}], ["quote"], "table")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 4
    assert lines[-1].rstrip().endswith("…") and len(lines[-1].rstrip()) <= 60


def test_short_cells_stay_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    echo_rows([{"id": 1, "name": "Ann"}, {"id": 22, "name": None}], ["id", "name"], "table")
    assert capsys.readouterr().out.splitlines() == ["id  name", "1   Ann ", "22      "]
