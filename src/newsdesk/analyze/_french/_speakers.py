"""Who a French speaker mention is: a name (made the fullest form the article gives), a
description the article ties to a name ("le ministre de la Santé" where it writes "le
ministre de la Santé Roman Prymula", "la toxicologue" for "la toxicologue Dominique
Parent-Massin"), an organisation, a pronoun (the person last named or quoted), or an
unnamed source ("un proche d'Edouard Philippe"), which keeps no name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.analyze._french._lexicon import HONORIFICS, PRONOUNS
from newsdesk.analyze._french._text import FrenchText, strip_span
from newsdesk.record import Span

SpeakerKind = Literal["person", "organisation", "unknown"]

_DETERMINERS = frozenset(
    "le la les l' l’ un une des d' d’ du de ce cet cette ces son sa ses".split()
)
_INDEFINITE = frozenset("un une des d' d’ plusieurs certains certaines".split())
_GENDER = {"il": "m", "elle": "f", "le": "m", "la": "f", "un": "m", "une": "f", "lui": "m"}
# How far back (characters) a pronoun looks for the speaker quoted before it.
_SPEAKER_REACH = 1500
# Words that open a capitalised run without being part of a name.
_NOT_NAME = frozenset(
    """le la les l un une des pour selon premier première président présidente ministre
    m mme mlle dr pr monsieur madame""".split()
)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
# The end of a speaker phrase after an inverted verb: "dans une note", "pour l'agence", ", …".
_PHRASE_END = re.compile(
    r"[,.;:!?«»()\n]|\s(?:dans|pour|lors|lorsqu|dès|devant|sur|depuis|avant|après|en|au|à)\b"
)
_LEAD_ADVERBS = re.compile(
    r"^(?:\s*(?:à cette occasion|en substance|également|aussi|encore|alors|ensuite|enfin|"
    r"toutefois|pourtant|d'ailleurs|d’ailleurs|plus tard|ainsi))+\s*",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Said:
    """A resolved speaker: ``name`` is None for an unnamed source or an unresolved mention."""

    name: str | None
    mention: Span | None
    kind: SpeakerKind = "unknown"
    titles: list[str] = field(default_factory=list)
    gender: str | None = None  # "m" or "f" when a pronoun or a determiner said so


@dataclass(slots=True)
class People:
    """The people and organisations the article names (from the French NER)."""

    names: list[tuple[int, str]]  # (offset, name) of every person mention, honorifics off
    orgs: list[tuple[Span, str]]

    def fullest(self, name: str) -> str:
        """The fullest name in the article with ``name``'s surname (and first name)."""
        words = name.split()
        best = name
        for _pos, other in self.names:
            cand = other.split()
            if cand[-1].lower() != words[-1].lower() or len(cand) <= len(best.split()):
                continue
            if len(words) >= 2 and cand[0].lower() != words[0].lower():
                continue
            best = other
        return best

    def last_before(self, pos: int, skip: FrenchText) -> tuple[int, str] | None:
        """The last person named before ``pos`` outside direct quotes."""
        found = [(p, n) for p, n in self.names if p < pos and not skip.in_quote(p)]
        return found[-1] if found else None


def people_of(ft: FrenchText) -> People:
    names: list[tuple[int, str]] = []
    orgs: list[tuple[Span, str]] = []
    for chunk in ft.chunks:
        for ent in chunk.doc.ents:
            start = chunk.start + ent.start_char
            span = (start, chunk.start + ent.end_char)
            if ent.label_ == "ORG":
                orgs.append((span, ft.text[span[0] : span[1]]))
            elif ent.label_ == "PER":
                name = clean_name(ft.text[span[0] : span[1]])
                if name:
                    names.append((start, name))
    return People(names, orgs)


def clean_name(text: str) -> str | None:
    """A person's name without honorifics and leading lower-case words; None if no name."""
    words = text.replace("\u00a0", " ").split()
    while words and (words[0].lower() in HONORIFICS or not words[0][:1].isupper()):
        words.pop(0)
    if not words or any(not w[:1].isupper() and "-" not in w for w in words):
        return None
    if len(words) == 1 and (len(words[0]) < 3 or words[0].lower() in _NOT_NAME):
        return None
    return " ".join(words)


def phrase_after(ft: FrenchText, pos: int) -> Span | None:
    """The speaker phrase that follows an inverted verb ending at ``pos``."""
    rest = ft.text[pos : pos + 160]
    lead = _LEAD_ADVERBS.match(rest)
    skip = lead.end() if lead else 0
    stop = _PHRASE_END.search(rest, skip + 1)
    end = stop.start() if stop else len(rest)
    start, end = strip_span(ft.text, pos + skip, pos + end)
    return (start, end) if end > start else None


