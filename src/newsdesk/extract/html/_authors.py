"""Authors: people's names only, from noisy bylines and meta fields.

"By John Smith and Jane Doe | Reuters | 3 hours ago" -> ["John Smith", "Jane Doe"]: strip
"By"-style lead-ins, cut on separators, split lists, drop dates, "hours ago", roles such as
"Staff Writer", organisations ("... Institute"), credentials ("MS, RD, FAND"), credits for
other work ("design: ..."), wire services, share buttons ("Facebook") and outlet names
(the page's own site, also inside a longer value, a one-word name that is the host's, and
any name opening with "The"), dedupe. In running text a byline needs a lead-in that is not
another credit ("Reviewed by", "Photos by") nor a sentence's "by" ("guaranteed by"), or a
line of its own next to a date, reading time or role; in a byline element, the names after
another credit are that credit's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import islice

from newsdesk.extract._dates import parse_date
from newsdesk.extract._months import MONTHS_PATTERN

_LEAD_IN = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story|published|compiled|edited|updated)\s+by|"
    r"by|von|par|por|autor(?:in)?|author|authors|auteur|autore|writer|"
    r"nga|piše|pise|piso|napisao|napisala|texto|reportage|текст|автор|"
    r"(?-i:di|da|door|av))\b\s*[:\-–]?\s*",
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
    former consultant marketing development community
    institute university college school foundation association society company corporation
    corp media magazine newspaper blog network solutions services club council department
    ministry office center centre labs studio studios clinic hospital bio webmaster
    representative official pllc llp plc show hide sidebar menu search find toggle skip
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
# Share buttons next to a byline ("Arlene Marturano Facebook"): never the author.
_PLATFORM_NAMES = frozenset(
    "facebook twitter instagram linkedin youtube pinterest tiktok threads bluesky "
    "mastodon reddit whatsapp telegram email".split()
)
_MAX_WORDS = 5
_NAME = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]+"
# Words of one name sit on one line: a role or date in the next element is not part of it.
_NAME_RUN = rf"{_NAME}(?:[^\S\n]+(?:{_NAME}|van|von|der|de|da|di|du|del|la|le|bin|al)){{1,4}}"
_BYLINE_TEXT = re.compile(
    rf"(?:^|[\s|•·])(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Vv]on|[Pp]ar|[Pp]or|[Nn]ga|[Aa]utor):?"
    rf"\s+({_NAME_RUN}(?:\s*(?:,|and|&|und|et|y|e|i)\s+{_NAME_RUN})*)"
)
_DATE_LINE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:updated|published|ago)\b", re.I)
# "design: Jo Park", "Photo: Ana Lima": a credit for other work than the text.
_CREDIT = re.compile(
    r"(?:content|design|code|photos?|photography|images?|video|graphics?|illustrations?|"
    r"editing|production|music|data|research|fotos?|bilder?|grafik)\s*:\s*\S",
    re.I,
)
# Words after which a lower-case "by" introduces the author ("Story by", "posted by").
_BY_WORDS = frozenset(
    "story words text article post posted written reported published compiled authored "
    "created blog column analysis review interview".split()
)
# Credits that end in "by" and name someone other than the author.
_NOT_AUTHOR_ROLE = re.compile(
    r"\b(?:reviewed|edited|checked|photos?|photographs?|images?|illustrations?|illustrated|"
    r"translated|produced|sponsored|presented|powered|hosted|narrated|designed|inspired)\s*$",
    re.I,
)
_BY = re.compile(r"\bby\b", re.I)
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


# A name alone on its line right after the headline is the byline when a date, a reading
# time or the person's role stands next to it ("Jack Shepherd / Co-Founder / Updated ...").
_MAX_LEAD_LINES = 12
_CUE_WINDOW = 2  # lines after the name searched for the cue
_MAX_CUE_CHARS = 60
_MAX_ROLE_WORDS = 6
_NAME_LINE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*(?: [\w'’.-]+){1,3}")
_LOOSE_LINE = re.compile(r"[\W_]{0,3}|in|on|at|and|by")  # "·", "|", "in": no content
_TRAILING_IN = re.compile(r"\s+(?:in|on)$")
_BULLET_LINE = re.compile(r"[·•|/,–—-]")
_READ_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|hours?)\b.*\bread\b|\breading time\b", re.I)
_MONTH = rf"(?:{MONTHS_PATTERN})\.?"  # any language's month name or abbreviation
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"


@cache
def _day_month() -> re.Pattern[str]:
    """ "Dec 10", "10 Dezember": a day and month with no year (compiled on first use: the
    month names of every language make it one of the costliest patterns here)."""
    return re.compile(rf"{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY}", re.I)


_PERSON_ROLES = frozenset(
    """writer editor reporter correspondent columnist journalist contributor author founder
    co-founder cofounder director producer photographer analyst manager ceo cto expert
    specialist consultant staff lead head editor-in-chief strategist researcher""".split()
)
_NOT_IN_NAMES = frozenset(
    "the a an of and to in for on with how why what when your my our this that is are from at "
    "you we it its".split()
)


def clean_authors(
    raw: Iterable[str], *, site: str | None = None, strict: bool = False, host: str | None = None
) -> list[str]:
    """People's names from raw author strings, in order, deduplicated.

    ``strict`` suits text scraped from byline elements: a name there needs two or more
    words, each capitalised (name particles such as "van der" aside), since a lone word or
    a lower-case phrase is more often a label than a pen name.
    """
    blocked = _blocked_names(site, host)
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


def byline_element_names(
    text: str, *, site: str | None = None, host: str | None = None
) -> list[str]:
    """People named by a byline element's text (one line per element): the lines before
    its first date or "Updated" line, when any; what follows a date there is page
    furniture ("Share", "Text Size"), not a name; nor is anyone after another credit
    ("Reviewed by", "Photos by")."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _is_other_credit(line):  # "Reviewed by": the reviewer's lines, not the byline
            text = "\n".join(lines[:index])
            break
        if index and _DATE_LINE.search(line):
            text = "\n".join(lines[:index])
            break
    return clean_authors([text], site=site, strict=True, host=host)


