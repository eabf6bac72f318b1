"""Speakers' full names where the entity model missed them: a one-word name ("Sanborn",
"Volker") takes the given name written right before it elsewhere in the article ("Jeff
Sanborn, president of ...", "former special envoy to Ukraine Kurt Volker"), and a mention
whose surname is not its cluster's ("James P. Kennedy Jr." put with "Patrick W. Carlineo
Jr." because both end in "Jr.") is told apart. A given name is a proper noun in the parse;
titles, common words, words the article also writes in lower case and the names of places
and organisations never are."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from newsdesk.analyze._entities import TITLE_WORDS, Cluster

_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "ORG", "EVENT"})
_MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)


def surname(name: str) -> str:
    """The last word of ``name`` that is no suffix ("Kennedy" in "James P. Kennedy Jr.")."""
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    return words[-1].lower() if words else ""


def written_full_name(text: str, word: str, clusters: list[Cluster]) -> str | None:
    """The one full form "Given [M.] <word>" the article writes, or None (none, or two
    different given names: "Tim Morrison" and "Scott Morrison" stay "Morrison")."""
    others = {
        w
        for c in clusters
        if c.label in _PLACE_LABELS and word not in c.name.split()
        for w in c.name.split()
    }
    pattern = re.compile(
        rf"(?<![\w.’'-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)((?: [A-Z]\.){{0,2}}) {re.escape(word)}\b"
    )
    docs = {id(m.root.doc): (m.offset, m.root.doc) for c in clusters for m in c.mentions}
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        given = match.group(1)
        lower = given.lower()
        if lower in TITLE_WORDS or lower in STOP_WORDS or lower in _MONTHS_DAYS or given in others:
            continue
        if re.search(rf"(?<!\w){lower}(?!\w)", text) or not _proper(docs, match.start()):
            continue  # "Said Ellis:": a verb, no given name
        full = match.group(0)
        if len(full) > len(found.get(given, "")):
            found[given] = full
    return next(iter(found.values())) if len(found) == 1 else None


def _proper(docs: dict[int, tuple[int, Doc]], pos: int) -> bool:
    """Is the word at ``pos`` a proper noun in the parse (True when no parse holds it)?"""
    for offset, doc in docs.values():
        if offset <= pos < offset + len(doc.text):
            span = doc.char_span(pos - offset, pos - offset + 1, alignment_mode="expand")
            return span is None or span[0].pos_ == "PROPN"
    return True


def clean_person_name(name: str, text: str) -> str:
    """A person's name without the words the entity model took in front of it: lower-case
    words ("the 14th-ranked Schwartzman") and, before a full name, a capitalised word the
    article also writes in lower case ("Prosecution Eva-Marie Persson": "prosecution")."""
    words = name.split()
    while len(words) > 1 and not words[0][:1].isupper():
        words.pop(0)
    lead = words[0].strip(".,").lower() if words else ""
    if len(words) > 2 and re.search(rf"(?<![\w-]){re.escape(lead)}(?![\w-])", text):
        words.pop(0)
    return " ".join(words)
