"""Who is speaking: a cue's subject token resolved to a named speaker (full name from its
longest mention, titles and organisations from appositions and pre-modifiers), to an
unnamed one ("a NATO official", "the ministry"), or through a pronoun to an antecedent.

A he/she pronoun goes to the nearest person of a compatible gender (learned from the article:
titles and pronouns, see ``_entities.guess_genders``) who is the subject of an earlier
sentence in the same paragraph, unless the last quote's speaker came later; then the last
quote's speaker; then the nearest person named before. Nobody is ever guessed from nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsdesk.analyze import _confidence as confidence
from newsdesk.analyze._entities import ORG_HEADS, Cluster, Mention
from newsdesk.analyze._lexicon import is_speech
from newsdesk.analyze._speakers._choice import cue_holder
from newsdesk.analyze._speakers._names import clean_person_name, surname, written_full_name
from newsdesk.analyze._syntax import NOMINAL_SUBJECTS, QuoteIndex
from newsdesk.record import Span, Speaker

PERSON_PRONOUNS = frozenset("he she him her his hers".split())
_MALE = frozenset("he him his".split())
PLURAL_PRONOUNS = frozenset("they them we us".split())
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
NOT_SPEAKERS = frozenset("what there this these those whatever anything something".split())
_DEMONSTRATIVES = frozenset({"those", "these"})  # speakers when modified: "those close to him"
_MODIFIERS = frozenset({"prep", "relcl", "acl", "amod"})
ORG_NOUNS = ORG_HEADS | frozenset(
    "government administration police army military court campaign embassy spokesperson".split()
) - frozenset({"spokesperson"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_INDEFINITE = frozenset("a an another one some".split())
_MAX_TITLE_WORDS = 14
# Abbreviated titles, spelled out to meet a description ("Gov. Holcomb" ... "the governor").
_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "supt": "superintendent",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "cmdr": "commander",
    "adm": "admiral",
    "amb": "ambassador",
    "pres": "president",
    "prof": "professor",
    "dr": "doctor",
    "insp": "inspector",
    "det": "detective",
    "atty": "attorney",
    "sec": "secretary",
    "min": "minister",
}
_ANTECEDENT_WINDOW = 2500  # characters back to look for a person named earlier
_DESCRIBED_AHEAD = 1000  # characters on to a person a description comes before
_EDGE = " ,;:—–-\"'“”‘’()"


@dataclass(slots=True)
class SpeakerRef:
    """The speaker of one quote: which speaker (key), through which mention, how sure."""

    key: str
    mention: Span
    confidence: float


@dataclass(slots=True)
class SpeakerEntry:
    key: str
    name: str | None
    kind: str
    titles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    mentions: set[Span] = field(default_factory=set)
    first: int = 0


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "speaker"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


# 'RANGOON, Burma - ', 'MYRTLE BEACH, S.C. - ', 'CLEVELAND, July 19 (UPI) — ': a place that
# opens the story
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*(?:, [A-Z][\w.'’]*(?: [A-Z0-9][\w.'’]*){0,2})?"
    r"(?: \([A-Z][\w ]*\))? +[-—–]{1,2} "
)
_OBJECT_PRONOUNS = frozenset("me you him her us them".split())
_RELATIVE_WORDS = frozenset("who whom which that where when what".split())
# "he promised them to call", "used the comments to urge", "encouraged supporters to ask":
# the subject, not the object, is the source of what is said
_SUBJECT_CONTROL = frozenset(
    """promise vow threaten use encourage invite challenge dare implore beg want need expect
    push press pressure""".split()
)
# "a report written by X", not "emails published by X": verbs whose agent wrote the words
_AUTHORING = frozenset("write send sign issue release author draft conduct compile prepare".split())


def _past_dateline(tok: Token, offset: int, text: str, paragraph: Span) -> Token | None:
    """A subject the parser took from the dateline ('MYRTLE BEACH, S.C. - Sen. Ted Cruz
    continued ...'): the verb's other subject, or the dateline's apposition, after the dash."""
    match = _DATELINE.match(text, paragraph[0], paragraph[1])
    if match is None or offset + tok.idx >= match.end():
        return None
    after = [
        c for c in tok.head.children if c.dep_ in NOMINAL_SUBJECTS and offset + c.idx >= match.end()
    ]
    after += [c for c in tok.children if c.dep_ == "appos" and offset + c.idx >= match.end()]
    return after[0] if after else None


def _named_author(tok: Token) -> Token | None:
    """The named author of a document that speaks ('an estimate by the Joint Committee on
    Taxation projected ...', 'an email sent out by Sanders warned ...')."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return None
    for child in tok.children:
        by = None
        if child.dep_ == "prep" and child.lower_ == "by":
            by = child
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ in _AUTHORING:
            by = next((c for c in child.children if c.dep_ == "agent"), None)
        author = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if author is not None and (author.pos_ == "PROPN" or author.ent_type_):
            return author
    return None


def object_controller(speaker: Token, cue: Token) -> Token:
    """The speaker of a speech verb in an infinitive after an object: 'the timing led
    Republicans to say ...', 'That prompted Rubio to make a joke and call Trump ...': the
    object speaks, not the subject the parse climbed to. After a verb of speech ('urged his
    supporters to ask ...') the subject stays the speaker."""
    if not is_speech(cue.lemma_):  # "urged people to vote": the urger is the speaker
        return speaker
    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    head = verb.head
    if verb.dep_ != "xcomp" or speaker.head.i != head.i:
        return speaker
    if head.lemma_ in _SUBJECT_CONTROL or is_speech(head.lemma_):
        return speaker
    for child in head.children:
        if child.dep_ == "dobj" and child.i < verb.i and _can_speak(child):
            return child
    return speaker


def clause_subject(speaker: Token, cue: Token) -> Token:
    """The subject of the relative clause that holds the cue, when the parse gave the noun
    the clause modifies: 'a defeat Obama believes to be the worst', 'Cruz and Rubio, who
    many feel need a win', 'the streets of Philadelphia, where thousands came to protest';
    then the other corrections of ``_choice.cue_holder`` (the nearest of several
    subjects, an inverted name after a comma, 'an admission from X')."""
    return cue_holder(_relative_subject(speaker, cue), cue)


def _relative_subject(speaker: Token, cue: Token) -> Token:
    verb = cue
    for _ in range(4):
        if verb.dep_ == "relcl" and verb.head.i == speaker.i:
            subject = next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECTS), None)
            if subject is None or subject.lower_ in _RELATIVE_WORDS:
                return speaker
            return subject
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return speaker