def _is_other_credit(line: str) -> bool:
    """A credit for another role than the text's: "Reviewed by", "Photos by"."""
    found = _BY.search(line)
    return found is not None and _NOT_AUTHOR_ROLE.search(line, 0, found.start()) is not None


def byline_in_text(text: str, *, site: str | None = None, host: str | None = None) -> list[str]:
    """Names after a "By"/"Written by"/"Von"/"Par" lead-in in running text near the headline;
    failing that, in text given one element per line, a name alone on its line beside a
    date, a reading time or a role (``_name_line``)."""
    for match in _BYLINE_TEXT.finditer(text):
        if _NOT_AUTHOR_ROLE.search(text, 0, match.start() + 1):
            continue  # "Reviewed by ...", "Photos by ...": a credit, not the byline
        if _in_prose(text, match):
            continue  # "... cannot be guaranteed by USF. It is ...": a sentence
        return clean_authors([match.group(1)], site=site, strict=True, host=host)
    if "\n" in text:
        return _name_line(text, site=site, host=host)
    return []


def _name_line(text: str, *, site: str | None, host: str | None) -> list[str]:
    """The name on a line of its own among the first lines of ``text`` (one element per
    line), when a date, a reading time or a role follows within two lines, or a date stands
    before it with a bullet between ("2025-12-17 · Jo Park"). A cue before the name alone
    is not enough: a blog's post title or category often follows the date."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines[:_MAX_LEAD_LINES]):
        line = _TRAILING_IN.sub("", line)  # "Jo Park in" (a category link follows)
        if not _looks_like_name_line(line):
            continue
        if any(_is_byline_cue(other) for other in _beside(lines, index)):
            names = clean_authors([line], site=site, strict=True, host=host)
            if names:
                return names
    return []


def _beside(lines: list[str], index: int) -> list[str]:
    """The lines where a byline cue for line ``index`` may stand: the next ones that are
    not loose words, and the line before a bullet line ("2025-12-17 · Jo Park")."""
    after = (x for x in lines[index + 1 :] if not _LOOSE_LINE.fullmatch(x.casefold()))
    near = list(islice(after, _CUE_WINDOW))
    if index >= 2 and _BULLET_LINE.fullmatch(lines[index - 1]):
        near.append(lines[index - 2])  # one row of the byline
    return near


def _looks_like_name_line(line: str) -> bool:
    if len(line) > 40 or not _NAME_LINE.fullmatch(line):
        return False
    words = [w.casefold().strip(".,") for w in line.split()]
    return not any(w in _NOT_IN_NAMES or w in _ROLES for w in words)


def _is_byline_cue(line: str) -> bool:
    """A date, a reading time ("5 min read") or a person's role ("Tech Writer")."""
    if len(line) > _MAX_CUE_CHARS:
        return False
    if _READ_TIME.search(line) or _day_month().fullmatch(line):
        return True
    words = {w.casefold().strip(".,&") for w in line.split()}
    if words & _PERSON_ROLES and len(words) <= _MAX_ROLE_WORDS:
        return True
    return bool(re.search(r"\d", line)) and parse_date(line) is not None


