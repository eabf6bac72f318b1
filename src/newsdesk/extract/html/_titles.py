"""Titles: the article's headline, without the site's name around it.

Candidates are the ``<h1>`` elements, ``og:title``/``twitter:title``, the JSON-LD headline and
``<title>``. Page titles are split on the usual separators (" - ", " | ", " – ", " — ", " :: ",
" » ", " · ") and the part naming the site is dropped, also as a "Site: " prefix; in three
parts or more joined by pipes, a leading part longer than the others is the headline and
the rest a tagline ("Headline | Top 19 picks | Site"). A visible ``<h1>`` that matches a
cleaned candidate (or its leading part, or the page title's start unless a candidate ends
at the heading's pipe) wins: it is the headline as the reader sees it; failing that, the
``<h1>`` sharing most words with a meta title (at least a fifth of them), then the cleaned
meta titles in order. An ``<h1>`` loses to the candidate it
copies when it ends with the site's name, lost characters to "?" or wears a label or date in
front ("Blog: ..."); a meta title cut short ("...", or 100+ characters) gives way to the
candidate that continues it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from newsdesk.extract._dates import parse_date
from newsdesk.extract.html._segment import clean_text

_SEPARATORS = re.compile(r"\s+(?:[|–—»·•:]{1,2}|-{1,2}|/)\s+|\s*\|\s*")
_FOLD_PUNCT = re.compile(r"[\"'“”‘’«»„`´]")
_MAX_SITE_WORDS = 5
_MIN_PIPE_PARTS = 3
_WORD = re.compile(r"\w+")
_STRONG_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# A heading sharing this share of its words with a meta title is the visible headline.
_MIN_OVERLAP = 0.2
_MIN_LABELLED_WORDS = 3
_CUT_TITLE_CHARS = 100
_MAX_LABEL_WORDS = 4
_LABEL_END = re.compile(r"\w\s*(?::|\||–|—|»|::)$")


def fold(text: str) -> str:
    """Case, spaces and quote marks folded, for comparing titles."""
    return " ".join(_FOLD_PUNCT.sub("", text.replace("\u00a0", " ")).casefold().split())


def strip_site(title: str, site_names: Sequence[str]) -> str:
    """``title`` without the site's name as a suffix or prefix ("A | Site", "Site: A")."""
    title = _strip_prefix(" ".join(title.split()), site_names)
    parts = _split(title)
    if len(parts) < 2:
        return title
    names = [fold(name) for name in site_names if name]
    keep = [(sep, text) for sep, text in parts if not _is_site(text, names)]
    if len(parts) >= _MIN_PIPE_PARTS and all(sep.strip() == "|" for sep, _ in parts[1:]):
        head = _leading_headline([text for _sep, text in keep])
        if head:
            return head
    if not keep or len(keep) == len(parts):
        return _strip_unknown_site(title, parts)
    return _join(keep)


def _leading_headline(parts: Sequence[str]) -> str | None:
    """The first part of "Headline | Tagline | Site" when it reads as the headline: three
    words or more and longer than every other part ("World | Ministers agree | Site" keeps
    its section label)."""
    if not parts:
        return None
    first, *rest = (" ".join(part.split()) for part in parts)
    words = len(first.split())
    if words >= _MIN_LABELLED_WORDS and all(words > len(other.split()) for other in rest):
        return first
    return None


def site_from_title(page_title: str | None, host: str | None) -> str | None:
    """The site's name from a "Headline | Site" page title, when the host spells the name.

    "Intro to Postgres | Spice AI" on spice.ai gives "Spice AI"; a trailing part the host
    does not spell ("Part 2") is not taken for a name.
    """
    if not page_title or not host:
        return None
    parts = _split(" ".join(page_title.split()))
    if len(parts) < 2:
        return None
    squeezed_host = re.sub(r"[^a-z0-9]", "", host.casefold())
    for _sep, text in (parts[-1], parts[0]):
        squeezed = re.sub(r"[^a-z0-9]", "", fold(text))
        if (
            len(squeezed) >= 3
            and len(text.split()) <= _MAX_SITE_WORDS
            and squeezed in squeezed_host
        ):
            return text.strip()
    return None


def choose_title(
    *,
    page_title: str | None,
    meta_titles: Sequence[str],
    h1s: Sequence[str],
    site_names: Sequence[str],
) -> str | None:
    """The best headline from the page's title candidates (see the module docstring)."""
    cleaned = _cleaned_titles(page_title, meta_titles, site_names)
    headings = _headings(page_title, meta_titles, h1s, site_names)
    chosen = _from_headings(headings, cleaned, page_title)
    if chosen is not None:
        return chosen
    if cleaned:
        return cleaned[0]
    return headings[0] if headings else None


