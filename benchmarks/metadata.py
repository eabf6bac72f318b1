"""Metadata benchmark on the WCXB article pages: title, authors and published date.

    .venv/bin/python benchmarks/metadata.py [--limit N] [--peers a,b,c] [--json OUT]

Each tool runs once over the article pages (``metadata.json`` page type "article") in its
own subprocess with the network disabled; the parent compares its answers with the ground
truth's ``title``, ``author`` and ``publish_date``. The match rules are the functions below
(``same_title_strict``, ``same_title``, ``author_names``, ``same_authors``,
``authors_overlap``, ``same_date``); benchmarks/README.md explains each column.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _common import (
    WCXB,
    BenchmarkError,
    forbid_network,
    format_table,
    parse_names,
    problem_lines,
    ratio,
    read_gzip,
    read_json,
    run_main,
    run_workers,
    timed_passes,
    tool_arguments,
    worker_arguments,
    write_json,
)

if TYPE_CHECKING:
    from newsdesk import Article

# What a tool answers for one page: {"title": str | None, "authors": [str], "date": str | None}
Answer = dict[str, Any]
Item = tuple[str, Any, str]  # (page id, page bytes or text, the page's URL)
Pairs = Sequence[tuple[Answer, dict[str, Any]]]  # (a tool's answer, the truth) per page

_SPACES = re.compile(r"\s+")
# Typographic variants folded to ASCII: curly quotes, primes and dashes.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                             "„": '"', "″": '"', "–": "-", "—": "-", "‐": "-", "‑": "-",
                             "−": "-"})  # fmt: skip
_NAME_SEPARATORS = re.compile(r"\s*(?:[,;|/&]|\band\b)\s*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w\s]")
_BYLINE = re.compile(r"^by\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def fold(text: str | None) -> str:
    """NFKC, casefold, curly quotes and dashes made ASCII, whitespace runs one space, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip()


def fold_case_spaces(text: str | None) -> str:
    """Only what the issue folds for "title exact": case and runs of whitespace."""
    return _SPACES.sub(" ", (text or "").casefold()).strip()


def same_title_strict(predicted: str | None, truth: str | None) -> bool:
    """The issue's "title exact (case and spaces folded)": nothing else is forgiven."""
    return bool(fold_case_spaces(truth)) and fold_case_spaces(predicted) == fold_case_spaces(truth)


def same_title(predicted: str | None, truth: str | None) -> bool:
    """Also forgives typography: the ground truth writes ' for the page's ’ on many pages."""
    return bool(fold(truth)) and fold(predicted) == fold(truth)


def title_contains(predicted: str | None, truth: str | None) -> bool:
    """The folded truth appears inside the folded prediction (e.g. with a "| Site" suffix)."""
    return bool(fold(truth)) and fold(truth) in fold(predicted)


def author_names(value: str | Iterable[str] | None) -> frozenset[str]:
    """Folded names: split on , ; | / & "and"; a leading "By" and punctuation dropped."""
    if not value:
        return frozenset()
    parts = [value] if isinstance(value, str) else list(value)
    names = set()
    for part in parts:
        for name in _NAME_SEPARATORS.split(part or ""):
            folded = fold(_NOT_WORD.sub(" ", _BYLINE.sub("", fold(name))))
            if folded:
                names.add(folded)
    return frozenset(names)


def same_authors(predicted: Iterable[str], truth: str | None) -> bool:
    """The same set of folded names (order and separators ignored)."""
    truth_names = author_names(truth)
    return bool(truth_names) and author_names(predicted) == truth_names


def authors_overlap(predicted: Iterable[str], truth: str | None) -> bool:
    """Some predicted name and some true name where the words of one include the other's."""
    for guess in author_names(predicted):
        for name in author_names(truth):
            guess_words, name_words = set(guess.split()), set(name.split())
            if guess_words <= name_words or name_words <= guess_words:
                return True
    return False


def same_date(predicted: str | None, truth: str | None) -> bool:
    """The same day (ISO prefix); a truth given only to the month needs only the month.

    The prefix is the day in the prediction's own offset. The ground truth has no time or
    offset and follows the page's local day: on the 12 WCXB pages where a published time's
    local and UTC days differ, 11 truths give the local day (measured 2026-11)."""
    want, got = _ISO_DATE.match(truth or ""), _ISO_DATE.match((predicted or "").strip())
    if not want or not got:
        return False
    if want.group(3) is None:
        return got.group(1, 2) == want.group(1, 2)
    return got.group(1, 2, 3) == want.group(1, 2, 3)


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    fields: tuple[str, ...]  # which of "title", "author", "date" it answers
    input_kind: str  # "bytes" or "str" (UTF-8 decoded)
    load: Callable[[], Callable[[Item], Answer]]


