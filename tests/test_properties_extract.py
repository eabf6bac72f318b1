"""Property tests of extraction through its public entry point ``newsdesk.extract.extract``
(issue 17): any bytes in, an ``Article`` or a named ``InputError`` out. Bounded example
counts (derandomized, so ``make test`` is repeatable); ``fuzz/extract_target.py`` runs the
same property for minutes with fresh randomness.

Date parsing is held through the public path only (a dated meta tag in, ``published`` an
ISO 8601 date or None out): ``newsdesk.extract.dates`` is private and being moved.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_strategies import (
    META_DATES,
    check_extract,
    date_strings,
    html_pages,
    raw_pages,
    text_dumps,
)
from newsdesk.record import Page

BOUNDED = settings(
    max_examples=60,
    deadline=None,  # a loaded two-core machine: time is bounded by the example count
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@BOUNDED
@given(raw_pages)
def test_decoding_any_bytes(page: Page) -> None:
    check_extract(page)


@BOUNDED
@given(html_pages())
def test_html_pages(page: Page) -> None:
    check_extract(page)


@BOUNDED
@given(text_dumps())
def test_text_dumps(page: Page) -> None:
    check_extract(page)


@BOUNDED
@given(st.sampled_from(META_DATES), date_strings)
def test_published_dates_are_iso_or_none(prop: str, value: str) -> None:
    body = "<p>" + "The council voted on Tuesday to reopen the bridge next spring. " * 6 + "</p>"
    value = value.replace('"', "&quot;").replace("<", "&lt;")
    html = (
        f'<html><head><meta property="{prop}" content="{value}"><title>Bridge</title></head>'
        f"<body><article><h1>Bridge</h1>{body}</article></body></html>"
    )
    article = check_extract(Page("dated.html", html.encode("utf-8")))
    assert article is not None, "a page with a clear article body was refused"
    if article.published is not None:
        assert 1 <= datetime.fromisoformat(article.published).year <= 9999