def _cleaned_titles(
    page_title: str | None, meta_titles: Sequence[str], site_names: Sequence[str]
) -> list[str]:
    """The meta titles, then the page title: cleaned, site names stripped, and truncated
    copies of another candidate left out."""
    cleaned = [strip_site(_clean(t), site_names) for t in (*meta_titles, page_title or "") if t]
    return _untruncated([c for c in cleaned if c])


def _headings(
    page_title: str | None,
    meta_titles: Sequence[str],
    h1s: Sequence[str],
    site_names: Sequence[str],
) -> list[str]:
    """The ``<h1>`` texts, cleaned, without a site-name suffix, leaving out those that are
    only the site's name (a known one, or one the titles show, see ``_site_headings``)."""
    names = [fold(name) for name in site_names if name]
    names += _site_headings(page_title, meta_titles, h1s)
    headings = [_without_site_suffix(_clean(h), names) for h in h1s if h and h.strip()]
    return [h for h in headings if h and not _is_site(h, names)]


def _from_headings(
    headings: Sequence[str], cleaned: Sequence[str], page_title: str | None
) -> str | None:
    """The first heading that a title candidate confirms (``_heading_choice``); else the
    head of a "Headline | Opinion" heading whose meta title is "Headline"; else the heading
    that shares most words with a candidate, when it shares enough."""
    for heading in headings:
        chosen = _heading_choice(heading, cleaned, page_title)
        if chosen:
            return chosen
    for heading in headings:
        head = _STRONG_SEPARATOR.split(heading, maxsplit=1)[0]
        if head != heading and any(fold(head) == fold(c) for c in cleaned):
            return head
    best, best_score = None, 0.0
    for heading in headings:
        score = max((_overlap(heading, c) for c in cleaned), default=0.0)
        if score > best_score:
            best, best_score = heading, score
    return best if best is not None and best_score >= _MIN_OVERLAP else None


def _site_headings(
    page_title: str | None, meta_titles: Sequence[str], h1s: Sequence[str]
) -> list[str]:
    """Folded ``<h1>`` texts that are the site's name: the page title is that heading and a
    meta title joined by a separator ("Engora Data Blog: Small models" with the og:title
    "Small models"), as blog templates put the blog's name in an ``<h1>``."""
    if not page_title or not meta_titles or not h1s:
        return []
    pairs = _name_and_rest(_clean(page_title))
    metas = {fold(_clean(m)) for m in meta_titles}
    headings = {fold(_clean(h)) for h in h1s if h}
    found = []
    for name, rest in pairs:
        name, rest = fold(name), fold(rest)
        if rest in metas and name in headings and len(rest.split()) > len(name.split()):
            found.append(name)
    return found


def _name_and_rest(title: str) -> list[tuple[str, str]]:
    """The ways ``title`` may be a name and the rest: its first part and the others, its
    last part and the others ("Blog: Headline", no space before the colon, splits once)."""
    parts = _split(title)
    if len(parts) >= 2:
        return [(parts[0][1], _join(parts[1:])), (parts[-1][1], _join(parts[:-1]))]
    return [(head, rest) for head, _, rest in [title.partition(": ")] if rest]


def _clean(text: str) -> str:
    if "&" in text and ";" in text:
        text = html.unescape(text)
    return clean_text(text)