def newsdesk_answer(article: Article) -> Answer:
    """newsdesk's answer for one page, from its extracted ``Article``."""
    return {
        "title": article.title,
        "authors": article.authors,
        "date": article.published,
        "modified": article.modified,
    }


def _load_newsdesk() -> Callable[[Item], Answer]:
    from newsdesk import Page, extract

    def run(item: Item) -> Answer:
        source, content, url = item
        return newsdesk_answer(extract(Page(source=source, content=content, url=url)))

    return run


def _load_trafilatura() -> Callable[[Item], Answer]:
    from trafilatura.metadata import extract_metadata

    def run(item: Item) -> Answer:
        _source, html, url = item
        meta = extract_metadata(html, default_url=url)
        authors = [meta.author] if meta.author else []  # one string, names joined by "; "
        return {"title": meta.title, "authors": authors, "date": meta.date}

    return run


def _load_htmldate() -> Callable[[Item], Answer]:
    from htmldate import find_date

    def run(item: Item) -> Answer:
        _source, html, url = item
        return {"title": None, "authors": [], "date": find_date(html, original_date=True, url=url)}

    return run


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in [
        Tool("newsdesk", ("title", "author", "date"), "bytes", _load_newsdesk),
        Tool("trafilatura", ("title", "author", "date"), "str", _load_trafilatura),
        Tool("htmldate", ("date",), "str", _load_htmldate),
    ]
}
EMPTY: Answer = {"title": None, "authors": [], "date": None}


def load_truth(limit: int | None) -> list[tuple[str, dict[str, Any]]]:
    """(id, ground truth with its "url") of the article pages, sorted by id, first ``limit``."""
    files = read_json(WCXB / "metadata.json").get("files", {})
    ids = sorted(i for i, meta in files.items() if meta.get("page_type") == "article")
    rows = []
    for page_id in ids[:limit] if limit else ids:
        record = read_json(WCXB / "ground-truth" / f"{page_id}.json")
        rows.append((page_id, {**record.get("ground_truth", {}), "url": record.get("url") or ""}))
    return rows


def worker(name: str, limit: int | None, out: Path) -> None:
    forbid_network()
    tool = TOOLS[name]
    items: list[Item] = []
    for page_id, truth in load_truth(limit):
        raw = read_gzip(WCXB / "html" / f"{page_id}.html.gz")
        content = raw if tool.input_kind == "bytes" else raw.decode("utf-8", errors="replace")
        items.append((page_id, content, truth["url"]))
    result = timed_passes(tool.load(), items, passes=1, empty=EMPTY)
    write_json(out, result.as_json(name, [page_id for page_id, _content, _url in items]))


