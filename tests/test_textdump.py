"""Plain-text dumps: odd shapes (no title, one paragraph, CRLF, form feeds, no blank lines,
hard wraps, 2 MB), debug leftovers, trailing furniture, outlets and dates, other languages."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from conftest import SEED
from newsdesk import EmptyInput, Page, Settings, extract
from newsdesk.extract.textdump._extract import extract_text_dump
from newsdesk.record import Article

SETTINGS = Settings()
HEAD = "NATO Deputy Assistant Secretary General for Partnerships"
TAIL = "Meanwhile, regarding Kosovo"

PROSE = [
    "The city council voted on Tuesday to extend the night bus network to the northern "
    "suburbs, after a year of complaints from shift workers about the lack of transport.",
    "The mayor said the new lines would start running in March and would cost about two "
    "million euros a year, paid from the parking fees collected in the centre.",
    "Opposition councillors welcomed the decision but said the timetable was too slow, "
    "and asked for a first line to open before the end of the winter.",
]


def run(text: str, source: str = "dump.txt", url: str | None = None) -> Article:
    page = Page(source=source, content=text.encode("utf-8"), url=url, kind="text")
    return extract(page, SETTINGS)


def seed_text(shared: Path) -> str:
    return SEED.read_text("utf-8")


def moment(iso: str | None) -> tuple[datetime, object] | None:
    """An ISO date-time as (instant, offset): "15:49+02:00" and "15:49:00+02:00" are equal,
    a naive time stays naive (its offset is None)."""
    if iso is None:
        return None
    value = datetime.fromisoformat(iso)
    return value, value.utcoffset()


def bodies(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_windows_line_endings_give_the_same_article(shared: Path) -> None:
    plain = run(seed_text(shared))
    crlf = run(seed_text(shared).replace("\n", "\r\n"))
    assert bodies(crlf) == bodies(plain)
    assert (crlf.title, crlf.site, crlf.published) == (plain.title, plain.site, plain.published)


def test_old_mac_line_endings_and_form_feeds(shared: Path) -> None:
    plain = run(seed_text(shared))
    odd = run(seed_text(shared).replace("\n\n", "\f").replace("\n", "\r"))
    assert bodies(odd) == bodies(plain)
    assert odd.title == plain.title


def test_no_blank_lines_one_paragraph_per_line(shared: Path) -> None:
    text = "\n".join(line for line in seed_text(shared).splitlines() if line.strip())
    article = run(text)
    assert len(article.blocks) == 11
    assert article.blocks[0].text.startswith(HEAD)
    assert article.blocks[-1].text.startswith(TAIL)
    assert article.title is not None and article.title.startswith("NATO official says")
    assert article.section == "News"


def test_no_title_line(shared: Path) -> None:
    lines = seed_text(shared).splitlines()
    article = run("\n".join(lines[1:]))  # the "Title - Site" line is gone
    assert len(article.blocks) == 11
    assert article.blocks[0].text.startswith(HEAD)
    # the headline printed above the body is still there and is recognised as the title
    assert article.title == lines[0].removesuffix(" - Gazeta Express")
    assert article.site == "Gazeta Express"  # from "Express newspaper" in the header block


def test_body_only_dump_without_any_header() -> None:
    article = run("\n\n".join(PROSE) + "\n")
    assert bodies(article) == PROSE
    assert article.title is None
    assert article.site is None and article.published is None
    assert article.language == "en"


def test_dump_that_is_a_single_short_paragraph() -> None:
    article = run("Storm closes the coast road.\n")
    assert bodies(article) == ["Storm closes the coast road."]


def test_dump_that_is_one_long_paragraph() -> None:
    article = run(PROSE[0])
    assert bodies(article) == [PROSE[0]]


def test_blank_dump_is_an_input_error() -> None:
    page = Page(source="blank.txt", content=b"\xe2\x80\x8b\n", kind="text")
    with pytest.raises(EmptyInput, match=r"blank\.txt"):
        extract_text_dump(page, "\u200b\n\u00a0\n", SETTINGS)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = []
    for paragraph in PROSE:
        words, line, lines = paragraph.split(), "", []
        for word in words:
            if len(line) + len(word) + 1 > 68:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        wrapped.append("\n".join(lines))
    article = run("\n\n".join(wrapped))
    assert bodies(article) == PROSE


def test_debug_leftovers_and_trailing_furniture_are_dropped() -> None:
    text = "\n".join(
        [
            "Night buses reach the northern suburbs - City Herald",
            'string(52) "night-buses-reach-the-northern-suburbs"',
            "array(2) {",
            '["id"]=>',
            "int(4711)",
            "}",
            "Local",
            "City Herald",
            "March 3, 2026 at 9:30 am",
            "Night buses reach the northern suburbs",
            *PROSE,
            "Advertisement",
            "Share",
            "Follow us on Facebook",
            "Subscribe",
            "Read more: Parking fees to rise in the centre",
            "Related",
            "© 2026 City Herald. All rights reserved.",
            "We use cookies to improve your experience. Accept cookies",
        ]
    )
    article = run(text)
    assert bodies(article) == PROSE
    assert article.title == "Night buses reach the northern suburbs"
    assert article.slug == "night-buses-reach-the-northern-suburbs"
    assert article.site == "City Herald"  # not in the registry: the dump's own name
    assert article.section == "Local"
    # an unknown outlet gets no zone and no guessed one
    assert moment(article.published) == moment("2026-03-03T09:30")


def test_print_r_leftovers_are_dropped() -> None:
    text = "\n".join(["Array", "(", "    [slug] => night-buses", "    [id] => 4711", ")", *PROSE])
    article = run(text)
    assert bodies(article) == PROSE


def test_inline_teaser_and_advert_between_paragraphs_do_not_split_the_body() -> None:
    text = "\n\n".join(
        [PROSE[0], "ADVERTISEMENT", PROSE[1], "Read also: Trams to run later", PROSE[2]]
    )
    assert bodies(run(text)) == PROSE


def test_comment_thread_after_the_article_is_left_out() -> None:
    comments = []
    for n in range(6):
        comments += [f"reader{n} says:", "March 3, 2026 at 10:0{n} am", PROSE[n % 3] + " I agree."]
    text = "\n\n".join(
        ["Night buses reach the suburbs - City Herald", *PROSE, "6 Comments", *comments]
    )
    assert bodies(run(text)) == PROSE


def test_registry_alias_and_zone_from_the_outlet(shared: Path) -> None:
    text = "\n\n".join(["Koha", "21/05/2026 08:05", *PROSE])
    article = run(text)
    assert article.site == "Koha"
    assert moment(article.published) == moment(
        "2026-05-21T08:05+02:00"
    )  # day first, Europe/Belgrade in May
    assert article.language == "en"  # the body decides, not the outlet's home language


def test_outlet_from_the_page_url_when_the_dump_does_not_name_it() -> None:
    text = "\n\n".join(["20/05/2026 15:49", *PROSE])
    article = run(text, url="https://www.gazetaexpress.com/en/some-story/")
    assert article.site == "Gazeta Express"
    assert moment(article.published) == moment("2026-05-20T15:49+02:00")


GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz in die nördlichen Vororte "
    "auszuweiten, nachdem sich Schichtarbeiter ein Jahr lang über fehlende Verbindungen "
    "beklagt hatten.",
    "Die Bürgermeisterin sagte, die neuen Linien würden im März den Betrieb aufnehmen und "
    "jährlich etwa zwei Millionen Euro kosten, die aus den Parkgebühren bezahlt werden.",
]
RUSSIAN = [
    "Городской совет во вторник проголосовал за расширение сети ночных автобусов в северные "
    "пригороды после года жалоб работников ночных смен на отсутствие транспорта.",
    "Мэр заявил, что новые маршруты начнут работать в марте и будут стоить около двух "
    "миллионов евро в год, которые оплатят из сборов за парковку в центре города.",
]
CHINESE = [
    "市议会周二投票决定将夜间公交网络延伸到北部郊区，此前轮班工人抱怨交通不便已有一年之久。",
    "市长表示，新线路将于三月开始运营，每年花费约两百万欧元，资金来自市中心的停车费。",
]


@pytest.mark.parametrize(
    ("paragraphs", "language"), [(GERMAN, "de"), (RUSSIAN, "ru"), (CHINESE, "zh")]
)
def test_non_english_dumps_keep_their_body(paragraphs: list[str], language: str) -> None:
    text = "\n\n".join(["Startseite", "Menü", "Teilen", *paragraphs, "Teilen", "Impressum"])
    article = run(text)
    assert bodies(article) == paragraphs
    assert article.language == language


def test_a_two_megabyte_dump_is_handled_in_linear_time(shared: Path) -> None:
    menu = "\n".join(f"Section {i}" for i in range(40))
    chunk = menu + "\n\n" + seed_text(shared)
    text = chunk * (2_000_000 // len(chunk) + 1)
    assert len(text.encode("utf-8")) >= 2_000_000
    started = time.perf_counter()
    article = run(text)
    elapsed = time.perf_counter() - started
    assert article.blocks and article.blocks[0].text.startswith(HEAD)
    assert elapsed < 20, f"a 2 MB dump took {elapsed:.1f}s"


def test_a_dump_without_a_file_name_is_read_as_text(shared: Path) -> None:
    """No extension, no content type: the dump is still routed to the text-dump reader."""
    article = extract(Page(source="-", content=SEED.read_bytes()), SETTINGS)
    assert len(article.blocks) == 11
    assert article.slug is not None


def test_byline_gives_the_authors_and_wire_services_are_not_people() -> None:
    text = "\n\n".join(["Night buses reach the suburbs - City Herald", "By Jane Doe and JOHN ROE"])
    article = run(text + "\n\n" + "\n\n".join(PROSE))
    assert article.authors == ["Jane Doe", "John Roe"]
    assert bodies(article) == PROSE
    wire = run("By Reuters Staff\n\n" + "\n\n".join(PROSE))
    assert wire.authors == []


def test_an_article_printed_twice_keeps_its_body() -> None:
    """Repeated lines are furniture (menus, captions), unless the whole article repeats."""
    once = "\n\n".join(["Home", "World", *PROSE, "Share"])
    article = run(once + "\n\n" + once)
    assert bodies(article) == PROSE


def test_captions_and_an_author_box_are_left_out() -> None:
    text = "\n\n".join(
        [
            PROSE[0],
            "Night buses wait at the depot on Tuesday. (Jane Doe/City Herald)",
            PROSE[1],
            "Trams at the main station. Photo: John Roe",
            PROSE[2],
            "Jane Doe is a staff reporter covering transport and the city council for the Herald.",
            "Her previous stories looked at cycling lanes, parking fees and the ring road, "
            "and she has covered the council since it was elected four years ago in spring.",
        ]
    )
    assert bodies(run(text)) == PROSE


def test_published_and_updated_lines_fill_both_dates() -> None:
    text = "\n\n".join(
        [
            "Night buses reach the suburbs - Balkan Insight",
            "Published: 03/04/2026 09:30",
            "Updated: 04/04/2026 10:15",
            *PROSE,
        ]
    )
    article = run(text)
    assert article.site == "Balkan Insight"
    assert moment(article.published) == moment(
        "2026-04-03T09:30+02:00"
    )  # day first, Belgrade summer time
    assert moment(article.modified) == moment("2026-04-04T10:15+02:00")
    assert bodies(article) == PROSE
