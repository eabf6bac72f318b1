"""Check quotes-fr-test: every quote part is the exact substring of its text at its offsets.

    python3 verify.py              # the records, fields and counts (standard library only)
    PYTHONPATH=src .venv/bin/python benchmarks/data/quotes-fr-test/verify.py --extract
                                   # also: each texts/PAGE.txt is still what newsdesk extracts

Exit status 1 when anything is wrong; each error names the record or page.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KINDS = {"direct", "indirect", "mixed"}
SPEAKER_KINDS = {"person", "org", "group", "anonymous"}
FIELDS = ("id", "page", "quote", "kind", "cue", "speaker", "speaker_kind", "title")
FIELDS_2 = ("organisation", "speaker_mention", "offsets")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def part_errors(r: dict[str, Any], text: str) -> list[str]:
    errs = []
    parts = r.get("quote_parts", [r["quote"]])
    if "quote_parts" in r and len(parts) < 2:
        errs.append("quote_parts with fewer than 2 parts")
    if " ... ".join(parts) != r["quote"]:
        errs.append("quote is not its parts joined by ' ... '")
    if len(r["offsets"]) != len(parts):
        errs.append("offsets and parts differ in number")
    prev = -1
    for part, (a, b) in zip(parts, r["offsets"], strict=False):
        if not part.strip():
            errs.append("empty part")
        if text[a:b] != part:
            errs.append(f"offsets [{a}, {b}) do not hold {part[:50]!r}")
        if a < prev:
            errs.append("parts out of order")
        prev = b
    return errs


def record_errors(r: dict[str, Any], text: str) -> list[str]:
    errs = [f"missing field {k}" for k in FIELDS + FIELDS_2 if k not in r]
    if errs:
        return errs
    errs += part_errors(r, text)
    if r["kind"] not in KINDS:
        errs.append(f"kind {r['kind']!r}")
    if r["speaker_kind"] not in SPEAKER_KINDS:
        errs.append(f"speaker_kind {r['speaker_kind']!r}")
    if (r["speaker"] is None) != (r["speaker_kind"] == "anonymous"):
        errs.append("speaker must be null exactly when speaker_kind is anonymous")
    for key in ("cue", "speaker_mention"):
        if r[key] is not None and r[key] not in text:
            errs.append(f"{key} {r[key]!r} is not in the text")
    if r.get("doubtful") not in (None, True):
        errs.append("doubtful must be absent or true")
    return errs


def page_errors(pages: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[str]:
    errs = []
    for p in pages:
        recs = [r for r in gold if r["page"] == p["page"]]
        doubtful = sum(1 for r in recs if r.get("doubtful"))
        counts = (len(recs), len(recs) - doubtful, doubtful)
        if counts != (p["n_quotes"], p["n_core"], p["n_doubtful"]):
            errs.append(f"pages.jsonl {p['page']}: counts {counts} in gold.jsonl")
        ids = [r["id"] for r in recs]
        if ids != [f"{p['page']}-{i:02d}" for i in range(1, len(recs) + 1)]:
            errs.append(f"{p['page']}: ids are not PAGE-01, PAGE-02, ... in order")
        starts = [r["offsets"][0][0] for r in recs]
        if starts != sorted(starts):
            errs.append(f"{p['page']}: records are not in text order")
    unknown = {r["page"] for r in gold} - {p["page"] for p in pages}
    errs += [f"gold.jsonl page {u} is not in pages.jsonl" for u in sorted(unknown)]
    return errs


def extraction_errors(pages: list[dict[str, Any]], texts: dict[str, str]) -> list[str]:
    """Re-extract each page with newsdesk (needs src on PYTHONPATH); no quote analysis runs."""
    from newsdesk.extract import extract
    from newsdesk.record import Page

    shared = HERE.parents[3] / "shared"  # the shared data next to the repository
    errs = []
    for p in pages:
        path = shared / p["html"]
        with gzip.open(path) as f:
            article = extract(Page(source=str(path), content=f.read(), url=p["url"]))
        if article.text != texts[p["page"]]:
            errs.append(f"{p['page']}: newsdesk now extracts a different text; offsets are stale")
    return errs


def main(argv: list[str]) -> int:
    pages = load_jsonl(HERE / "pages.jsonl")
    gold = load_jsonl(HERE / "gold.jsonl")
    texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted((HERE / "texts").glob("*.txt"))}
    errs = []
    if set(texts) != {p["page"] for p in pages}:
        errs.append("texts/ and pages.jsonl name different pages")
    for r in gold:
        text = texts.get(r.get("page", ""))
        if text is None:
            errs.append(f"{r.get('id')}: no text for page {r.get('page')!r}")
            continue
        errs += [f"{r['id']}: {e}" for e in record_errors(r, text)]
    errs += page_errors(pages, gold)
    if "--extract" in argv:
        errs += extraction_errors(pages, texts)
    for e in errs:
        print("ERROR", e)
    core = sum(1 for r in gold if not r.get("doubtful"))
    print(f"records {len(gold)} ({core} core), pages {len(pages)}, errors {len(errs)}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