def _share(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def _truth_is_modified(pairs: Pairs) -> float | None:
    """Pages whose true date is the tool's own *modified* date and not its published one:
    the ground truth took an "Updated ..." date, which newsdesk never reports as published.
    None for a tool that gives no modified date."""
    if not any("modified" in a for a, _ in pairs):
        return None
    return _share(
        [
            same_date(a.get("modified"), t["publish_date"])
            and not same_date(a["date"], t["publish_date"])
            for a, t in pairs
        ]
    )


def score(answers: Sequence[Answer], truths: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every metric of one tool, each a share in [0, 1] (None when no page qualifies)."""
    pairs = list(zip(answers, truths, strict=True))
    with_author = [(a, t) for a, t in pairs if author_names(t.get("author"))]
    without_author = [(a, t) for a, t in pairs if not author_names(t.get("author"))]
    with_date = [(a, t) for a, t in pairs if t.get("publish_date")]
    without_date = [(a, t) for a, t in pairs if not t.get("publish_date")]
    return {
        **_title_scores(pairs),
        **_author_scores(pairs, with_author, without_author),
        **_date_scores(pairs, with_date, without_date),
        "pages_with_author": len(with_author),
        "pages_without_author": len(without_author),
        "pages_with_date": len(with_date),
        "pages_without_date": len(without_date),
    }


def _title_scores(pairs: Pairs) -> dict[str, float | None]:
    return {
        "title_coverage": _share([bool(fold(a["title"])) for a, _ in pairs]),
        "title_exact": _share([same_title_strict(a["title"], t.get("title")) for a, t in pairs]),
        "title_typography": _share([same_title(a["title"], t.get("title")) for a, t in pairs]),
        "title_contains": _share([title_contains(a["title"], t.get("title")) for a, t in pairs]),
    }


def _author_scores(pairs: Pairs, with_author: Pairs, without_author: Pairs) -> dict[str, Any]:
    """Exact and overlap over the pages whose truth names an author; spurious over the rest."""
    return {
        "author_coverage": _share([bool(author_names(a["authors"])) for a, _ in pairs]),
        "author_exact": _share([same_authors(a["authors"], t["author"]) for a, t in with_author]),
        "author_overlap": _share(
            [authors_overlap(a["authors"], t["author"]) for a, t in with_author]
        ),
        "author_spurious": _share([bool(author_names(a["authors"])) for a, _ in without_author]),
    }


def _date_scores(pairs: Pairs, with_date: Pairs, without_date: Pairs) -> dict[str, Any]:
    """Right day and wrong over the pages whose truth has a date; spurious over the rest."""
    return {
        "date_coverage": _share([bool(a["date"]) for a, _ in pairs]),
        "date_day": _share([same_date(a["date"], t["publish_date"]) for a, t in with_date]),
        "date_wrong": _share(
            [bool(a["date"]) and not same_date(a["date"], t["publish_date"]) for a, t in with_date]
        ),
        "date_spurious": _share([bool(a["date"]) for a, _ in without_date]),
        "date_truth_is_modified": _truth_is_modified(with_date),
    }


FIELD_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "title": [
        ("coverage", "title_coverage"),
        ("exact", "title_exact"),
        ("exact ’=' –=-", "title_typography"),
        ("contains", "title_contains"),
    ],
    "author": [
        ("coverage", "author_coverage"),
        ("exact set", "author_exact"),
        ("overlap", "author_overlap"),
        ("spurious", "author_spurious"),
    ],
    "date": [
        ("coverage", "date_coverage"),
        ("right day", "date_day"),
        ("wrong", "date_wrong"),
        ("spurious", "date_spurious"),
        ("truth=modified", "date_truth_is_modified"),
    ],
}
MAIN_METRIC = {"title": "title_exact", "author": "author_exact", "date": "date_day"}


def field_table(field: str, results: Sequence[dict[str, Any]]) -> str:
    columns = FIELD_COLUMNS[field]
    rows = []
    for r in results:
        answers = field in r["fields"]
        cells = [
            f"{r[key]:.3f}" if answers and r[key] is not None else "-" for _label, key in columns
        ]
        rows.append([r["name"], *cells])
    return format_table([field, *(label for label, _ in columns)], rows)


def report(results: Sequence[dict[str, Any]], failed: Sequence[str], pages: int) -> str:
    first = results[0] if results else {}
    lines = [
        f"WCXB metadata, {pages} article pages "
        f"({first.get('pages_with_author', '?')} with an author, "
        f"{first.get('pages_with_date', '?')} with a date in the ground truth)",
    ]
    for field in FIELD_COLUMNS:
        lines += ["", field_table(field, results)]
    by_name = {r["name"]: r for r in results}
    if by_name.get("newsdesk", {}).get("date_truth_is_modified") is not None:
        share = by_name["newsdesk"]["date_truth_is_modified"]
        lines += [
            "",
            f"date truth=modified: on {share:.3f} of the dated pages the true date is the page's "
            "modified date, which newsdesk never reports as published; right day can reach at "
            f"most {1 - share:.3f} while that rule holds.",
        ]
    if "newsdesk" in by_name and "trafilatura" in by_name:
        nd, tf = by_name["newsdesk"], by_name["trafilatura"]
        parts = [f"{field} {ratio(nd[key], tf[key])}" for field, key in MAIN_METRIC.items()]
        lines += ["", "newsdesk / trafilatura (title exact, author exact set, date right day): "]
        lines[-1] += ", ".join(parts)
    return "\n".join(lines + problem_lines(results, failed))


def run_all(args: argparse.Namespace) -> int:
    names = parse_names(args.peers, list(TOOLS))
    truth = load_truth(args.limit)
    if not truth:
        raise BenchmarkError(f"{WCXB}: no article pages in metadata.json")
    truths = [t for _id, t in truth]
    extra = ["--limit", str(args.limit)] if args.limit else []
    runs, failed = run_workers(Path(__file__).resolve(), names, extra, timeout=args.timeout)
    results = []
    for run in runs:
        answers = run.pop("outputs")
        fields = list(TOOLS[run["name"]].fields)
        results.append({**run, "fields": fields, **score(answers, truths)})
    print(report(results, failed, len(truth)))
    if args.json:
        payload = {"benchmark": "wcxb-metadata", "pages": len(truth), "results": results}
        write_json(args.json, {**payload, "failed": failed})
    return 1 if failed else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tool_arguments(parser, list(TOOLS), "only the first N article pages (by id)")
    worker_arguments(parser, list(TOOLS), "seconds per tool")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(
        parse_args(argv), lambda args: worker(args.worker, args.limit, args.out), run_all
    )


if __name__ == "__main__":
    sys.exit(main())
