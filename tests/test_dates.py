"""parse_date / search_date: formats, day order, offsets and zones."""

from __future__ import annotations

import re

import pytest

from newsdesk.extract._dates import parse_date, search_date
from newsdesk.extract._months import trie_pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-19", "2019-11-19"),
        ("2019-11-19T10:30:00Z", "2019-11-19T10:30+00:00"),
        ("2019-11-19T10:30:15.000+0100", "2019-11-19T10:30:15+01:00"),
        ("2019-11-19 10:30:00 -05:00", "2019-11-19T10:30-05:00"),
        ("Tue, 19 Nov 2019 10:30:00 GMT", "2019-11-19T10:30+00:00"),
        ("November 19, 2019", "2019-11-19"),
        ("Nov. 19th, 2019 at 3:45 pm EST", "2019-11-19T15:45-05:00"),
        ("Monday 19th November 2019", "2019-11-19"),
        ("19 de noviembre de 2019", "2019-11-19"),
        ("19. novembra 2019.", "2019-11-19"),
        ("19 nëntor 2019", "2019-11-19"),
        ("19. November 2019, 14:05 Uhr", "2019-11-19T14:05"),
        ("21 мая 2026 г.", "2026-05-21"),
        ("2019年11月19日", "2019-11-19"),
        ("2019/11/19", "2019-11-19"),
        ("20191119", "2019-11-19"),
        ("1574160000", "2019-11-19T10:40+00:00"),
        ("19-Nov-2019", "2019-11-19"),
        ("04-ago-2021 5:11:10", "2021-08-04T05:11:10"),
        ("4/Mar/2020", "2020-03-04"),
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "not a date", "November 2019", "12/2019", "99/99/2019", "1750-01-01"]
)
def test_not_a_full_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_day_first_only_when_ambiguous() -> None:
    assert parse_date("05/06/2026") == "2026-05-06"  # month-first by default
    assert parse_date("05/06/2026", dayfirst=True) == "2026-06-05"
    assert parse_date("20/05/2026") == "2026-05-20"  # 20 cannot be a month
    assert parse_date("05/20/2026", dayfirst=True) == "2026-05-20"  # 20 cannot be a month
    assert parse_date("05.06.2026") == "2026-06-05"  # dotted dates are day-first


def test_offset_kept_and_zone_only_for_naive_values() -> None:
    assert parse_date("2026-05-20T09:15:00+05:30", tz="Europe/Belgrade") == "2026-05-20T09:15+05:30"
    assert parse_date("2026-05-20T09:15:00", tz="Europe/Belgrade") == "2026-05-20T09:15+02:00"
    assert parse_date("2026-01-20T09:15:00", tz="Europe/Belgrade") == "2026-01-20T09:15+01:00"
    assert parse_date("2026-05-20T09:15:00") == "2026-05-20T09:15"  # never guessed
    assert parse_date("2026-05-20", tz="Europe/Belgrade") == "2026-05-20"  # a date stays a date


def test_search_date_finds_first_date_in_text() -> None:
    found = search_date("Posted by John on November 19, 2019 in News, updated 20 Nov 2019")
    assert found is not None
    assert found.iso == "2019-11-19"
    assert found.start == len("Posted by John on ")
    assert search_date("Call 555-1234 now, 2019 was a good year") is None


def test_twelve_hour_clock() -> None:
    assert parse_date("May 21, 2026 12:10 am") == "2026-05-21T00:10"
    assert parse_date("May 21, 2026 12:10 PM") == "2026-05-21T12:10"


def test_region_zone_names_follow_daylight_saving() -> None:
    assert parse_date("July 4, 2025 10:30 a.m. ET") == "2025-07-04T10:30-04:00"
    assert parse_date("January 4, 2025 10:30 a.m. ET") == "2025-01-04T10:30-05:00"
    assert parse_date("20. Mai 2025, 10:30 MESZ") == "2025-05-20T10:30+02:00"


@pytest.mark.parametrize(
    "text",
    ["2024-03-05", "2024-03-05T10:20:30Z", "2024-03-05 10:20", "2024-3-5T10:20:30.123+02:00",
     "2024-13-05", "2024-03-05T25:00", "2024-03-05 and 2023-01-01"],
)  # fmt: skip
def test_iso_fast_path_reads_like_the_general_search(text: str) -> None:
    found = search_date(text, tz="Europe/Berlin")
    assert parse_date(text, tz="Europe/Berlin") == (found.iso if found else None)


def test_trie_pattern_matches_like_the_longest_first_alternation() -> None:
    words = ["mar", "march", "mars", "marzo", "may", "mai", "maj", "maja"]
    flat = "|".join(sorted(words, key=len, reverse=True))
    trie = trie_pattern(words)
    for text in ["March 5", "Marzo", "mars.", "MAJA", "maj 3", "marc", "ma", "Mayo", "xmar"]:
        want = re.match(rf"(?:{flat})(?!x)", text, re.I)
        got = re.match(rf"(?:{trie})(?!x)", text, re.I)
        assert (got and got.group()) == (want and want.group()), text


def test_joined_month_name_needs_the_same_separator_twice() -> None:
    assert search_date("ref 4-Mar/2020") is None
    found = search_date("FlowGuard EMEA on 04-ago-2021 5:11:10")
    assert found is not None and found.iso == "2021-08-04T05:11:10"


def test_a_zone_name_dateutil_does_not_know_gives_a_naive_time_and_no_warning() -> None:
    """``Date.toString()`` style, read by the dateutil fallback: "CEST" is no zone dateutil
    knows, so the time stays naive (or takes the outlet's zone) and the library stays quiet
    (pytest turns any warning into an error)."""
    text = "Mon Oct 11 14:57:21 CEST 2021"
    assert parse_date(text, dayfirst=True) == "2021-10-11T14:57:21"
    assert parse_date(text, dayfirst=True, tz="Europe/Berlin") == "2021-10-11T14:57:21+02:00"
