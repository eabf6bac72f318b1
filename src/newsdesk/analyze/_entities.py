"""Named entities grouped into clusters of mentions with a canonical name.

"Hamilton" joins "Kevin Hamilton" (people share a surname key); "the UN" joins "United
Nations" (an acronym matches the initials of a longer name); "the EU" and "EU" share a key,
and so do "U.S.", "US" and "United States" (the spellings and aliases of
``store._aliases``, the ones the store joins across articles). Mentions that are no name
whatever the model says ("n't", "Size" opening a sentence) are left out (``is_junk``).
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
from newsdesk.store._aliases import canonical, spelling

if TYPE_CHECKING:
    from newsdesk.analyze._context import Analysis

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})
ORG_HEADS = frozenset(
    """agency newspaper paper daily magazine channel network broadcaster station party ministry
    company firm bank group council committee institute university foundation union alliance
    mission office department service association organisation organization""".split()
)
_LEADING = ("the ", "The ")
# Titles and honorifics written before a name, not part of it (lower case, no final dot).
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx mister madam dr prof professor sir dame lord lady sen senator rep
    representative gov governor president vice prime minister secretary chancellor premier
    gen general lt col colonel maj major cmdr commander capt captain sgt sergeant adm admiral
    ambassador judge justice chairman chairwoman chair ceo cfo coach rev reverend father
    superintendent supt insp inspector det detective officer sheriff mayor councillor
    councilman councilwoman attorney tanaiste taoiseach king queen prince princess pope
    bishop archbishop cardinal rabbi imam sheikh emir dean principal""".split()
)
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
    return spelling(canonical(name, label)[0])  # "U.S.", "US", "United States": one key


def _acronym(name: str) -> str:
    skip = {"of", "for", "and", "the", "on", "de", "in"}
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[:1].isupper())


def _extra_orgs(chunk: Chunk, covered: set[int]) -> list[Mention]:
    """Acronyms and agency names the model missed: 'KFOR', 'the Beta news agency'."""
    found: list[Mention] = []
    for tok in chunk.doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.lower_ in TITLE_WORDS:  # "CEO Tim Cook": a title, not an agency
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


def _person_start(ent: SpacySpan) -> int:
    """The index of the first token of a person's name in ``ent``: titles and honorifics
    ("Superintendent", "Ms", "Supt", "Tanaiste") and a participle opening the sentence before
    a one-word name ("Hosting Cook at Dreamforce ...") are left out; titles become the title
    before the name."""
    start = ent.start
    doc = ent.doc
    while start < ent.end - 1:
        tok = doc[start]
        word = tok.lower_.rstrip(".")
        first = tok.is_sent_start or tok.i == 0 or not doc[tok.i - 1].is_alpha
        names = [t for t in doc[start + 1 : ent.end] if t.pos_ != "PART"]  # no "'s"
        participle = first and word.endswith("ing") and len(names) == 1
        if word not in TITLE_WORDS and not participle and tok.pos_ == "PROPN":
            break
        start += 1
    return start


def _person_span(ent: SpacySpan) -> SpacySpan:
    """A person's name in ``ent``: titles left out (``_person_start``), and the first part
    of a hyphenated first name the model cut off put back ("Eva-" of "Eva-Marie Persson")."""
    doc, start = ent.doc, _person_start(ent)
    if start == ent.start and start >= 2:
        hyphen, first = doc[start - 1], doc[start - 2]
        joined = hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_
        if joined and first.is_alpha and first.text[:1].isupper():
            start -= 2
    return doc[start : ent.end]


@dataclass(frozen=True, slots=True)
class WordUse:
    """How the article writes its words: ``lower`` seen in lower case ("size"), ``named``
    seen capitalised inside a sentence ("... in Ukraine")."""

    lower: frozenset[str]
    named: frozenset[str]


def word_use(chunks: list[Chunk]) -> WordUse:
    lower: set[str] = set()
    named: set[str] = set()
    for chunk in chunks:
        for tok in chunk.doc:
            if tok.is_lower:
                lower.add(tok.text)
            elif tok.text[:1].isupper() and not _opens_sentence(tok):
                named.add(tok.text)
    return WordUse(frozenset(lower), frozenset(named))


def _opens_sentence(tok: Token) -> bool:
    """The first word of a sentence or line (after any opening quote mark or bracket)."""
    doc = tok.doc
    left = tok.i
    while left >= 0:
        prev = doc[left]
        if prev.is_sent_start or "\n" in prev.text:
            return True
        if left < tok.i and not (prev.is_punct or prev.is_space):
            return False
        left -= 1
    return True