def _in_prose(text: str, match: re.Match[str]) -> bool:
    """A lower-case "by" inside a line, after a word that does not introduce a byline."""
    found = match.group(0)
    lead = found.lstrip(" \t\n|•·")
    if not lead.startswith("by"):
        return False
    before = text[: match.start() + len(found) - len(lead)].rsplit("\n", 1)[-1].rstrip()
    if not before or before[-1] in "|•·-–—:([":
        return False  # the line starts with it, or a separator comes first
    return before.split()[-1].casefold().strip(".,;") not in _BY_WORDS


@lru_cache(maxsize=64)
def _blocked_names(site: str | None, host: str | None = None) -> frozenset[str]:
    """Wire services, the site's name and the host's name ("buzzsprout", "paperium.net"
    on paperium.net): a one-word author that is the host's name is the company."""
    blocked = set(_WIRE_NAMES | _PLATFORM_NAMES)
    if site:
        folded = " ".join(site.casefold().split())
        blocked.add(folded)
        blocked.add(folded.removeprefix("the "))
    if host:
        labels = host.casefold().removeprefix("www.").split(".")
        if len(labels) >= 2:
            blocked.add(".".join(labels[-2:]))
            blocked.add(labels[-2])
    return frozenset(blocked)


def _names_in(value: str, blocked: frozenset[str]) -> list[str]:
    text = " ".join(value.replace("\u00a0", " ").split()) if "\n" not in value else value
    text = _cut_blocked(text, blocked)
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


def _as_name(text: str, blocked: frozenset[str]) -> str | None:
    text = " ".join(text.split())
    if _not_a_name(text, blocked):
        return None
    words = text.split()
    if _wrong_words(text, words):
        return None
    if text.isupper() and len(text) > 3:
        text = " ".join(w.capitalize() for w in words)
    return text


def _not_a_name(text: str, blocked: frozenset[str]) -> bool:
    """Empty, too long, noise, a credit line, a blocked name (the site's, the host's), or
    a name with an article ("The Commercial Appeal": a people's name has none)."""
    if not text or len(text) > 60 or _NOISE.search(text) or _CREDIT.match(text):
        return True
    folded = text.casefold()
    return folded in blocked or folded.removeprefix("the ") in blocked or folded.startswith("the ")


def _wrong_words(text: str, words: list[str]) -> bool:
    """Too many words, no letter, a role word, or one word that is a lower-case label or
    capitals (a credential such as FAND, or an acronym) or too short."""
    if len(words) > _MAX_WORDS or not any(ch.isalpha() for ch in text):
        return True
    if any(w.casefold().strip(".,") in _ROLES for w in words):
        return True
    return len(words) == 1 and (text.islower() or text.isupper() or len(text) < 3)


def _looks_like_full_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2:
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words if w[0].isalpha())


def _cut_blocked(text: str, blocked: frozenset[str]) -> str:
    """``text`` with each blocked name of several words replaced by a separator, before the
    text is cut on " in " or " for " ("Human in the Loop" is a site, not two names)."""
    lowered = text.casefold()
    for name in sorted(blocked, key=len, reverse=True):  # "the site" before "site"
        if " " in name and name in lowered:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " | ", text, flags=re.I)
            lowered = text.casefold()
    return text
