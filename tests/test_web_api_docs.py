"""``/docs`` in a real browser (Debian's chromium via Playwright): Swagger UI draws every
operation from the app's own files, under the Content-Security-Policy, with no error
and no request to another site."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

pytest_plugins = ["web_support"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def test_docs_page_draws_the_api(live_server: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    errors: list[str] = []
    elsewhere: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda r: None if r.url.startswith(live_server) or
                r.url.startswith("data:") else elsewhere.append(r.url))  # fmt: skip
        page.goto(live_server + "/docs")
        expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
        browser.close()
    assert {"/api/articles", "/api/pages", "/api/export"} <= {p.strip() for p in paths}
    assert len(paths) == 10
    assert errors == [] and elsewhere == []
