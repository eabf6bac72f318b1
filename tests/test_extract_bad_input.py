"""Bad input never crashes a run: each gives a clear per-input error or a best-effort record."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import (
    EmptyInput,
    InputError,
    InputTooLarge,
    NotAPage,
    Page,
    Settings,
    UnreadableInput,
    extract,
    run,
)
from newsdesk.extract._decode import decode

SETTINGS = Settings()
ARTICLE = (
    "<p>The council voted on Tuesday to approve the new budget for the coming year, "
    "after a debate that lasted more than four hours.</p>"
    "<p>Opponents said the plan cut too deeply into services, while supporters argued "
    "that the city could not afford to keep borrowing money.</p>"
)


def page_html(body: str, head: str = "<title>Budget approved</title>") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_empty_input_is_a_clear_error() -> None:
    for content in (b"", b"   \n\t  "):
        with pytest.raises(EmptyInput, match=r"x\.html: the input is empty"):
            extract(Page(source="x.html", content=content))


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 64,
        b"\x89PNG\r\n\x1a\n" + os.urandom(4000),
        b"%PDF-1.7\n" + os.urandom(4000),
        os.urandom(10_000),
    ],
)
def test_binary_garbage_is_not_a_page(content: bytes) -> None:
    with pytest.raises(InputError) as info:
        extract(Page(source="junk.bin", content=content))
    assert isinstance(info.value, NotAPage | EmptyInput)
    assert "junk.bin" in str(info.value)


def test_page_over_the_size_limit_is_refused_with_a_hint() -> None:
    big = page_html(ARTICLE * 10 + "<p>" + "word " * (5 * 1024 * 1024) + "</p>")
    assert len(big) > 25 * 1024 * 1024
    with pytest.raises(InputTooLarge) as info:
        extract(Page(source="huge.html", content=big))
    assert "huge.html" in str(info.value) and "NEWSDESK_MAX_PAGE_BYTES" in str(info.value)


def test_fifty_megabyte_page_extracts_when_the_limit_is_raised() -> None:
    filler = "<div class='x'><span>menu item</span></div>" * (50 * 1024 * 1024 // 42)
    big = page_html(ARTICLE + filler)
    assert len(big) >= 50 * 1024 * 1024
    article = extract(Page(source="big.html", content=big), Settings(max_page_bytes=60 * 2**20))
    assert "council voted on Tuesday" in article.text


def test_truncated_gzip_is_an_error_naming_the_file(tmp_path: Path) -> None:
    data = gzip.compress(page_html(ARTICLE) * 50)
    broken = tmp_path / "page.html.gz"
    broken.write_bytes(data[: len(data) // 2])
    results = list(run([str(broken)], SETTINGS))
    assert len(results) == 1 and isinstance(results[0].error, UnreadableInput)
    assert "page.html.gz" in str(results[0].error) and "gzip" in str(results[0].error)


def test_html_without_body_gives_a_record() -> None:
    article = extract(Page(source="nobody.html", content=b"<html><head><title>T</title></head>"))
    assert article.title == "T"


def test_deeply_nested_tags_do_not_recurse() -> None:
    depth = 100_000
    markup = "<div>" * depth + ARTICLE + "</div>" * depth
    article = extract(Page(source="deep.html", content=page_html(markup)))
    assert "council voted" in article.text


def test_invalid_utf8_bytes_are_kept_without_mojibake() -> None:
    # A UTF-8 page with a Windows-1252 paragraph pasted in (a real CMS accident).
    content = page_html("<p>Café in Zürich, the story goes on.</p><p>PASTED</p>")
    content = content.replace(b"PASTED", "café über alles, “quoted”.".encode("cp1252"))
    text, encoding = decode(Page(source="mixed.html", content=content), SETTINGS)
    assert "Café in Zürich" in text and "café über alles, “quoted”." in text
    assert "\ufffd" not in text and "Ã" not in text
    assert encoding == "utf-8+cp1252"


def test_wrong_charset_declaration_does_not_garble() -> None:
    # Declares Latin-1 but is UTF-8: the bytes win.
    body = "<p>Zoë Kravitz and Björk met in Niš, Србија, last week, reporters said.</p>"
    content = page_html(body, '<meta charset="iso-8859-1"><title>Zoë</title>')
    article = extract(Page(source="lie.html", content=content))
    assert "Zoë Kravitz and Björk met in Niš, Србија" in article.text


def test_real_latin1_page_is_read_as_declared() -> None:
    body = "<p>Les élèves de l'école ont présenté leur projet à la mairie mardi.</p>"
    content = page_html(body, '<meta charset="iso-8859-1"><title>École</title>')
    latin1 = content.decode().encode("latin-1")
    article = extract(Page(source="latin1.html", content=latin1))
    assert "Les élèves de l'école ont présenté" in article.text


def test_http_header_charset_is_used() -> None:
    body = "<p>Москва и Санкт-Петербург провели совместное заседание во вторник.</p>"
    content = page_html(body).decode().encode("cp1251")
    page = Page(
        source="ru.html",
        content=content,
        headers={"content-type": "text/html; charset=windows-1251"},
    )
    assert "Москва и Санкт-Петербург" in extract(page).text


def test_utf16_with_bom() -> None:
    content = "\ufeff".encode("utf-16-le") + page_html(ARTICLE).decode().encode("utf-16-le")
    assert "council voted" in extract(Page(source="u16.html", content=content)).text


def test_directory_with_bad_files_reports_each_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_bytes(page_html(ARTICLE))
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    os.mkfifo(tmp_path / "pipe.html")
    results = {Path(r.source).name: r for r in run([str(tmp_path)], SETTINGS)}
    assert results["good.html"].ok
    assert isinstance(results["empty.html"].error, EmptyInput)
    assert isinstance(results["dangling.html"].error, UnreadableInput)
    assert "not a regular file" in str(results["pipe.html"].error)


def test_unreadable_file_as_an_unprivileged_user(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Permission errors are per-input errors (as root, run without the read-anything caps)."""
    folder = Path(tmp_path_factory.mktemp("perm"))
    folder.chmod(0o755)
    (folder / "good.html").write_bytes(page_html(ARTICLE))
    (folder / "good.html").chmod(0o644)
    (folder / "secret.html").write_bytes(page_html(ARTICLE))
    (folder / "secret.html").chmod(0o000)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.html").write_bytes(page_html(ARTICLE))
    locked.chmod(0o000)
    code = (
        "import sys; from newsdesk import run, Settings\n"
        "for r in run([sys.argv[1]], Settings()):\n"
        "    print(r.source.rsplit('/', 1)[-1], 'ok' if r.ok else r.error)\n"
    )
    command = [sys.executable, "-c", code, str(folder)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["good.html"] == "ok"
    assert "permission denied" in lines["secret.html"]
    assert "cannot list this folder" in lines["locked"]


def test_flattening_keeps_shallow_pages_unchanged_and_caps_deep_ones() -> None:
    from newsdesk.extract.html._nesting import MAX_DEPTH, flatten_deep_markup

    shallow = "<div><p>x</p></div>" * 5_000
    assert flatten_deep_markup(shallow) is shallow
    deep = "<div>" * 50_000 + "<p>kept text</p>" + "</div>" * 50_000
    flat = flatten_deep_markup(deep)
    assert flat.count("<div>") == MAX_DEPTH and flat.count("</div>") == MAX_DEPTH
    assert "kept text" in flat
