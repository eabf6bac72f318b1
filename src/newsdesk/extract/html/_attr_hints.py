"""What class, id, role and itemprop values say about an element, grouped by meaning.

Each group is a list of words matched as substrings of the lower-cased attribute values
("articlebody" hints at both ``content`` and ``articlebody``), plus two short words that
only count as a whole word between separators (``ad``/``ads``: not "head" or "loading";
``tag``/``tags`` at the end of a word: not "tagline").

All the distinct hint tokens of a page are matched at once: they are joined into one
string and each word is looked for with ``str.find`` (a C loop), so the cost is one scan
per word per page instead of one regular-expression search per word per element.
"""

from __future__ import annotations

import re

import numpy as np

HINT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nav", ("nav", "menu", "breadcrumb", "masthead", "topbar", "header", "footer", "skip",
             "pagination", "pager")),
    ("share", ("share", "sharing", "social", "facebook", "twitter", "whatsapp", "linkedin",
               "print", "email")),
    ("related", ("related", "recommend", "readmore", "read-more", "also", "trending",
                 "popular", "most", "outbrain", "taboola", "teaser", "promo", "more-",
                 "more_", "next", "prev", "suggest", "latest", "feed", "list")),
    ("comment", ("comment", "disqus", "respon", "reply", "discussion", "forum")),
    ("ad", ("advert", "sponsor", "dfp", "banner", "commercial", "gpt", "doubleclick")),
    ("modal", ("newsletter", "subscri", "signup", "sign-up", "paywall", "regist", "login",
               "cookie", "consent", "gdpr", "modal", "popup", "overlay", "alert", "notice")),
    ("media", ("caption", "credit", "figure", "image", "photo", "media", "gallery", "video",
               "img", "thumb", "slide")),
    ("meta", ("byline", "author", "date", "time", "meta", "dateline", "categor", "label",
              "info", "source", "bio")),
    ("side", ("sidebar", "aside", "widget", "rail", "secondary", "column", "aux")),
    ("content", ("article", "content", "body", "story", "post", "entry", "text", "main",
                 "prose", "rich", "detail")),
    ("articlebody", ("articlebody", "article-body", "article__body", "story-body",
                     "post-body", "entry-content", "post-content", "article-content",
                     "story-content", "articletext")),
    ("hidden", ("hidden", "invisible", "sr-only", "visually-hidden", "screen-reader")),
)  # fmt: skip
GROUP_NAMES = tuple(name for name, _ in HINT_WORDS)
_BIT = {name: 1 << k for k, name in enumerate(GROUP_NAMES)}
# "ad"/"ads" as a whole word; "tag"/"tags" ending a word. Separators: whitespace, "_", "-".
_AD_WORD = re.compile(r"(?<![^\s_-])ads?(?![^\s_-])")
_TAG_END = re.compile(r"tags?(?![^\s_-])")


def _word_bits() -> tuple[tuple[str, int], ...]:
    bits: dict[str, int] = {}
    for name, words in HINT_WORDS:
        for word in words:
            bits[word] = bits.get(word, 0) | _BIT[name]
    return tuple(bits.items())


_WORD_BITS = _word_bits()


def hint_bits_many(hints: list[str]) -> np.ndarray:
    """Per hint string, bit ``k`` set when group ``k`` (of ``GROUP_NAMES``) matches it.

    No word holds white space and the whole-word patterns stop at it, so a hint's groups
    are those of its white-space separated tokens: each distinct token of the page is
    matched once (pages repeat tokens: "col", "row", "post-body" in several elements)."""
    split = [hint.split() for hint in hints]
    index: dict[str, int] = {}
    for tokens in split:
        for token in tokens:
            index.setdefault(token, len(index))
    found = _token_bits(list(index))
    bits = []
    for tokens in split:
        value = 0
        for token in tokens:
            value |= found[index[token]]
        bits.append(value)
    return np.array(bits, dtype=np.int64)


def _token_bits(tokens: list[str]) -> list[int]:
    """Group bits of each token (no white space in a token)."""
    if not tokens:
        return []
    bits = np.zeros(len(tokens), dtype=np.int64)
    joined = "\n".join(tokens)
    positions: list[int] = []
    found: list[int] = []
    find = joined.find
    for word, bit in _WORD_BITS:
        pos = find(word)
        while pos >= 0:
            positions.append(pos)
            found.append(bit)
            pos = find(word, pos + 1)
    for pattern, bit in ((_AD_WORD, _BIT["ad"]), (_TAG_END, _BIT["meta"])):
        for match in pattern.finditer(joined):
            positions.append(match.start())
            found.append(bit)
    if positions:
        starts = np.cumsum([0] + [len(t) + 1 for t in tokens[:-1]])
        owner = np.searchsorted(starts, positions, side="right") - 1
        np.bitwise_or.at(bits, owner, np.asarray(found, dtype=np.int64))
    return bits.tolist()


def hint_bits(hints: str) -> int:
    """Bit ``k`` set when hint group ``k`` matches one class/id/role/itemprop string."""
    return int(hint_bits_many([hints.replace("\n", " ")])[0])