def _overlap(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' word sets."""
    left, right = set(_WORD.findall(fold(a))), set(_WORD.findall(fold(b)))
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _untruncated(candidates: Sequence[str]) -> list[str]:
    """Each candidate that another one continues, replaced by that longer one, when it was
    cut: it ends in "..." or "…", or it is long (JSON-LD headlines are cut at 110 characters
    for search engines)."""
    result = []
    folded: list[str] | None = None  # each candidate folded, once one is cut
    for candidate in candidates:
        if not (candidate.endswith(("...", "…")) or len(candidate) >= _CUT_TITLE_CHARS):
            result.append(candidate)
            continue
        stem = fold(candidate.rstrip(".… "))
        folded = folded or [fold(c) for c in candidates]
        longer = (
            c
            for c, f in zip(candidates, folded, strict=True)
            if len(f) > len(stem) + 1 and f.startswith(stem)
        )
        result.append(next(longer, candidate))
    return result


def _heading_choice(heading: str, cleaned: Sequence[str], page_title: str | None) -> str | None:
    """The headline when ``heading`` is the visible copy of a title candidate: the heading
    itself, or the candidate when the heading lost characters ("Beginner? Guide") or wears
    a short label or date in front of it ("Blog: Headline", "Dec 18 2025 Headline")."""
    if _matches(heading, cleaned, page_title):
        return heading
    for candidate in cleaned:
        if _lossy_copy(heading, candidate) or _labelled_copy(heading, candidate):
            return candidate
    return None


def _lossy_copy(heading: str, candidate: str) -> bool:
    """``heading`` is ``candidate`` with characters replaced by "?" (a lost encoding)."""
    if "?" not in heading and "\ufffd" not in heading:
        return False
    parts = re.split(r"[?\ufffd]", fold(heading))
    pattern = ".{1,2}".join(re.escape(part) for part in parts)
    return len(parts) > 1 and re.fullmatch(pattern, fold(candidate)) is not None


def _labelled_copy(heading: str, candidate: str) -> bool:
    """``heading`` is a short label ("Blog:") or a date, then ``candidate`` (three words or
    more). Other words in front ("The", "2025") may be the headline's own."""
    folded, other = fold(heading), fold(candidate)
    if len(other.split()) < _MIN_LABELLED_WORDS or not folded.endswith(" " + other):
        return False
    label = folded[: -len(other)].strip()
    if len(label.split()) > _MAX_LABEL_WORDS:
        return False
    return _LABEL_END.search(label) is not None or parse_date(label) is not None


def _without_site_suffix(heading: str, names: Sequence[str]) -> str:
    """``heading`` without a last part that is exactly the site's name ("Headline – Site")."""
    parts = _split(heading)
    if len(parts) < 2 or not names:
        return heading
    last = fold(parts[-1][1])
    if any(
        last == name or last.removeprefix("the ") == name.removeprefix("the ") for name in names
    ):
        return _join(parts[:-1])
    return heading


def _matches(heading: str, cleaned: Sequence[str], page_title: str | None) -> bool:
    folded = fold(heading)
    if len(folded) < 3:
        return False
    for candidate in cleaned:
        other = fold(candidate)
        if folded == other:
            return True
        if len(folded) >= 15 and other.startswith(folded):
            return True
    if not page_title or len(folded) < 15 or not fold(page_title).startswith(folded):
        return False
    # "Headline | Tagline" copies the page title's start, but a candidate cut at its pipe
    # ("Headline | Tagline | Site" gives "Headline") says where the headline ends.
    head = fold(heading.split(" | ", 1)[0])
    return head == folded or not any(fold(c) == head for c in cleaned)


def _strip_prefix(title: str, site_names: Sequence[str]) -> str:
    lowered = title.casefold()
    for name in site_names:
        name = " ".join(name.split()).casefold()
        if name and lowered.startswith(name) and len(title) > len(name) + 3:
            rest = title[len(name) :]
            if rest[:1] in (":", "|") or rest[:3] in (" - ", " – ", " — ", " | "):
                return rest.lstrip(" :|-–—")
    return title


def _split(title: str) -> list[tuple[str, str]]:
    """[(separator before, text)] for each part of the title."""
    parts: list[tuple[str, str]] = []
    position = 0
    separator = ""
    for match in _SEPARATORS.finditer(title):
        parts.append((separator, title[position : match.start()]))
        separator = match.group(0)
        position = match.end()
    parts.append((separator, title[position:]))
    return [(sep, text) for sep, text in parts if text.strip()]


def _join(parts: Sequence[tuple[str, str]]) -> str:
    text = parts[0][1] + "".join(sep + part for sep, part in parts[1:])
    return " ".join(text.split())


def _is_site(text: str, names: Sequence[str]) -> bool:
    folded = fold(text)
    if not folded:
        return True
    for name in names:
        if folded == name or folded.removeprefix("the ") == name.removeprefix("the "):
            return True
        if len(name) >= 4 and (name in folded or folded in name) and len(folded.split()) <= 6:
            return True
    return False


def _strip_unknown_site(title: str, parts: Sequence[tuple[str, str]]) -> str:
    """No known site name in the title: drop a short trailing part after a strong separator."""
    last_sep, last = parts[-1]
    head = _join(parts[:-1])
    strong = last_sep.strip() in ("|", "–", "—", "-", "»", "::", "·", "•")
    if strong and len(last.split()) <= _MAX_SITE_WORDS and len(head.split()) > len(last.split()):
        return head
    return title
