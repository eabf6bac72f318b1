"""The web UI in a real browser: Debian's chromium driven by Playwright, against the real
app on a uvicorn server on loopback, over a store filled by the real ingest of the seed,
the sample pages and a hostile page. Each test saves screenshots under its tmp_path (and
one of each page in ``/work/notes/screens`` when that folder exists, to look at)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright

from conftest import FIXTURES
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.ingest import ingest
from newsdesk.web import create_app

pytest_plugins = ["web_support"]  # live_server, web_db

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENS = Path("/work/notes/screens")
HOSTILE_URL = "javascript:alert(20)//hostile.example/budget"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield found
        found.close()


class Watch:
    """A page with every dialog, console message and page error recorded."""

    def __init__(self, page: Page, tmp_path: Path) -> None:
        self.page = page
        self.tmp_path = tmp_path
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        path = self.tmp_path / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        if SCREENS.is_dir():
            shutil.copy(path, SCREENS / path.name)
        return path

    def clean(self) -> None:
        assert self.dialogs == []
        assert self.errors == []
        _assert_inert(self.page)


@pytest.fixture()
def watch(browser: Browser, tmp_path: Path) -> Iterator[Watch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    found = Watch(page, tmp_path)
    yield found
    context.close()


def search(w: Watch, base: str, words: str) -> None:
    w.page.goto(base + "/")
    w.page.get_by_label("Words").fill(words)
    w.page.get_by_role("button", name="Search").click()
    w.page.wait_for_load_state()


def open_seed(w: Watch, base: str) -> None:
    search(w, base, "Serbia")
    w.page.get_by_role("link", name=re.compile("NATO official says")).click()
    w.page.wait_for_load_state()


def test_search_shows_highlighted_results_and_counts(watch: Watch, site: str) -> None:
    search(watch, site, "Serbia")
    page = watch.page
    expect(page).to_have_title(re.compile("Search: Serbia"))
    hit = page.locator(".hit").filter(has_text="NATO official says")
    expect(hit).to_have_count(1)
    expect(hit.locator(".snippet mark").first).to_have_text(re.compile("Serbia", re.I))
    expect(page.locator(".facets")).to_contain_text("Gazeta Express")
    expect(page.locator(".facets")).to_contain_text("2026-05-20")
    watch.shot("search")
    page.locator(".facets").get_by_role("link", name="Gazeta Express").click()
    expect(page.get_by_label("Outlet")).to_have_value("Gazeta Express")
    expect(page.locator(".hit")).to_have_count(1)
    watch.clean()


def test_home_lists_the_latest_articles(watch: Watch, site: str) -> None:
    page = watch.page
    page.goto(site + "/")
    expect(page).to_have_title(re.compile("^Search the news"))
    expect(page.locator("h1")).to_have_text("Who said what")
    latest = page.locator(".latest .hit")
    expect(latest).to_have_count(6)  # seven pages stored, one a syndicated copy
    expect(latest.first).to_contain_text("Minister")  # the hostile page: the newest
    expect(latest.nth(1)).to_contain_text("NATO official says")
    watch.shot("home")
    watch.clean()


def test_article_highlights_quotes_with_speaker_labels(watch: Watch, site: str) -> None:
    open_seed(watch, site)
    page = watch.page
    expect(page.locator("h1")).to_have_text(re.compile("^NATO official says"))
    expect(page).to_have_title(re.compile("NATO official says .*Gazeta Express"))
    legend = page.locator(".legend")
    expect(legend).to_contain_text("Kevin Hamilton")
    marks = page.locator(".body mark.q")
    assert marks.count() >= 10
    expect(page.locator(".body mark.q.q0").first).to_be_visible()
    direct = marks.filter(has_text="We feel that we are entering a new chapter").first
    pop = direct.locator(":scope > .pop")
    assert pop.bounding_box() is None or pop.bounding_box()["width"] <= 1  # type: ignore[index]
    direct.focus()
    expect(pop).to_be_visible()
    box = pop.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 30
    expect(pop).to_contain_text("Kevin Hamilton")
    expect(pop).to_contain_text("NATO")
    expect(pop).to_contain_text("said")
    watch.shot("article")
    page.locator("h1").hover()
    other = marks.filter(has_text="I think we are in a good position").first
    other.hover()
    expect(other.locator(":scope > .pop")).to_contain_text("Ambassador")
    watch.clean()


def test_speaker_page_draws_the_timeline(watch: Watch, site: str) -> None:
    open_seed(watch, site)
    page = watch.page
    page.locator(".legend").get_by_role("link", name="Kevin Hamilton").click()
    expect(page.locator("h1")).to_have_text("Kevin Hamilton")
    expect(page).to_have_title(re.compile("Kevin Hamilton"))
    expect(page.locator(".facts")).to_contain_text("Ambassador")
    bars = page.locator("svg.chart-svg rect.bar")
    expect(bars).to_have_count(1)
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 20
    expect(page.locator("ol.quotes > li")).to_have_count(12)
    expect(page.locator("aside")).to_contain_text("Serbia")
    watch.shot("speaker")
    page.locator("ol.quotes > li").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^NATO official says"))
    watch.clean()


def test_entity_and_outlet_links(watch: Watch, site: str) -> None:
    open_seed(watch, site)
    page = watch.page
    page.locator("section.box").get_by_role("link", name="Serbia", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Serbia")
    expect(page.locator("svg.chart-svg rect.bar")).to_have_count(1)
    expect(page.locator("aside")).to_contain_text("Kevin Hamilton")
    watch.shot("entity")
    page.go_back()
    page.locator(".body a.ent", has_text="Belgrade").first.click()
    expect(page.locator("h1")).to_contain_text("Belgrade")
    page.go_back()
    page.locator(".facts").get_by_role("link", name="Gazeta Express").click()
    expect(page.locator("h1")).to_have_text("Gazeta Express")
    expect(page.locator("ul.articles li")).to_have_count(1)
    watch.shot("outlet")
    watch.clean()


def test_article_lists_its_syndicated_copies(watch: Watch, site: str) -> None:
    search(watch, site, "meth")
    page = watch.page
    title = re.compile("^South Dakota governor doubles down")
    expect(page.locator(".hit")).to_have_count(1)  # the copy is not listed twice
    page.get_by_role("link", name=title).click()
    copies = page.locator(".copies li")
    expect(copies).to_have_count(1)
    first = page.url
    original = page.locator("a.original")
    assert re.match(
        r"^https://(thehill\.com|syndicated\.example)/", original.get_attribute("href") or ""
    )
    watch.shot("copies")
    copies.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(title)
    assert page.url != first
    expect(page.locator(".copies li")).to_have_count(1)
    watch.clean()


def test_export_link_downloads_the_current_filter(watch: Watch, site: str) -> None:
    search(watch, site, "Serbia")
    with watch.page.expect_download() as info:
        watch.page.get_by_role("link", name=re.compile("Export these articles")).click()
    path = watch.tmp_path / "export.jsonl"
    info.value.save_as(path)
    watch.shot("export")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    assert [r["title"] for r in rows] == [
        "NATO official says he feels they are opening a new chapter in relations with Serbia"
    ]
    watch.clean()


def test_keyboard_reaches_the_search_box_and_results(watch: Watch, site: str) -> None:
    page = watch.page
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    assert (skip.bounding_box() or {"x": -1})["x"] >= 0  # shown when focused
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    expect(page.get_by_label("Words")).to_be_focused()
    page.keyboard.type("Serbia")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.hit') !== null"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    assert "NATO official says" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    watch.shot("keyboard")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile("^NATO official says"))
    watch.clean()


def test_filters_without_words_and_a_bad_date(watch: Watch, site: str) -> None:
    page = watch.page
    page.goto(site + "/?speaker=Hamilton")
    expect(page.locator("h1")).to_have_text("Articles matching the filters")
    expect(page.locator(".hit")).to_have_count(1)
    watch.shot("filters")
    response = page.goto(site + "/?q=Serbia&since=tomorrow")
    assert response is not None and response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("'tomorrow' is not a date")
    expect(page.get_by_label("From")).to_have_value("tomorrow")
    watch.shot("bad-date")
    assert [e for e in watch.errors if "status of 400" not in e] == []
    watch.errors.clear()  # the browser logs the 400 itself as a console error
    watch.clean()


@pytest.mark.parametrize("path", ["/", "/?q=Serbia", "seed", "speaker"])
def test_phone_width_has_no_horizontal_scroll(
    browser: Browser, site: str, tmp_path: Path, path: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    w = Watch(context.new_page(), tmp_path)
    if path in ("seed", "speaker"):
        open_seed(w, site)
        if path == "speaker":
            w.page.locator(".legend").get_by_role("link", name="Kevin Hamilton").click()
    else:
        w.page.goto(site + path)
    width = w.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    if path == "seed":  # a tapped quote shows its speaker along the bottom, on screen
        mark = w.page.locator(".body mark.q").nth(3)
        mark.tap()
        box = mark.locator(":scope > .pop").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] + box["height"] <= PHONE["height"]
        assert w.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    name = "phone-" + (path.strip("/?").replace("=", "-") or "home")
    w.page.screenshot(path=str(tmp_path / f"{name}.png"))  # the first screen, as on a phone
    if SCREENS.is_dir():
        shutil.copy(tmp_path / f"{name}.png", SCREENS / f"{name}.png")
    w.clean()
    context.close()


def test_hostile_page_renders_as_inert_text(watch: Watch, hostile_site: str) -> None:
    site = hostile_site
    search(watch, site, "Keller budget")
    page = watch.page
    page.locator(".hit h3 a").first.click()
    page.wait_for_load_state()
    title = "<script>window.__pwned=1;alert(1)</script> Minister </title>"
    expect(page.locator("h1")).to_contain_text(title)
    assert title in page.title()
    expect(page.locator(".facts")).to_contain_text("Jane O'Roe\"><img")
    expect(page.locator(".facts")).to_contain_text(HOSTILE_URL)
    body = page.locator(".body")
    expect(body).to_contain_text("<script>window.__pwned=1;alert(9)</script>")
    expect(body).to_contain_text("</textarea></title></style><svg onload=alert(11)>")
    for mark in page.locator("mark.q").all():
        mark.hover()
    watch.shot("hostile")
    _assert_inert(page)
    page.locator(".facts").get_by_role("link").first.click()  # the hostile outlet's page
    expect(page.locator("h1")).to_have_text("Hostile <script>alert(19)</script> Herald")
    _assert_inert(page)
    page.goto(site + "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&speaker=%22%3E%3Cimg+src%3Dx")
    expect(page.get_by_label("Words")).to_have_value("<script>alert(1)</script>")
    _assert_inert(page)
    watch.clean()


def _assert_inert(page: Page) -> None:
    """No script element, no event-handler attribute, no link but our own or http(s)."""
    assert page.locator("script").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    hrefs = page.evaluate("[...document.querySelectorAll('[href],[src]')]"
                          ".map(e => e.getAttribute('href') || e.getAttribute('src'))")  # fmt: skip
    assert all(re.match(r"^(/(?!/)|#|https?://)", h) for h in hrefs), hrefs
    assert page.evaluate("window.__pwned") is None


# -- servers ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(live_server: str) -> str:
    """The app over ``web_db``: the seed, the sample pages, the hostile page, a copy."""
    return live_server


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a store holding only the hostile page, fetched (as a JSON line says)
    from a ``javascript:`` URL: the one way a scraped URL of that scheme reaches the store."""
    folder = tmp_path_factory.mktemp("web-ui-hostile")
    hostile = folder / "hostile.jsonl"
    html = (FIXTURES / "web" / "hostile.html").read_text("utf-8")
    hostile.write_text(json.dumps({"url": HOSTILE_URL, "html": html}) + "\n", "utf-8")
    db = folder / "hostile.db"
    with open_store(db) as store:
        results = list(ingest([str(hostile)], store, Settings()))  # analysis is a default stage
    assert [r.stored for r in results] == ["new"], results
    from web_support import serve  # registered by pytest_plugins (its asserts rewritten)

    with serve(create_app(db)) as url:
        yield url
