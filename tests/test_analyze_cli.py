"""``newsdesk analyze`` end to end, in a subprocess like a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES


def newsdesk(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], capture_output=True, timeout=300
    )


def test_plain_offsets_point_into_the_file(tmp_path: Path) -> None:
    # single newlines between paragraphs and a CRLF: the text must stay byte-for-byte
    text = 'Anna Berg spoke in Oslo.\n"We are ready," she said.\r\nThe vote is on Monday.\n'
    path = tmp_path / "plain.txt"
    path.write_bytes(text.encode("utf-8"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = newsdesk("analyze", "--plain", str(path), str(empty), "--format", "jsonl")
    assert result.returncode == 1  # the empty input failed, the other went on
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    good = next(r for r in rows if r["source"] == str(path))
    assert good["text"] == text
    (quote,) = good["quotes"]
    ((start, end),) = quote["parts"]
    assert text[start:end] == "We are ready,"
    assert quote["speaker"]["name"] == "Anna Berg"
    assert text[slice(*quote["speaker"]["mention"])] == "she"
    bad = next(r for r in rows if r["source"] == str(empty))
    assert "empty" in bad["error"]
    assert "1 analyzed, 1 failed" in result.stderr.decode()


def test_plain_json_fixture() -> None:
    path = FIXTURES / "analyze" / "two_speakers.txt"
    result = newsdesk("analyze", "--plain", str(path))
    assert result.returncode == 0, result.stderr.decode()
    (row,) = json.loads(result.stdout)
    assert [q["speaker"]["name"] for q in row["quotes"]] == ["Tom Reyes", "Anna Berg"]
    assert {s["id"] for s in row["speakers"]} == {q["speaker"]["id"] for q in row["quotes"]}
    assert {"Anna Berg", "Tom Reyes", "Oslo"} <= {e["name"] for e in row["entities"]}


def test_html_page_goes_through_extraction(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harbour</title></head><body><article>"
        "<h1>Harbour to reopen</h1>"
        "<p>The harbour in Bergen will reopen next week after months of repairs, "
        "the city council announced on Tuesday in a statement to the press.</p>"
        "<p>Mayor Maria Lopez said that the repairs had cost more than planned "
        "but were finished on time for the summer season.</p>"
        "<p>\u201cWe are ready for the ships,\u201d Lopez said on Tuesday evening.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = newsdesk("analyze", str(page), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    row = json.loads(result.stdout.decode().splitlines()[0])
    text = row["text"]
    quotes = {text[q["parts"][0][0] : q["parts"][-1][1]]: q for q in row["quotes"]}
    direct = quotes["We are ready for the ships,"]
    assert direct["speaker"]["name"] == "Maria Lopez"
    lopez = next(s for s in row["speakers"] if s["name"] == "Maria Lopez")
    assert "Mayor" in lopez["titles"]


def test_extract_stays_nlp_free() -> None:
    code = (
        "import sys, newsdesk.cli, newsdesk.pipeline, newsdesk.extract;"
        "print(any(m == 'spacy' or m.startswith(('spacy.', 'newsdesk.analyze')) "
        "for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.stdout.decode().strip() == "False", result.stderr.decode()
