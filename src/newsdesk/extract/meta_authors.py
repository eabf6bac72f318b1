"""Authors: people's names only, from noisy bylines and meta fields.

"By John Smith and Jane Doe | Reuters | 3 hours ago" -> ["John Smith", "Jane Doe"]: strip
"By"-style lead-ins, cut on separators, split lists, drop dates, "hours ago", roles such as
"Staff Writer", wire services and outlet names (the page's own site included), dedupe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LEAD_IN = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story|published|compiled|edited|updated)\s+by|"
    r"by|von|par|por|autor(?:in)?|author|authors|auteur|autore|writer|"
    r"nga|piše|pise|piso|napisao|napisala|texto|reportage|(?-i:di|da|door|av))\b\s*[:\-–]?\s*",
    re.I,
)  # "di", "da", "door", "av" only in lower case: "Da Silva" is a name
_SEPARATORS = re.compile(r"\s*(?:[|•·/\n\t;]|\s[-–—]\s|\bfor\b|\bin\b|\bon\b)\s*")
_LIST = re.compile(r"\s*(?:,|&|\+|\b(?i:and|und|et|dhe|și|og|och|en)\b|\s(?:y|e|i|и)\s)\s*")
_NOISE = re.compile(
    r"\d|[*?!]|\bago\b|\bmin(?:ute)?s?\b|\bread\b|\bupdated?\b|\bpublished\b"
    r"|\bhttps?:|@|www\.|\.com\b"
    r"|\bvor\b|\bil y a\b|\bhace\b|\bprije\b|\bpre\b",
    re.I,
)
_ROLES = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors
    senior contributing contributor contributors columnist journalist journalists photographer
    photographers producer staff special associate assistant chief managing deputy political
    economics business sports news desk team newsroom editorial web online digital admin
    administrator guest author authors redaktion redakcija redaksia rédaction redacción
    redazione agencies agency wire wires bureau member members analyst analysts
    content manager director head lead group international national foreign affairs
    posted share comments comment follow more view profile about contact home subscribe
    written sponsored partner partners press release releases opinion officer president
    founder ceo cto expert experts specialist industry years inc ltd llc gmbh
    """.split()
)
_WIRE_NAMES = frozenset(
    {
        "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
        "agence france presse", "bloomberg", "bloomberg news", "dpa", "ansa", "efe", "xinhua",
        "tass", "ria novosti", "upi", "pa", "pa media", "press association", "anadolu",
        "anadolu agency", "ians", "pti", "ani", "kyodo", "yonhap", "fena", "hina", "tanjug",
        "beta", "fonet", "kosovapress", "ata", "mia", "sta", "ctk", "pap", "apa", "cnn wire",
    }
)  # fmt: skip
_MAX_WORDS = 5
_NAME = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]+"
# Words of one name sit on one line: a role or date in the next element is not part of it.
_NAME_RUN = rf"{_NAME}(?:[^\S\n]+(?:{_NAME}|van|von|der|de|da|di|du|del|la|le|bin|al)){{1,4}}"
_BYLINE_TEXT = re.compile(
    rf"(?:^|[\s|•·])(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Vv]on|[Pp]ar|[Pp]or|[Nn]ga|[Aa]utor:?)"
    rf"\s+({_NAME_RUN}(?:\s*(?:,|and|&|und|et|y|e|i)\s+{_NAME_RUN})*)"
)
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "del",
        "la",
        "le",
        "bin",
        "al",
        "ibn",
        "y",
        "zu",
        "dos",
        "das",
    }
)


def clean_authors(
    raw: Iterable[str], *, site: str | None = None, strict: bool = False
) -> list[str]:
    """People's names from raw author strings, in order, deduplicated.

    ``strict`` suits text scraped from byline elements: a name there needs two or more
    words, each capitalised (name particles such as "van der" aside), since a lone word or
    a lower-case phrase is more often a label than a pen name.
    """
    blocked = _blocked_names(site)
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in _names_in(value, blocked):
            key = name.casefold()
            if strict and not _looks_like_full_name(name):
                continue
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def byline_in_text(text: str, *, site: str | None = None) -> list[str]:
    """Names after a "By"/"Written by"/"Von"/"Par" lead-in in running text near the headline."""
    match = _BYLINE_TEXT.search(text)
    if not match:
        return []
    return clean_authors([match.group(1)], site=site, strict=True)


def _blocked_names(site: str | None) -> set[str]:
    blocked = set(_WIRE_NAMES)
    if site:
        folded = " ".join(site.casefold().split())
        blocked.add(folded)
        blocked.add(folded.removeprefix("the "))
    return blocked


def _names_in(value: str, blocked: set[str]) -> list[str]:
    text = " ".join(value.replace("\u00a0", " ").split()) if "\n" not in value else value
    names: list[str] = []
    for part in _SEPARATORS.split(text):
        part = _strip_lead_in(part)
        for piece in _LIST.split(part):
            name = _as_name(_strip_lead_in(piece), blocked)
            if name:
                names.append(name)
    return names


def _strip_lead_in(text: str) -> str:
    text = text.strip(" \t\n,:;-–—()[]\"'“”")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD_IN.sub("", text).strip(" ,:;-–—()[]\"'“”")
    return text


def _as_name(text: str, blocked: set[str]) -> str | None:
    text = " ".join(text.split())
    if not text or len(text) > 60 or _NOISE.search(text):
        return None
    folded = text.casefold()
    if folded in blocked or folded.removeprefix("the ") in blocked:
        return None
    words = text.split()
    if len(words) > _MAX_WORDS or not any(ch.isalpha() for ch in text):
        return None
    if any(w.casefold().strip(".,") in _ROLES for w in words):
        return None
    if len(words) == 1 and (text.islower() or len(text) < 3):
        return None
    if text.isupper() and len(text) > 3:
        text = " ".join(w.capitalize() for w in words)
    return text


def _looks_like_full_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2:
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words if w[0].isalpha())
