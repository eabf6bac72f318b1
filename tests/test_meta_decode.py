"""Double-encoded UTF-8 ("â€™") repaired when a page is decoded; real text left alone."""

from __future__ import annotations

import pytest

from newsdesk.extract._decode import decode, repair_double_encoding
from newsdesk.record import Page
from newsdesk.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A DIY Investorâ\x80\x99s Guide", "A DIY Investor’s Guide"),  # via Latin-1
        ("A DIY Investorâ€™s Guide", "A DIY Investor’s Guide"),  # via Windows-1252
        ("cafÃ© Ãœber 1 Â°C", "café Über 1 °C"),
        ("smile ðŸ˜€!", "smile 😀!"),
    ],
)
def test_double_encoded_runs_are_repaired(text: str, expected: str) -> None:
    assert repair_double_encoding(text) == expected


@pytest.mark.parametrize(
    "text", ["voilà\u00a0» déjà", "naïve señor", "x Ã y", "Ä±ndex", "“quoted” — ok"]
)
def test_real_text_is_left_alone(text: str) -> None:
    assert repair_double_encoding(text) == text


def test_a_valid_utf8_page_with_double_encoded_title_is_repaired() -> None:
    markup = "<html><head><title>Investorâ\x80\x99s Guide</title></head></html>"
    text, encoding = decode(Page(source="p.html", content=markup.encode()), Settings())
    assert encoding == "utf-8"
    assert "<title>Investor’s Guide</title>" in text
