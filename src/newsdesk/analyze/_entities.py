"""Named entities grouped into clusters of mentions with a canonical name.

"Hamilton" joins "Kevin Hamilton" (people share a surname key); "the UN" joins "United
Nations" (an acronym matches the initials of a longer name); "the EU" and "EU" share a key.
spaCy's small model misses many acronyms and agency names, so upper-case proper nouns and
proper nouns modifying an organisation noun ("the Beta news agency") are added as ORG.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsdesk.analyze._nlp import Chunk
from newsdesk.record import Entity, Span

if TYPE_CHECKING:
    from newsdesk.analyze._context import Analysis

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})
ORG_HEADS = frozenset(
    """agency newspaper paper daily magazine channel network broadcaster station party ministry
    company firm bank group council committee institute university foundation union alliance
    mission office department service association organisation organization""".split()
)
_LEADING = ("the ", "The ")
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(slots=True)
class Mention:
    span: Span
    text: str
    label: str
    root: Token  # the entity's syntactic head
    offset: int  # of its chunk


@dataclass(slots=True)
class Cluster:
    key: str
    mentions: list[Mention] = field(default_factory=list)
    name: str = ""  # the longest mention, set by refresh()
    label: str = ""  # the most common label, set by refresh()
    gender: str = ""  # "m", "f" or "" (unknown): learned from the article by guess_genders()

    def refresh(self) -> Cluster:
        self.label = Counter(m.label for m in self.mentions).most_common(1)[0][0]
        names = {clean_name(m.text) for m in self.mentions}
        self.name = max(names, key=lambda n: (len(n.split()), len(n), n))
        return self


def clean_name(text: str) -> str:
    text = text.strip()
    for lead in _LEADING:
        if text.startswith(lead):
            text = text[len(lead) :]
    for tail in _POSSESSIVE:
        if text.endswith(tail) and len(text) > len(tail) + 1:
            text = text[: -len(tail)]
            break
    return text.strip()


def _key(label: str, text: str) -> str:
    name = clean_name(text)
    if label == "PERSON":
        words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
        return "PERSON:" + (words[-1].lower() if words else name.lower())
    return name.lower()


def _acronym(name: str) -> str:
    skip = {"of", "for", "and", "the", "on", "de", "in"}
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[:1].isupper())


def _extra_orgs(chunk: Chunk, covered: set[int]) -> list[Mention]:
    """Acronyms and agency names the model missed: 'KFOR', 'the Beta news agency'."""
    found: list[Mention] = []
    for tok in chunk.doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        acronym = tok.text.isupper() and 2 <= len(tok.text) <= 6 and tok.text.isalpha()
        if not (acronym or _compound_of_org_head(tok)):
            continue
        start = chunk.start + tok.idx
        found.append(Mention((start, start + len(tok.text)), tok.text, "ORG", tok, chunk.start))
    return found


def _compound_of_org_head(tok: Token) -> bool:
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return tok.dep_ == "compound" and head.lemma_.lower() in ORG_HEADS


def collect_mentions(chunks: list[Chunk]) -> list[Mention]:
    """Every named-entity mention of a kept label, in text order."""
    mentions: list[Mention] = []
    for chunk in chunks:
        covered: set[int] = set()
        for ent in chunk.doc.ents:
            covered.update(range(ent.start, ent.end))
            text = ent.text
            if ent.label_ not in KEEP_LABELS or not any(c.isalpha() for c in text):
                continue
            span = (chunk.start + ent.start_char, chunk.start + ent.end_char)
            mentions.append(Mention(span, text, ent.label_, ent.root, chunk.start))
        mentions.extend(_extra_orgs(chunk, covered))
    mentions.sort(key=lambda m: m.span)
    return mentions


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions: same key, surname for people, acronym for organisations."""
    by_key: dict[str, Cluster] = {}
    for mention in mentions:
        key = _key(mention.label, mention.text)
        by_key.setdefault(key, Cluster(key)).mentions.append(mention)
    for cluster in by_key.values():
        cluster.refresh()
    long_names = {_acronym(c.name).lower(): c for c in by_key.values() if len(c.name.split()) > 1}
    for key, cluster in list(by_key.items()):
        target = long_names.get(key)
        if target is not None and target is not cluster and key.isalpha() and len(key) >= 2:
            target.mentions.extend(cluster.mentions)
            target.mentions.sort(key=lambda m: m.span)
            target.refresh()
            del by_key[key]
    return sorted(by_key.values(), key=lambda c: c.mentions[0].span)


_MALE = frozenset("he him his himself".split())
_FEMALE = frozenset("she her hers herself".split())
_TITLE = re.compile(r"(?i)\b(mr|mrs|ms|miss|mister|madam)\b\.?\s*$")
_TITLE_GENDER = {"mr": "m", "mister": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f"}
_TITLE_VOTE = 3


def guess_genders(analysis: Analysis) -> None:
    """Set each person cluster's gender from the article itself, never from name lists:
    titles on its mentions ("Mr. Obama", "Ms. Moore") and the he/she/his/her pronouns in
    sentences that name only that person, or that follow a sentence naming only them."""
    clusters = analysis.clusters
    votes: dict[str, Counter[str]] = {}
    root_at: dict[int, Cluster] = {}
    for cluster in clusters:
        if cluster.label == "PERSON":
            _title_votes(analysis.text, cluster, root_at, votes)
    for chunk in analysis.chunks:
        previous: Cluster | None = None
        for sent in chunk.doc.sents:
            previous = _sentence_votes(sent, chunk.start, root_at, previous, votes)
    for cluster in clusters:
        ranked = [*votes.get(cluster.key, Counter()).most_common(2), ("", 0), ("", 0)]
        if ranked[0][1] > ranked[1][1]:
            cluster.gender = ranked[0][0]


def _title_votes(
    text: str, cluster: Cluster, root_at: dict[int, Cluster], votes: dict[str, Counter[str]]
) -> None:
    """Votes from the titles on ``cluster``'s mentions ("Mr. Obama"); each mention's root
    offset is recorded in ``root_at``."""
    for mention in cluster.mentions:
        root_at[mention.offset + mention.root.idx] = cluster
        start = mention.span[0]
        title = _TITLE.search(text, max(0, start - 8), start) or _TITLE.match(mention.text)
        if title is not None:
            gender = _TITLE_GENDER[title.group(1).lower()]
            votes.setdefault(cluster.key, Counter())[gender] += _TITLE_VOTE


def _sentence_votes(
    sent: SpacySpan,
    offset: int,
    root_at: dict[int, Cluster],
    previous: Cluster | None,
    votes: dict[str, Counter[str]],
) -> Cluster | None:
    """Pronoun votes in one sentence; returns the only person it names (or None)."""
    named: list[Cluster] = []
    for tok in sent:
        cluster = root_at.get(offset + tok.idx)
        if cluster is not None:
            if all(c is not cluster for c in named):
                named.append(cluster)
            continue
        lower = tok.lower_
        if lower in _MALE or lower in _FEMALE:
            carried = previous if tok.dep_ == "nsubj" else None  # "… Ms. Lee. She said"
            owner = named[0] if len(named) == 1 else None if named else carried
            if owner is not None:
                votes.setdefault(owner.key, Counter())["m" if lower in _MALE else "f"] += 1
    return named[0] if len(named) == 1 else None


def to_entities(clusters: list[Cluster]) -> list[Entity]:
    return [
        Entity(name=c.name, label=c.label, mentions=[m.span for m in c.mentions]) for c in clusters
    ]
