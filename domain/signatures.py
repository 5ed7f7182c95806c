"""Comparing stored MinHash signatures: LSH band keys for lookup, and the estimated similarity
that confirms a near duplicate (the signatures are made in `bot/ingest/dedup.py`)."""

from __future__ import annotations

import hashlib

PERMUTATIONS = 128  # 32-bit hash values in a signature
# 43 bands of 3 rows: a pair at Jaccard 0.45 shares a band with probability 0.98, at 0.2 only 0.29.
BAND_ROWS = 3
# Midway between the least similar edited copy (0.57) and the most similar rewrite of the same
# event (0.31) measured on real news (docs/benchmarks.md, "Near-duplicate threshold").
THRESHOLD = 0.45
_VALUE = 4  # bytes per hash value


def bands(sig: bytes) -> list[str]:
    """Keys of the signature's LSH bands: the band's number and a digest of its rows."""
    step = BAND_ROWS * _VALUE
    return [
        f"{i // step}:{hashlib.blake2b(sig[i : i + step], digest_size=12).hexdigest()}"
        for i in range(0, len(sig), step)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets: the share of equal hash values."""
    if len(a) != len(b) or not a:
        return 0.0
    values = range(0, len(a), _VALUE)
    return sum(a[i : i + _VALUE] == b[i : i + _VALUE] for i in values) / len(values)
