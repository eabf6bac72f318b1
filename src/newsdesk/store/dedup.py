"""Syndication: keys and fingerprints that tell copies of one story apart from new stories.

Exact copies share a normalised body-text hash; near copies share MinHash-LSH bands of
their word 5-shingles (128 permutations, Jaccard threshold 0.8). Band keys are 64-bit
integers stored in ``lsh_bands`` and looked up with SQL, so the index survives across runs
without being rebuilt in memory.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]  # no type information

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
MIN_WORDS = 20  # bodies shorter than this are never called copies of anything

_WORD = re.compile(r"\w+")
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|igshid)$"
)


def normalise_url(url: str | None) -> str | None:
    """A URL key: no scheme, host lower-cased without ``www.`` or default port, no fragment,
    no tracking parameters, query sorted, no trailing slash. ``None`` when not a web URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in (80, 443):
        host += f":{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(k.lower())
    )
    path = parts.path.rstrip("/") or ""
    return host + path + ("?" + urlencode(query) if query else "")


def article_key(canonical_url: str | None, url: str | None, content_hash: str) -> str:
    """One key per story: the normalised canonical URL, else the page URL, else the hash."""
    return normalise_url(canonical_url) or normalise_url(url) or f"sha256:{content_hash}"


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def text_hash(text: str) -> str:
    """sha256 of the body's words, case-folded: markup, spacing and punctuation do not count."""
    return tokens_hash(words(text))


def tokens_hash(tokens: list[str]) -> str:
    """``text_hash`` of a body already split by ``words``."""
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Each shingle hashed with CRC-32: stable across runs and machines (the stored signatures
    # depend on it), one C call a shingle, several times faster than datasketch's SHA-1.
    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)


def shingles(tokens: list[str]) -> set[bytes]:
    """The distinct word ``SHINGLE``-shingles, UTF-8, words joined by one space: slices
    of the body encoded once (``words`` never holds a space)."""
    data = " ".join(tokens).encode("utf-8")
    starts = list(itertools.accumulate((len(w) + 1 for w in data.split(b" ")), initial=0))
    count = len(tokens) - SHINGLE + 1
    ends = [end - 1 for end in starts[SHINGLE : SHINGLE + count]]
    return set(map(data.__getitem__, map(slice, starts[:count], ends)))


def signature(tokens: list[str]) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32) of word 5-shingles; None when too short."""
    if len(tokens) < MIN_WORDS:
        return None
    minhash = _template().copy()
    minhash.update_batch(shingles(tokens))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def signature_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def signature_from(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in, so bands never collide)."""
    b, r = _bands()
    raw = sig.astype("<u4")
    keys = []
    for band in range(b):
        digest = hashlib.blake2b(
            raw[band * r : (band + 1) * r].tobytes(),
            digest_size=8,
            person=band.to_bytes(2, "little"),
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def best_match(sig: np.ndarray, candidates: Iterable[tuple[int, bytes]]) -> int | None:
    """The candidate id whose signature is most similar, if at or over the threshold."""
    best, best_score = None, THRESHOLD
    for article_id, blob in candidates:
        score = similarity(sig, signature_from(blob))
        if score >= best_score:
            best, best_score = article_id, score
    return best
