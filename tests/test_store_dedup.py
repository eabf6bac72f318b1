"""Keys and fingerprints that tell copies of a story from new stories (pure functions)."""

from __future__ import annotations

import zlib

import numpy as np

from newsdesk.store import dedup
from test_store_helpers import body_text


def test_normalise_url_drops_noise_but_keeps_identity() -> None:
    same = {
        dedup.normalise_url(u)
        for u in (
            "https://www.example.org/news/a-story/",
            "http://example.org/news/a-story",
            "https://EXAMPLE.org:443/news/a-story?utm_source=tw&fbclid=1#comments",
        )
    }
    assert same == {"example.org/news/a-story"}
    assert dedup.normalise_url("https://example.org/a?id=2&b=1") == "example.org/a?b=1&id=2"
    assert dedup.normalise_url("https://example.org/a?id=2") != dedup.normalise_url(
        "https://example.org/a?id=3"
    )
    assert dedup.normalise_url("file:///tmp/x.html") is None
    assert dedup.normalise_url("not a url") is None


def test_article_key_prefers_canonical_then_url_then_hash() -> None:
    assert dedup.article_key("https://a.org/x", "https://b.org/y", "h") == "a.org/x"
    assert dedup.article_key(None, "https://b.org/y", "h") == "b.org/y"
    assert dedup.article_key(None, None, "abc") == "sha256:abc"


def test_text_hash_ignores_case_spacing_and_punctuation() -> None:
    assert dedup.text_hash("Hello,  World!\n\nAgain.") == dedup.text_hash("hello world again")
    assert dedup.text_hash("hello world") != dedup.text_hash("hello word")


def test_signatures_are_stable_and_similarity_tracks_overlap() -> None:
    words = dedup.words(body_text(1, 400))
    sig = dedup.signature(words)
    assert sig is not None and sig.dtype == np.uint32 and len(sig) == dedup.NUM_PERM
    again = dedup.signature_from(dedup.signature_bytes(sig))
    assert np.array_equal(sig, again)
    near = dedup.signature([*words[:200], "inserted", *words[200:]])
    far = dedup.signature(dedup.words(body_text(2, 400)))
    assert near is not None and far is not None
    assert dedup.similarity(sig, near) >= dedup.THRESHOLD > dedup.similarity(sig, far)
    shared = set(dedup.band_keys(sig)) & set(dedup.band_keys(near))
    assert shared and not set(dedup.band_keys(sig)) & set(dedup.band_keys(far))
    assert dedup.signature(words[:10]) is None  # too short to call anything a copy


def test_best_match_needs_the_threshold() -> None:
    words = dedup.words(body_text(3, 400))
    sig = dedup.signature(words)
    near = dedup.signature([*words[:300], "x", *words[300:]])
    far = dedup.signature(dedup.words(body_text(4, 400)))
    assert sig is not None and near is not None and far is not None
    blobs = [(1, dedup.signature_bytes(far)), (2, dedup.signature_bytes(near))]
    assert dedup.best_match(sig, blobs) == 2
    assert dedup.best_match(sig, blobs[:1]) is None


def test_shingles_and_signature_match_the_plain_definition() -> None:
    """The fast shingles (slices of the body encoded once) are the word 5-shingles joined
    by a space, and the signature is datasketch's MinHash of them with CRC-32: the stored
    signatures of earlier runs stay comparable."""
    from datasketch import MinHash

    tokens = dedup.words("Él dijo: «naïve café» — 東京 costs 5 € now; " + body_text(5, 60))
    plain = {" ".join(tokens[i : i + 5]).encode() for i in range(len(tokens) - 4)}
    assert dedup.shingles(tokens) == plain
    reference = MinHash(num_perm=dedup.NUM_PERM, hashfunc=zlib.crc32)
    reference.update_batch(sorted(plain))
    sig = dedup.signature(tokens)
    assert sig is not None and np.array_equal(sig, reference.hashvalues.astype(np.uint32))
    assert dedup.tokens_hash(tokens) == dedup.text_hash(" ".join(tokens).upper())
