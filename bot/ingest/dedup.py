"""Near duplicates: MinHash over word shingles, banded for lookup (LSH), confirmed by estimate.

Two outlets running the same wire story lightly edited share most of their 4-word runs; two
different stories on one subject share few. The threshold is measured in
`bench/dedup_bench.py` (see docs/benchmarks.md); comparing signatures is in `domain/signatures.py`."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash

from domain.signatures import PERMUTATIONS

SHINGLE = 4  # words per shingle
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
