"""One name for an entity however an article spells it: "U.S.", "US", "the United States"
and "United States of America" are one country.

Two general rules, then a small shipped alias list:

- **spelling**: case and spaces folded, a leading "the " and a trailing possessive ("'s")
  dropped, the dots of a dotted abbreviation removed ("U.S." -> "us", "U.N." -> "un");
- **aliases** (``ALIASES``): the few names news writes in several ways that no rule can
  join (country and union abbreviations and their long forms). Each alias also fixes the
  label (spaCy tags "U.S." GPE in one sentence and ORG in the next).

"America" is left out on purpose: it is the continent, the Americas, or the United States
depending on the sentence; so is "Britain" (the island of Great Britain, or the United
Kingdom: on quotes-news-dev joining it to "UK" renamed a speaker the annotators call "the
UK"). Pure functions, no database and no spaCy: the analyzer (inside
one article) and the store (across articles) use the same rules.
"""

from __future__ import annotations

import re

_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")  # "U.S.", "U.S.A.", "E.U." (letters and dots)
_POSSESSIVE = ("'s", "’s", "'", "’")

# canonical name, label: its spellings (folded, by ``spelling``)
_LIST: dict[tuple[str, str], tuple[str, ...]] = {
    ("United States", "GPE"): ("us", "usa", "united states", "united states of america"),
    ("United Kingdom", "GPE"): (
        "uk", "united kingdom", "united kingdom of great britain and northern ireland",
    ),
    ("United Nations", "ORG"): ("un", "united nations"),
    ("European Union", "ORG"): ("eu", "european union"),
    ("United Arab Emirates", "GPE"): ("uae", "united arab emirates"),
    ("Soviet Union", "GPE"): ("ussr", "soviet union", "union of soviet socialist republics"),
    ("NATO", "ORG"): ("nato", "north atlantic treaty organization",
                      "north atlantic treaty organisation"),
    ("North Korea", "GPE"): ("dprk", "north korea",
                             "democratic people's republic of korea"),
    ("South Korea", "GPE"): ("south korea", "republic of korea"),
    ("China", "GPE"): ("china", "prc", "people's republic of china"),
    ("Russia", "GPE"): ("russia", "russian federation"),
}  # fmt: skip
ALIASES: dict[str, tuple[str, str]] = {
    spelt: canonical for canonical, spellings in _LIST.items() for spelt in spellings
}
# labels an alias overrides: a country tagged ORG or LOC is still the country; a PERSON
# "Jordan" or an EVENT is not
ALIAS_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "FAC"})


def spelling(name: str) -> str:
    """``name`` folded: case and spaces, "the " in front, "'s" behind, abbreviation dots."""
    folded = " ".join(name.casefold().split())
    folded = folded.removeprefix("the ")
    for tail in _POSSESSIVE:
        if folded.endswith(tail) and len(folded) > len(tail) + 1:
            folded = folded[: -len(tail)]
            break
    if _DOTTED.match(folded) or _DOTTED.match(folded + "."):
        folded = folded.replace(".", "")
    return folded.strip()


def canonical(name: str, label: str) -> tuple[str, str]:
    """The name and label an entity is known by: the alias's, else ``name`` as written."""
    if label in ALIAS_LABELS:
        found = ALIASES.get(spelling(name))
        if found is not None:
            return found
    return name.strip(), label


def entity_key(name: str, label: str) -> str:
    """What two spellings of one entity share: ``label|spelling`` of the canonical name."""
    name, label = canonical(name, label)
    return f"{label}|{spelling(name)}"


def organisation_key(name: str) -> str:
    """An organisation's spelling for comparing two speakers' organisations ("the U.N."
    and "United Nations" are one)."""
    found = ALIASES.get(spelling(name))
    return spelling(found[0]) if found is not None else spelling(name)