def resolve(ft: FrenchText, people: People, mention: Span, history: list[Said]) -> Said:
    """The speaker a mention (a name, a description, a pronoun) refers to."""
    words = ft.text[mention[0] : mention[1]].replace("\u00a0", " ").split()
    if not words:
        return Said(None, None)
    first = words[0].lower().lstrip("-")
    gender = _GENDER.get(first)
    if len(words) == 1 and first in PRONOUNS:
        return _antecedent(ft, people, mention, history, gender)
    if first in _INDEFINITE:  # "un proche d'Edouard Philippe" is not Edouard Philippe
        return Said(None, mention, "unknown", [" ".join(words)], gender)
    return _named(ft, people, mention, history, gender)


def _named(
    ft: FrenchText, people: People, mention: Span, history: list[Said], gender: str | None
) -> Said:
    """A mention that is a name, holds one, or describes a person the article names."""
    words = ft.text[mention[0] : mention[1]].replace("\u00a0", " ").split()
    named = _name_in(ft, people, mention)
    if named is not None:
        title = _title_before(words, named)
        return Said(people.fullest(named), mention, "person", [title] if title else [], gender)
    org = next((n for (s, e), n in people.orgs if s >= mention[0] and e <= mention[1]), None)
    described = _described(ft, people, words, mention[0])
    if described is not None:
        return Said(described, mention, "person", [" ".join(_content_words(words))], gender)
    if org is not None:
        return Said(org, mention, "organisation")
    return _same_paragraph(ft, mention, history, gender)


def _name_in(ft: FrenchText, people: People, mention: Span) -> str | None:
    """The person named in the mention, by the NER or as a capitalised word run."""
    inside = [n for p, n in people.names if mention[0] <= p < mention[1]]
    if inside:
        return inside[-1]
    text = ft.text[mention[0] : mention[1]]
    runs = re.findall(rf"{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD})*", text)
    for run in reversed(runs):
        name = clean_name(run)
        if name and any(n.split()[-1] == name.split()[-1] for _p, n in people.names):
            return name
    bare = _content_words(text.split())
    if len(runs) == 1 and bare and " ".join(bare) == runs[0]:
        return clean_name(runs[0])  # a bare name the NER missed: "glisse Zineb"
    return None


def _content_words(words: list[str]) -> list[str]:
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return words


def _title_before(words: list[str], name: str) -> str | None:
    """ "ministre de la Santé" of "le ministre de la Santé Roman Prymula"."""
    first = name.split()[0]
    if first not in words:
        return None
    before = _content_words(words[: words.index(first)])
    before = [w for w in before if w.lower() not in HONORIFICS]
    return " ".join(before) or None


def _described(ft: FrenchText, people: People, words: list[str], before: int) -> str | None:
    """The person a definite description stands for, where the article writes the
    description right before a name or as an apposition after one, before ``before``."""
    desc = " ".join(_content_words(words))
    if len(desc) < 4:
        return None
    escaped = "(?i:" + re.escape(desc).replace(r"\ ", r"[ \u00a0]+") + ")"
    after = re.compile(rf"{escaped}[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]{_NAME_WORD})*)")
    for match in after.finditer(ft.text, 0, before):
        name = clean_name(match.group(1))
        if name:
            return people.fullest(name)
    apposed = re.compile(rf"({_NAME_WORD}(?:[ \u00a0]{_NAME_WORD})*),[ \u00a0]+{escaped}\b")
    for match in apposed.finditer(ft.text, 0, before):
        name = clean_name(match.group(1))
        if name:
            return people.fullest(name)
    return None


def _compatible(said: Said, gender: str | None) -> bool:
    return gender is None or said.gender is None or said.gender == gender


def _antecedent(
    ft: FrenchText, people: People, mention: Span, history: list[Said], gender: str | None
) -> Said:
    """A pronoun's speaker: the speaker quoted last before it (within reach) whose gender
    fits, else the person named last before it outside quotes."""
    for said in reversed(history):
        if said.mention is None or said.mention[0] >= mention[0]:
            continue
        if mention[0] - said.mention[0] > _SPEAKER_REACH:
            break
        if _compatible(said, gender):
            return Said(said.name, mention, said.kind, said.titles, gender or said.gender)
    named = people.last_before(mention[0], ft)
    if named is not None:
        return Said(people.fullest(named[1]), mention, "person", [], gender)
    return Said(None, mention, "unknown", [], gender)


def _same_paragraph(ft: FrenchText, mention: Span, history: list[Said], gender: str | None) -> Said:
    """A description the article ties to no name ("la jeune femme"): the speaker quoted
    last in the same paragraph when the gender fits, else unresolved."""
    para_start = ft.text.rfind("\n", 0, mention[0]) + 1
    for said in reversed(history):
        if said.mention is not None and para_start <= said.mention[0] < mention[0]:
            if said.name is not None and _compatible(said, gender):
                return Said(said.name, mention, said.kind, said.titles, gender or said.gender)
            break
    return Said(None, mention, "unknown", [], gender)
