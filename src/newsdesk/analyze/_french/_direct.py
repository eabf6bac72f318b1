"""Direct quotes in French and the cue each one has: an incise inside the quote ("« A,
affirme-t-elle. B »"), an inverted verb right after it ("« … », a dit M. Caldwell", "« … »,
a-t-il estimé"), a source after it ("« … », selon un proche"), or a lead before it in the
same sentence ("Elle affirme « … »", "Il poursuit : « … »", "Pour elle, « … »",
"qualifié de « … » par X"). A quote no cue reaches is kept only when it follows a cued
quote in the same paragraph or opens the next one (the speaker goes on); the others
(titles, slogans, scare quotes) are not quotes.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsdesk.analyze._french._draft import INCISE, LEAD, Draft
from newsdesk.analyze._french._lexicon import SOURCE_PREPOSITIONS, VERB_TYPES, cue_lemma
from newsdesk.analyze._french._speakers import phrase_after
from newsdesk.analyze._french._text import FrenchText, strip_span
from newsdesk.record import Span

_SP = r"[ \t\u00a0\u202f]"
_CLITIC = r"-t-(?:il|elle|on)|-(?:il|elle|ils|elles|on)\b"
_ADVERB = r"(?:également|aussi|encore|alors|ensuite|enfin|pourtant|toutefois)"
# After the closing mark: "a dit", "a-t-il estimé", "a également déclaré", "soupire-t-elle",
# "écrit", "c'est ainsi qu'il a qualifié".
_AFTER = re.compile(
    rf"^(?P<lead>[ \t\u00a0\u202f,.»”\"“›’']*)"
    rf"(?:c['’]est{_SP}+(?:ainsi|ce){_SP}+qu['’](?P<pre>il|elle|ils|elles|on){_SP}+)?"
    rf"(?P<cue>(?:(?:a|avait|ont|avaient|aurait)(?P<inv1>{_CLITIC})?"
    rf"{_SP}+(?:{_ADVERB}{_SP}+)?(?P<part>[^\W\d]+))"
    rf"|(?:(?P<verb>[^\W\d]+)(?P<inv2>{_CLITIC})?))"
)
_SOURCE_AFTER = re.compile(rf"^[ \t\u00a0\u202f,.»”\"“›’']*(?P<cue>selon|d['’]après){_SP}+")
# Inside a quote, after a comma: the incise runs to the end of its sentence.
_INCISE_HEAD = (
    rf"[,?!]{_SP}+(?P<cue>(?:a|avait)(?P<inv1>{_CLITIC})?{_SP}+(?P<part>[^\W\d]+)"
    rf"|(?P<verb>[^\W\d]+)(?P<inv2>{_CLITIC})?)(?P<rest>[^.!?«»\n]{{0,100}}?)"
)
# Inside a quote, after a comma (or a ? or !): the incise runs to the end of its sentence.
_INSIDE = re.compile(rf"{_INCISE_HEAD}[.!?]{_SP}+(?=\S)")
# The same incise closing a dialogue line: "— Je pars demain, dit-il."
_INSIDE_END = re.compile(rf"{_INCISE_HEAD}[.!?…]?{_SP}*$")
_SUBJECT_START = ("l'", "l’", "la", "le", "les", "un", "une")
_INCISE_MARKS = re.compile(r"[,?!]")
# A dialogue line: a paragraph opened by a dash (tiret), as French writes a conversation.
_DIALOGUE = re.compile(rf"^[—–]{_SP}+(?=\S)", re.MULTILINE)
_FOR = re.compile(
    rf"^\s*(?:(?:Et|Mais){_SP}+)?(?P<cue>[Pp]our){_SP}+(?P<np>[^,«»\n]{{1,60}}),{_SP}*$"
)
_CALLED = re.compile(rf"\b(?P<cue>[Qq]ualifiée?s?){_SP}+de{_SP}*$")
_BY = re.compile(rf"^[ \t\u00a0\u202f»”\"“›’']*par{_SP}+")
_OPENERS = "«“\"„‹‘'"


def direct_drafts(ft: FrenchText) -> list[Draft]:
    """A draft for every direct quote a cue reaches, follow-on quotes joined to theirs."""
    drafts: list[Draft] = []
    for parts in ft.quotes:
        draft = _attributed(ft, parts)
        if draft is not None:
            drafts.append(draft)
        elif drafts and _follows(ft, drafts[-1], parts):
            drafts[-1].parts.extend(parts)
    drafts += _dialogue_lines(ft)
    return sorted(drafts, key=lambda d: d.parts[0][0])


def _dialogue_lines(ft: FrenchText) -> list[Draft]:
    """Dialogue lines with an incise: "— Je pars demain, dit-il." (a line with no incise
    is left alone: a dash also opens list items and embedded posts' bylines)."""
    drafts = []
    for opener in _DIALOGUE.finditer(ft.text):
        end = ft.text.find("\n", opener.end())
        line = strip_span(ft.text, opener.end(), end if end >= 0 else len(ft.text))
        if ft.in_quote(line[0]):
            continue
        split = _incise_inside(ft, line) or _incise_inside(ft, line, at_end=True)
        if split is not None:
            first, second, cue, mention = split
            parts = [first, second] if second is not None else [first]
            drafts.append(Draft(parts, "direct", cue, mention, "speech", INCISE))
    return drafts


def _attributed(ft: FrenchText, parts: list[Span]) -> Draft | None:
    for i, part in enumerate(parts):
        split = _incise_inside(ft, part)
        if split is not None:
            first, second, cue, mention = split
            new_parts = [*parts[:i], first, *([second] if second else []), *parts[i + 1 :]]
            return Draft(new_parts, "direct", cue, mention, "speech", INCISE)
    return _cue_after(ft, parts, parts[-1][1]) or _cue_before(ft, parts)


def _is_cue_verb(ft: FrenchText, pos: int, inverted: bool) -> Token | None:
    """The verb at ``pos`` if it can be an incise: any verb when inverted, else a listed
    cue verb (lower case, not a noun the tagger took for one)."""
    tok = ft.token_at(pos)
    if tok is None or not tok.text[:1].islower():
        return None
    if inverted or cue_lemma(tok.lemma_, tok.text) is not None:
        return tok
    return None


def _incise_inside(
    ft: FrenchText, part: Span, at_end: bool = False
) -> tuple[Span, Span | None, Span, Span | None] | None:
    """(the quote before the incise, after it (None for one ``at_end``), the cue, the
    speaker mention) of an incise in ``part``: "A, affirme-t-elle. B", "A ? a demandé X"."""
    text = ft.text
    pattern = _INSIDE_END if at_end else _INSIDE
    for mark in _INCISE_MARKS.finditer(text, part[0], part[1]):
        match = pattern.match(text, mark.start(), part[1])
        if match is None or not (at_end or match.end() < part[1]):
            continue
        inverted = bool(match.group("inv1") or match.group("inv2"))
        verb_at = match.start("part") if match.group("part") else match.start("verb")
        rest = match.group("rest").lstrip()
        subject_follows = rest[:1].isupper() or rest.split(" ")[0].lower() in _SUBJECT_START
        if _is_cue_verb(ft, verb_at, inverted) is None or not (inverted or subject_follows):
            continue
        cue = (match.start("cue"), match.end("cue"))
        mention = _clitic(match) or phrase_after(ft, match.end("cue"))
        before = (part[0], mark.start() + (0 if mark.group() == "," else 1))
        return before, None if at_end else (match.end(), part[1]), cue, mention
    return None


def _clitic(match: re.Match[str]) -> Span | None:
    for group in ("pre", "inv1", "inv2"):
        if group in match.re.groupindex and match.group(group):
            start = match.start(group) + (3 if match.group(group).startswith("-t-") else 0)
            start += 1 if match.string[start] == "-" else 0
            return (start, match.end(group))
    return None


def _cue_after(ft: FrenchText, parts: list[Span], end: int) -> Draft | None:
    """A source ("selon X"), an agent ("qualifié de « … » par X") or an incise verb right
    after the quote's closing mark."""
    text = ft.text
    window = text[end : end + 200]
    source = _SOURCE_AFTER.match(window)
    if source is not None:
        cue = (end + source.start("cue"), end + source.end("cue"))
        return Draft(parts, "direct", cue, phrase_after(ft, cue[1]), "speech", INCISE)
    by = _BY.match(window)
    opening = _before_marks(text, parts[0][0])
    if by is not None and _CALLED.search(text, max(0, opening - 40), opening):
        return Draft(parts, "direct", None, phrase_after(ft, end + by.end()), "speech", LEAD)
    match = _AFTER.match(window)
    return _incise_after(ft, parts, end, match) if match is not None else None


def _incise_after(
    ft: FrenchText, parts: list[Span], end: int, match: re.Match[str]
) -> Draft | None:
    verb_group = "part" if match.group("part") else "verb"
    inverted = bool(match.group("inv1") or match.group("inv2") or match.group("pre"))
    verb = _is_cue_verb(ft, end + match.start(verb_group), inverted)
    if verb is None or match.group(verb_group).lower() in SOURCE_PREPOSITIONS:
        return None
    if not inverted and "," not in match.group("lead"):
        return None  # "« Les voix des Femmes » appelle …": the quoted words are a subject
    cue = (end + match.start("cue"), end + match.end("cue"))
    clitic = _clitic(match)
    mention = (end + clitic[0], end + clitic[1]) if clitic else phrase_after(ft, cue[1])
    what = _called_object(ft, cue[1]) if match.group("pre") else None
    if what is not None:  # "« Un choc », c'est ainsi qu'il a qualifié les révélations"
        return Draft([*parts, what], "mixed", cue, mention, "speech", INCISE)
    return Draft(parts, "direct", cue, mention, "speech", INCISE)


def _called_object(ft: FrenchText, pos: int) -> Span | None:
    stop = re.compile(r"[,.;:!?\n]").search(ft.text, pos)
    span = strip_span(ft.text, pos, stop.start() if stop else len(ft.text))
    return span if len(ft.text[span[0] : span[1]].split()) >= 2 else None


def _before_marks(text: str, pos: int) -> int:
    while pos > 0 and (text[pos - 1] in _OPENERS or text[pos - 1] in " \u00a0\u202f"):
        pos -= 1
    return pos


def _cue_before(ft: FrenchText, parts: list[Span]) -> Draft | None:
    """A lead in the quote's sentence: "Pour X, «", "… : «", "Elle affirme «"."""
    text = ft.text
    start = _before_marks(text, parts[0][0])
    sent_start = ft.sentence_at(start)[0] if start > 0 else 0
    sent_start = max(sent_start, text.rfind("\n", 0, start) + 1)
    lead = text[sent_start:start]
    found = _FOR.search(lead)
    first = ft.token_at(sent_start + found.start("np")) if found is not None else None
    if found is not None and first is not None and first.pos_ != "VERB":
        cue = (sent_start + found.start("cue"), sent_start + found.end("cue"))
        mention = (sent_start + found.start("np"), sent_start + found.end("np"))
        return Draft(parts, "direct", cue, mention, "speech", LEAD)
    colon = lead.rstrip().endswith(":")
    verbs = [
        t
        for t in ft.tokens_in(sent_start, start)
        if t.pos_ == "VERB" and not ft.in_quote(ft.offset(t))
    ]
    if not verbs:
        return _pronoun_lead(ft, parts, (sent_start, start)) if colon else None
    verb = verbs[-1]
    last_word = _last_word(ft, sent_start, start)
    if not colon and (
        last_word is not verb or VERB_TYPES.get(verb.lemma_.lower()) not in ("speech", "writing")
    ):
        return None
    return Draft(parts, "direct", ft.span(verb), _subject(ft, verb), "speech", LEAD)


def _pronoun_lead(ft: FrenchText, parts: list[Span], lead: Span) -> Draft | None:
    """ "L'enseignement est pour lui une vocation : « … »": the person the lead names."""
    people = [
        t for t in ft.tokens_in(*lead) if t.lower_ in ("lui", "elle", "eux") or t.ent_type_ == "PER"
    ]
    if not people:
        return None
    return Draft(parts, "direct", None, ft.span(people[-1]), "speech", LEAD)


def _last_word(ft: FrenchText, start: int, end: int) -> Token | None:
    words = [t for t in ft.tokens_in(start, end) if t.is_alpha]
    return words[-1] if words else None


def _subject(ft: FrenchText, verb: Token) -> Span | None:
    """The span of ``verb``'s subject (its head's, for a participle or a coordinated verb)."""
    for tok in (verb, verb.head):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            return subject_span(ft, subj)
    return None


def subject_span(ft: FrenchText, subj: Token) -> Span:
    """The words of a subject with its name and modifiers, up to a comma or a relative
    clause ("le vice-Premier ministre et ministre de l'Intérieur Jan Hamáček")."""
    words = list(subj.subtree)
    for tok in subj.rights:
        if tok.dep_ in ("acl", "acl:relcl"):
            words = [t for t in words if t.i < tok.left_edge.i]
    start = ft.offset(words[0])
    end = ft.offset(words[-1]) + len(words[-1].text)
    comma = ft.text.find(",", ft.offset(subj), end)
    return (start, comma if comma > start else end)


def _follows(ft: FrenchText, previous: Draft, parts: list[Span]) -> bool:
    """Does a quote with no cue go on from ``previous``: in its paragraph, or opening the
    next paragraph right after it?"""
    text = ft.text
    gap = text[previous.parts[-1][1] : parts[0][0]]
    if previous.cue is not None and previous.cue[0] > parts[0][0]:
        return False
    if "\n" not in gap:
        return len(gap) < 80 and not any(c in gap for c in ":")
    para_start = text.rfind("\n", 0, parts[0][0]) + 1
    return gap.count("\n") <= 2 and text[para_start : parts[0][0]].strip() in ("«", "“", '"', "")
