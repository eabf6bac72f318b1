"""Hostile inputs for the analyze stage: empty, huge, unpunctuated, unbalanced marks; and a
proof that it runs with the network unreachable."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from newsdesk.analyze import analyze, analyze_text
from newsdesk.analyze._nlp import chunk_bounds, load_pipeline
from newsdesk.errors import ConfigError
from newsdesk.record import Article, Block
from newsdesk.settings import Settings

SETTINGS = Settings()


def run(text: str) -> Article:
    return analyze(Article("bad", "0", blocks=[Block("paragraph", text)]), SETTINGS)


def test_empty_and_blank_text() -> None:
    for text in ("", "   \n\n  \t"):
        a = run(text)
        assert a.quotes == [] and a.speakers == [] and a.entities == []
    assert analyze(Article("none", "0"), SETTINGS).quotes == []


def test_text_without_sentence_punctuation() -> None:
    text = " ".join(["the mayor said the bridge would open soon"] * 300)
    a = run(text)
    for quote in a.quotes:
        for s, e in quote.parts:
            assert 0 <= s < e <= len(text)
    assert any(q.cue and q.cue.text == "said" for q in a.quotes)


def test_only_quote_marks_and_unbalanced_marks() -> None:
    text = '"\n\n“““ ” ” «\n\n„ \' \' \'\n\n"He said it was all over" "and then'
    a = run(text)
    assert all(0 <= s < e <= len(text) for q in a.quotes for s, e in q.parts)
    assert [text[slice(*q.parts[0])] for q in a.quotes] == ["He said it was all over"]


def test_chunks_cover_the_text_exactly() -> None:
    text = ("word " * 9000) + "\n\n" + ("x" * 50_000) + "\n\nThe end."
    bounds = chunk_bounds(text, limit=20_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(e - s <= 20_000 for s, e in bounds)


@pytest.mark.slow
def test_two_megabytes_in_one_paragraph() -> None:
    sentence = 'Maria Lopez said that the harbour will reopen. "We are ready," she said. '
    text = sentence * (2_000_000 // len(sentence))
    assert len(text) > 1_900_000 and "\n" not in text
    started = time.perf_counter()
    quotes, _speakers, _entities = analyze_text(text, SETTINGS)  # all of it: no budget here
    assert len(quotes) > 10_000
    assert time.perf_counter() - started < 900
    last = quotes[-1]
    assert last.parts[-1][1] <= len(text)
    assert text[slice(*last.parts[0])] == "We are ready,"


def test_unknown_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no_such_model_xyz"):
        load_pipeline("no_such_model_xyz")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_runs_with_the_network_unreachable() -> None:
    """In a fresh network namespace (no interfaces up), connecting anywhere fails; the
    analyze stage must still load its model and work."""
    script = textwrap.dedent(
        """
        import socket
        try:
            socket.create_connection(("151.101.0.223", 443), timeout=3)
            raise SystemExit("network reachable: the test proves nothing")
        except OSError:
            pass
        from newsdesk.analyze import analyze, analyze_text
        from newsdesk.record import Article, Block
        from newsdesk.settings import Settings
        a = analyze(Article("x", "0", blocks=[Block("paragraph",
            '"We are ready," said Anna Berg, the mayor of Oslo.')]), Settings())
        assert a.quotes[0].speaker.name == "Anna Berg", a.quotes
        print("ok")
        """
    )
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
        flags = "-rn"
    else:
        flags = "-n"
    if probe.returncode != 0:
        pytest.skip(f"unshare is not permitted here: {probe.stderr.decode().strip()}")
    result = subprocess.run(
        ["unshare", flags, sys.executable, "-c", script], capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "ok"
