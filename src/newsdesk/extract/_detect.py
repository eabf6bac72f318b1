"""Tell HTML from a plain-text page dump."""

from __future__ import annotations

import re

from newsdesk.record import Page

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<article[\s>]",
    re.I,
)


def is_html(page: Page, text: str) -> bool:
    if page.kind != "auto":
        return page.kind == "html"
    content_type = page.headers.get("content-type", "")
    if "html" in content_type or "xml" in content_type:
        return True
    lowered = page.source.lower().removesuffix(".gz")
    if lowered.endswith((".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")):
        return True
    if lowered.endswith((".txt", ".text", ".md")):
        return False
    signs = _HTML_SIGNS.finditer(text, 0, 20_000)
    return next(signs, None) is not None and next(signs, None) is not None  # two are enough
