"""Near duplicates: MinHash over word shingles, banded for lookup (LSH), confirmed by estimate.

Two outlets running the same wire story lightly edited share most of their 4-word runs; two
different stories on one subject share few. The threshold is measured in
`bench/dedup_bench.py` (see docs/benchmarks.md)."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

SHINGLE = 4  # words per shingle
PERMUTATIONS = 128
# 43 bands of 3 rows: a pair at Jaccard 0.45 shares a band with probability 0.98, at 0.2 only 0.29.
BAND_ROWS = 3
# Midway between the least similar edited copy (0.57) and the most similar rewrite of the same
# event (0.31) measured on real news (docs/benchmarks.md, "Near-duplicate threshold").
THRESHOLD = 0.45
_WORD = re.compile(r"\w+")
# One set of permutations for every process and every run, so stored signatures stay comparable.
_SEED = 1


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> bytes:
    """The text's MinHash as bytes (PERMUTATIONS × uint32)."""
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint32).tobytes()


def bands(sig: bytes) -> list[str]:
    """Keys of the signature's LSH bands: the band's number and a digest of its rows."""
    step = BAND_ROWS * 4
    return [
        f"{i // step}:{hashlib.blake2b(sig[i : i + step], digest_size=12).hexdigest()}"
        for i in range(0, len(sig), step)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    left = np.frombuffer(a, dtype=np.uint32)
    right = np.frombuffer(b, dtype=np.uint32)
    if len(left) != len(right) or not len(left):
        return 0.0
    return float(np.count_nonzero(left == right)) / len(left)