def _last_conjunct(tok: Token) -> Token:
    """The last noun joined to ``tok`` by "and" ("residents" in "businesses and residents")."""
    if not any(c.dep_ == "cc" and c.lower_ == "and" for c in tok.children):
        return tok
    nouns = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > tok.i]
    return nouns[-1] if nouns else tok


def _can_speak(tok: Token) -> bool:
    """A noun or a personal pronoun; not "this" in "had this to say"."""
    return tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in _OBJECT_PRONOUNS


class SpeakerBook:
    """Resolves cue subjects to speakers and collects everything said about each speaker."""

    def __init__(self, text: str, clusters: list[Cluster]) -> None:
        self.text = text
        self.entries: dict[str, SpeakerEntry] = {}
        self._cluster_at: dict[int, tuple[Cluster, Mention]] = {}
        self._people: list[tuple[int, Cluster, Mention]] = []
        for cluster in clusters:
            for mention in cluster.mentions:
                for pos in range(*mention.span):
                    self._cluster_at[pos] = (cluster, mention)
                if cluster.label == "PERSON":
                    self._people.append((mention.span[0], cluster, mention))
        self._people.sort(key=lambda item: item[0])
        self._positions = [p[0] for p in self._people]
        self._orgs = [c for c in clusters if c.label == "ORG"]
        self._clusters = clusters
        self._by_key = {c.key: c for c in clusters if c.label == "PERSON"}
        self._unnamed = 0
        self._last_unnamed: dict[str, str] = {}
        self._title_cache: dict[str, set[str]] = {}
        self.last: tuple[SpeakerRef, int] | None = None  # last quote's speaker and its position
        self.quoted = QuoteIndex([])  # the direct quotes' words: people named there do not speak

    # -- entry points -------------------------------------------------------------------
    def resolve(self, tok: Token, offset: int, paragraph: Span) -> SpeakerRef | None:
        """The speaker behind subject token ``tok`` (in a chunk starting at ``offset``) of a
        cue in ``paragraph``. The mention never reaches back over a paragraph break that
        the parse ran over ('X. ¶ Sexton tweeted')."""
        tok = _past_dateline(tok, offset, self.text, paragraph) or _named_author(tok) or tok
        start = offset + tok.idx
        ref = self._resolve(tok, offset, paragraph)
        if ref is not None:
            cut = self.text.rfind("\n", ref.mention[0], start)
            if cut >= 0:
                ref.mention = _trimmed(self.text, cut + 1, ref.mention[1])
        return ref

    def _resolve(self, tok: Token, offset: int, paragraph: Span) -> SpeakerRef | None:
        return self._together(tok, offset, paragraph) or self._resolve_one(tok, offset, paragraph)

    def _together(self, tok: Token, offset: int, paragraph: Span) -> SpeakerRef | None:
        """Named people who speak together ("Volker and Morrison said", "both Vindman and
        Williams told ..."): one speaker, their full names joined by "and"."""
        conjs = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        joined = any(c.dep_ == "cc" and c.lower_ == "and" for c in tok.children)
        if tok.pos_ != "PROPN" or not conjs or not joined:
            return None
        members = [self._resolve_one(t, offset, paragraph) for t in (tok, *conjs)]
        people = [m for m in members if m is not None and self.entries[m.key].kind == "person"]
        if len(people) != len(members) or len({m.key for m in people}) < len(people):
            return None
        key = "GROUP:" + "+".join(m.key for m in people)
        name = " and ".join(self.entries[m.key].name or "" for m in people)
        mention = _trimmed(self.text, offset + tok.left_edge.idx, people[-1].mention[1])
        entry = self._entry(key, name, "unknown", mention[0])
        entry.mentions.add(mention)
        return SpeakerRef(key, mention, confidence.NAMED)

    def _resolve_one(self, tok: Token, offset: int, paragraph: Span) -> SpeakerRef | None:
        start = offset + tok.idx
        lower = tok.lower_
        if tok.pos_ == "PRON" or lower in RELATIVE_PRONOUNS:
            return self._pronoun_ref(tok, offset, paragraph)
        found = self._cluster_for(tok, offset)
        # "Doe said" / "Figgins declined" (tagged a noun, or an organisation): a person's name
        named = tok.pos_ == "PROPN" or tok.text[:1].isupper()
        surname = self._by_key.get(f"PERSON:{lower}") if named else None
        if found is not None and (surname is None or found[0].label == "PERSON"):
            return self._named(*found)
        if surname is not None:  # "Doe said", where the model missed that Doe is a person
            self._cluster_entry(surname)
            return SpeakerRef(surname.key, (start, start + len(tok.text)), confidence.SURNAME)
        # "the 14th-ranked Schwartzman" after "Diego Schwartzman"; "the governor" after
        # "Gov. Eric Holcomb"
        unknown = self._unknown_name(tok, start) if found is None else None
        described = unknown or self._described(tok, offset)
        if described is not None:
            return described
        if tok.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "DET"):
            return self._unnamed_ref(tok, offset)  # "a NATO official", "the ministry", "many"
        return None

    def _unknown_name(self, tok: Token, start: int) -> SpeakerRef | None:
        """A proper noun no entity holds, whose full name the article writes elsewhere."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
            return None
        full = written_full_name(self.text, tok.text, self._clusters)
        if full is None:
            return None
        mention = (start, start + len(tok.text))
        entry = self._entry(f"PERSON:{tok.lower_}", full, "person", start)
        entry.mentions.add(mention)
        return SpeakerRef(entry.key, mention, confidence.SURNAME)

    def byline(self, name: Span) -> SpeakerRef:
        """The person named in a byline ('“…” ― Carla Sanchez'), known to NER or not."""
        found = self._cluster_at.get(name[0])
        if found is not None and found[0].label == "PERSON":
            return self._named(*found)
        text = self._text(*name)
        words = text.replace("-", " ").split()
        key = "PERSON:" + words[-1].lower()
        cluster = self._by_key.get(key)
        if cluster is not None:
            self._cluster_entry(cluster)
        else:
            self._entry(key, text, "person", name[0])
        self.entries[key].mentions.add(name)
        return SpeakerRef(key, name, confidence.BYLINE)

    def _pronoun_ref(self, tok: Token, offset: int, paragraph: Span) -> SpeakerRef | None:
        start = offset + tok.idx
        mention = (start, start + len(tok.text))
        lower = tok.lower_
        ref: SpeakerRef | None = None
        if lower in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            ref = self.resolve(tok.head.head, offset, paragraph)  # "Hamilton, who said ..."
            if ref is not None and lower == "which" and self.entries[ref.key].kind == "person":
                return self._unresolved(mention)  # "Cook told Benioff, which meant ...": no one
            if ref is not None:  # the mention is "who"/"that" itself; name and id say who
                return SpeakerRef(ref.key, mention, min(ref.confidence, confidence.RELATIVE_CAP))
        elif lower in PERSON_PRONOUNS:
            ref = self._pronoun(start, len(tok.text), paragraph)
        elif lower in PLURAL_PRONOUNS or lower == "it":
            ref = self._plural(start, len(tok.text))
        if ref is None:
            if lower in _DEMONSTRATIVES and any(c.dep_ in _MODIFIERS for c in tok.children):
                return self._unnamed_ref(tok, offset)  # "those around him", "those who ..."
            if lower in NOT_SPEAKERS:
                return None
            return self._unresolved(mention)
        return SpeakerRef(ref.key, mention, ref.confidence)

    def _unresolved(self, mention: Span) -> SpeakerRef:
        """A pronoun we cannot resolve: an unnamed speaker, never a guess."""
        self._unnamed += 1
        key = f"unnamed-{self._unnamed}"
        entry = self._entry(key, None, "unknown", mention[0])
        entry.mentions.add(mention)
        return SpeakerRef(key, mention, confidence.UNRESOLVED)

    def remember(self, ref: SpeakerRef, position: int) -> None:
        if ref.confidence != confidence.UNRESOLVED:  # nobody: the last speaker stays
            self.last = (ref, position)

    def speakers(self, used: set[str]) -> list[Speaker]:
        entries = sorted((e for e in self.entries.values() if e.key in used), key=lambda e: e.first)
        return [
            Speaker(
                id=self.speaker_id(e.key),
                name=e.name,
                titles=e.titles,
                organisations=e.organisations,
                mentions=sorted(e.mentions),
                kind=e.kind,  # type: ignore[arg-type]
            )
            for e in entries
        ]

    def speaker_id(self, key: str) -> str:
        entry = self.entries[key]
        return _slug(entry.name) if entry.name else key

    def name_of(self, key: str) -> str | None:
        return self.entries[key].name

    # -- named speakers -----------------------------------------------------------------
    def _cluster_for(self, tok: Token, offset: int) -> tuple[Cluster, Mention] | None:
        hit = self._cluster_at.get(offset + tok.idx)
        if hit is not None:
            return hit
        for child in tok.children:  # "the Deputy Secretary General, Ambassador Kevin Hamilton"
            if child.dep_ == "appos":
                hit = self._cluster_at.get(offset + child.idx)
                if hit is not None and hit[0].label == "PERSON":
                    return hit
        return None

    def _entry(self, key: str, name: str | None, kind: str, first: int) -> SpeakerEntry:
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = SpeakerEntry(key, name, kind, first=first)
        return entry

    def _named(self, cluster: Cluster, mention: Mention) -> SpeakerRef:
        own = self._own_surname(cluster, mention)
        if own is not None:  # "James P. Kennedy Jr." in the cluster of "Patrick W. Carlineo Jr."
            return SpeakerRef(own.key, mention.span, confidence.NAMED)
        self._cluster_entry(cluster)
        return SpeakerRef(cluster.key, mention.span, confidence.NAMED)

    def _own_surname(self, cluster: Cluster, mention: Mention) -> SpeakerEntry | None:
        """The entry of a person mention whose surname differs from its cluster's name."""
        name = " ".join(mention.text.split())
        last = surname(name)
        if cluster.label != "PERSON" or len(name.split()) < 2 or last == surname(cluster.name):
            return None
        other = self._by_key.get(f"PERSON:{last}")
        if other is not None:
            entry = self._cluster_entry(other)
            if len(name.split()) > len((entry.name or "").split()):
                entry.name = name
        else:
            entry = self._entry(f"PERSON:{last}", name, "person", mention.span[0])
        entry.mentions.add(mention.span)
        return entry

    def _cluster_entry(self, cluster: Cluster) -> SpeakerEntry:
        """The entry of a named cluster, with every mention and the titles around them."""
        person = cluster.label == "PERSON"
        kind = "person" if person else "organisation"
        fresh = cluster.key not in self.entries
        entry = self._entry(cluster.key, cluster.name, kind, cluster.mentions[0].span[0])
        if fresh and len(cluster.name.split()) == 1:
            full = written_full_name(self.text, cluster.name, self._clusters)
            if full is not None:  # "Sanborn" -> "Jeff Sanborn", whom the model missed
                entry.name, entry.kind = full, "person"
        elif fresh and person:  # "the 14th-ranked Schwartzman", "Prosecution Eva-Marie ..."
            entry.name = clean_person_name(cluster.name, self.text)
        if fresh:
            entry.mentions.update(m.span for m in cluster.mentions)
            for mention in cluster.mentions if person else ():
                for title in self._titles(mention):
                    if title not in entry.titles:
                        entry.titles.append(title)
                        self._add_orgs(entry, title)
        return entry

    def _titles(self, mention: Mention) -> list[str]:
        root, offset = mention.root, mention.offset
        titles: list[str] = []
        lefts = [c for c in root.lefts if c.dep_ == "compound" and offset + c.idx < mention.span[0]]
        first = lefts[0].left_edge if lefts else None
        opening = first is not None and first.is_sent_start and first.lower_.endswith("ing")
        if first is not None and not opening:  # not "Hosting" in "Hosting Cook at ..."
            # the whole title phrase: "White House press secretary", "Prime Minister"
            titles.append(self._text(first.idx + offset, mention.span[0]))
        if root.dep_ == "appos":
            titles.append(self._phrase(root.head, offset, skip=root))
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                titles.append(self._phrase(child, offset))
        return [t for t in titles if t and len(t.split()) <= _MAX_TITLE_WORDS]

    def _phrase(self, tok: Token, offset: int, skip: Token | None = None) -> str:
        cut = {t.i for t in skip.subtree} if skip is not None else set()
        clauses = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        tokens = [t for t in tok.subtree if t.i not in cut and t.i not in clauses]
        run: list[Token] = []
        for t in tokens:  # the contiguous run around tok
            if run and t.i != run[-1].i + 1:
                if tok.i <= run[-1].i:
                    break
                run = []
            run.append(t)
        if not run:
            return ""
        return self._text(offset + run[0].idx, offset + run[-1].idx + len(run[-1].text))

    def _text(self, start: int, end: int) -> str:
        start, end = _trimmed(self.text, start, end)
        text = self.text[start:end]
        for lead in ("the ", "a ", "an "):
            if text.lower().startswith(lead):
                text = text[len(lead) :]
        return " ".join(text.split())

    def _add_orgs(self, entry: SpeakerEntry, title: str) -> None:
        for cluster in self._orgs:
            if cluster.name not in entry.organisations:
                if any(
                    re.search(rf"(?<!\w){re.escape(clean)}(?!\w)", title)
                    for clean in {cluster.name, *(m.text for m in cluster.mentions)}
                ):
                    entry.organisations.append(cluster.name)

    # -- definite descriptions ------------------------------------------------------------
    def _described(self, tok: Token, offset: int) -> SpeakerRef | None:
        """A definite description of a person ("the governor", "China's ambassador", "the
        Wikileaks founder") resolved to the nearest person named before whose titles hold
        its head noun; None when no such person, for a plural or an organisation noun."""
        definite = tok.left_edge.lower_ == "the" or any(c.dep_ == "poss" for c in tok.children)
        lemma = tok.lemma_.lower()
        singular = tok.tag_ == "NN"  # "the doctors" are not the one doctor named before
        if tok.pos_ != "NOUN" or not singular or not definite or lemma in ORG_NOUNS:
            return None
        start = offset + tok.left_edge.idx
        k = bisect_left(self._positions, start)
        before = [p[1] for p in reversed(self._people[:k])]
        after = [p[1] for p in self._people[k:] if p[0] < start + _DESCRIBED_AHEAD]
        for cluster in before + after:  # the lede's description, named a little later
            if lemma in self._title_words(cluster):
                self._cluster_entry(cluster)
                mention = _trimmed(self.text, start, offset + tok.idx + len(tok.text))
                return self._via(cluster.key, mention, confidence.DESCRIBED)
        return None

    def _title_words(self, cluster: Cluster) -> set[str]:
        """The words of every title around ``cluster``'s mentions, abbreviations spelled out."""
        words = self._title_cache.get(cluster.key)
        if words is None:
            titles = [t for m in cluster.mentions for t in self._titles(m)]
            raw = {w.strip(".,'’").lower() for t in titles for w in t.split()}
            words = self._title_cache[cluster.key] = {_ABBREVIATIONS.get(w, w) for w in raw}
        return words

    # -- unnamed speakers -----------------------------------------------------------------
    def _unnamed_ref(self, tok: Token, offset: int) -> SpeakerRef | None:
        if not tok.text[:1].isalnum() and tok.text != "%":  # "85% of Democrats said"
            return None
        start = offset + tok.left_edge.idx
        last = _last_conjunct(tok)  # "Businesses and residents say": both speak
        end = offset + last.idx + len(last.text)
        start, end = _trimmed(self.text, start, end)
        lemma = tok.lemma_.lower()
        determiner = tok.left_edge.lower_
        key = self._last_unnamed.get(lemma)
        if key is None or determiner in _INDEFINITE:
            self._unnamed += 1
            key = f"unnamed-{self._unnamed}"
            self._last_unnamed[lemma] = key
        kind = "organisation" if lemma in ORG_NOUNS or tok.ent_type_ in _ORG_LABELS else "person"
        if tok.pos_ not in ("NOUN", "PROPN"):
            kind = "unknown"  # "many", "about one in five": never a pronoun's antecedent
        entry = self._entry(key, None, kind, start)
        entry.mentions.add((start, end))
        phrase = self._text(start, end)
        if phrase and phrase not in entry.titles and len(phrase.split()) <= _MAX_TITLE_WORDS:
            entry.titles.append(phrase)
            self._add_orgs(entry, phrase)
        return SpeakerRef(key, (start, end), confidence.UNNAMED)

    # -- pronouns -----------------------------------------------------------------------
    def _pronoun(self, start: int, length: int, paragraph: Span) -> SpeakerRef | None:
        mention = (start, start + length)
        gender = "m" if self.text[start : start + length].lower() in _MALE else "f"
        subject, main = self._subject_before(start, paragraph, gender)
        last = self.last
        if last is not None and not self._fits(last[0].key, gender):
            last = None
        if last is not None and self.entries[last[0].key].kind != "person":
            last = None
        if subject is not None and (last is None or (main and subject[0] > last[1])):
            self._cluster_entry(subject[1])
            return self._via(subject[1].key, mention, confidence.PRONOUN_SUBJECT)
        if last is not None:
            return self._via(last[0].key, mention, confidence.PRONOUN_LAST)
        k = bisect_left(self._positions, start) - 1
        while k >= 0 and self._people[k][0] > start - _ANTECEDENT_WINDOW:
            pos, cluster, _person = self._people[k]
            if cluster.gender in ("", gender) and not self.quoted.inside(pos):
                self._cluster_entry(cluster)
                return self._via(cluster.key, mention, confidence.PRONOUN_NEAREST)
            k -= 1
        return None

    def _fits(self, key: str, gender: str) -> bool:
        """Can a he/she pronoun refer to speaker ``key``? Unknown genders fit both."""
        cluster = self._by_key.get(key)
        return cluster is None or cluster.gender in ("", gender)

    def _subject_before(
        self, start: int, paragraph: Span, gender: str
    ) -> tuple[tuple[int, Cluster] | None, bool]:
        """The nearest person before ``start`` in ``paragraph`` who is a subject, outside
        quoted words, and whether it is the subject of a main clause. A main clause's
        subject is taken before a nearer subordinate one ('Figgins declined to address
        whether Thomas slept ... the night Epstein died')."""
        best: tuple[int, Cluster] | None = None
        k = bisect_left(self._positions, start) - 1
        while k >= 0 and self._people[k][0] >= paragraph[0]:
            pos, cluster, mention = self._people[k]
            k -= 1
            root = mention.root
            if (
                root.dep_ not in ("nsubj", "nsubjpass", "appos")
                or cluster.gender not in ("", gender)
                or self.quoted.inside(pos)
            ):
                continue
            if root.dep_ == "appos" or root.head.dep_ == "ROOT":
                return (pos, cluster), True
            best = best or (pos, cluster)
        return best, False

    def _plural(self, start: int, length: int) -> SpeakerRef | None:
        last = self.last
        if last is not None and (
            self.entries[last[0].key].kind == "organisation" or last[0].key.startswith("GROUP:")
        ):
            return self._via(last[0].key, (start, start + length), confidence.PLURAL)
        return None

    def _via(self, key: str, mention: Span, confidence: float) -> SpeakerRef:
        self.entries[key].mentions.add(mention)
        return SpeakerRef(key, mention, confidence)