def is_junk(ent: SpacySpan, label: str, words: WordUse) -> bool:
    """Not a name, whatever the model's label: no capital letter at all ("n't", "meth",
    "the immigration department"), an apostrophe first ("'s"), a title alone taken for a
    place or an organisation ("CEO"); or one capitalised word
    opening a sentence, that the article writes in lower case elsewhere ("Education ...",
    "... education") or the tagger takes for a common word ("Size matters", "Pros and
    cons"), and that the article never capitalises inside a sentence (as it does a name:
    "Serbia is ..." and "... with Serbia"). Nationalities ("American", an adjective) and
    acronyms ("US") are names."""
    text = ent.text
    if not any(c.isupper() for c in text) or text[:1] in "'’":
        return True
    tok = ent[0]
    if len(ent) == 1 and label != "PERSON" and tok.lower_.rstrip(".") in TITLE_WORDS:
        return True  # "CEO" as an organisation (a surname "King" stays a person's)
    if len(ent) != 1 or label == "NORP" or text.isupper() or not _opens_sentence(tok):
        return False
    common = tok.text.lower() in words.lower or tok.pos_ != "PROPN"
    return common and tok.text not in words.named


def collect_mentions(chunks: list[Chunk]) -> list[Mention]:
    """Every named-entity mention of a kept label, in text order (``is_junk`` ones left
    out); people without the titles in front of their names."""
    mentions: list[Mention] = []
    words = word_use(chunks)
    for chunk in chunks:
        covered: set[int] = set()
        for found in chunk.doc.ents:
            covered.update(range(found.start, found.end))
            label = found.label_
            ent = _person_span(found) if label == "PERSON" else found
            text = ent.text
            if label not in KEEP_LABELS or not any(c.isalpha() for c in text):
                continue
            if is_junk(ent, label, words):
                continue
            span = (chunk.start + ent.start_char, chunk.start + ent.end_char)
            mentions.append(Mention(span, text, label, ent.root, chunk.start))
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


def complete_names(chunks: list[Chunk], clusters: list[Cluster]) -> list[Cluster]:
    """Give one-word person names the fullest form the article has: a one-word cluster
    joins the only longer person name holding that word ("Fiona" -> "Fiona Parry", "Liu"
    -> "Liu Xiaming"); otherwise its name takes the proper nouns written right before it
    anywhere in the text, when the model missed that name ("Montell Figgins")."""
    people = [c for c in clusters if c.label == "PERSON"]
    gone: set[int] = set()
    for cluster in people:
        if len(cluster.name.split()) != 1:
            continue
        word = cluster.name
        longer = [c for c in people if c is not cluster and word in c.name.split()]
        if len(longer) == 1:
            longer[0].mentions.extend(cluster.mentions)
            longer[0].mentions.sort(key=lambda m: m.span)
            longer[0].name = max(longer[0].name, word, key=lambda n: (len(n.split()), len(n), n))
            gone.add(id(cluster))
        elif not longer:
            cluster.name = _written_full_name(chunks, word) or word
    return [c for c in clusters if id(c) not in gone]


def _written_full_name(chunks: list[Chunk], word: str) -> str | None:
    """The longest "First [Middle] <word>" run of proper nouns in the text, titles left out."""
    best: list[str] = []
    for chunk in chunks:
        for tok in chunk.doc:
            if tok.text == word and tok.i > 0:
                run = _names_before(tok)
                if run and len(run) + 1 > len(best):
                    best = [*run, word]
    return " ".join(best) if best else None


def _names_before(tok: Token) -> list[str]:
    """Up to two given names written right before ``tok`` ("Eva-Marie", "Montell")."""
    doc = tok.doc
    run: list[str] = []
    left = tok.i - 1
    while left >= 0 and len(run) < 2:
        prev = doc[left]
        if prev.text == "-" and run and not prev.whitespace_ and left >= 1:
            if _name_like(doc[left - 1]) and not doc[left - 1].whitespace_:
                run[0] = f"{doc[left - 1].text}-{run[0]}"
                left -= 2
                continue
        if not _name_like(prev):
            break
        run.insert(0, prev.text)
        left -= 1
    return run


def _name_like(tok: Token) -> bool:
    """A capitalised proper noun that is not a title, nor part of a place or a date."""
    proper = tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha
    return proper and tok.lower_ not in TITLE_WORDS and tok.ent_type_ in ("", "PERSON", "ORG")
