"""Near-duplicate threshold, measured on the BBC set's real repeats: exact copies, edited copies
(the same story re-published with changes) and different stories on one subject.
Usage: python bench/dedup_bench.py ../shared/data/bbc-news-summary-dev"""

from __future__ import annotations

import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bbc_articles, write_section
from bot.ingest import dedup
from bot.ingest.text import clean_text, text_hash
from domain.signatures import BAND_ROWS, PERMUTATIONS, THRESHOLD, bands, similarity

LABELS = Path(__file__).parent / "labels" / "near_duplicates.json"
THRESHOLDS = (0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)


def relative(origin: str) -> str:
    return "/".join(Path(origin).parts[-2:])


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/bbc-news-summary-dev")
    articles = bbc_articles(folder)
    texts = [clean_text(a.text) for a in articles]
    names = [relative(a.origin) for a in articles]
    shingles = [dedup.shingles(t) for t in texts]
    signatures = [dedup.signature(t) for t in texts]
    hashes = [text_hash(t) for t in texts]

    # Every pair sharing a shingle (rare shingles only: common phrases say nothing), exact Jaccard.
    holders: defaultdict[bytes, list[int]] = defaultdict(list)
    for index, items in enumerate(shingles):
        for shingle in items:
            holders[shingle].append(index)
    shared: defaultdict[tuple[int, int], int] = defaultdict(int)
    for indices in holders.values():
        if len(indices) <= 20:
            for pair in itertools.combinations(indices, 2):
                shared[pair] += 1
    pairs = []
    for (a, b), count in shared.items():
        jaccard = count / len(shingles[a] | shingles[b])
        if jaccard >= 0.15 and hashes[a] != hashes[b]:
            pairs.append((jaccard, a, b))
    pairs.sort(reverse=True)
    exact = sum(1 for a, b in itertools.combinations(range(len(hashes)), 2) if hashes[a] == hashes[b])

    labels = {tuple(sorted(item["pair"])): item["label"] for item in json.loads(LABELS.read_text())}
    unlabelled = [(names[a], names[b]) for _, a, b in pairs if tuple(sorted((names[a], names[b]))) not in labels]
    if unlabelled:
        print("unlabelled pairs (label them in bench/labels/near_duplicates.json):", unlabelled)

    band_sets = [set(bands(s)) for s in signatures]
    rows = [
        "| threshold | edited copies linked | same event rewritten, linked | different stories linked |",
        "|---|---|---|---|",
    ]
    for threshold in THRESHOLDS:
        linked: defaultdict[str, int] = defaultdict(int)
        totals: defaultdict[str, int] = defaultdict(int)
        for _, a, b in pairs:
            label = labels.get(tuple(sorted((names[a], names[b]))), "different")
            totals[label] += 1
            found = band_sets[a] & band_sets[b] and similarity(signatures[a], signatures[b]) >= threshold
            linked[label] += bool(found)
        chosen = " (chosen)" if threshold == THRESHOLD else ""
        rows.append(
            f"| {threshold:.2f}{chosen} | {linked['copy']}/{totals['copy']} | {linked['rewrite']}/{totals['rewrite']} "
            f"| {linked['different']}/{totals['different']} |"
        )
        print(rows[-1])
    listing = ["| Jaccard | articles | label |", "|---|---|---|"]
    for jaccard, a, b in pairs:
        label = labels.get(tuple(sorted((names[a], names[b]))), "different")
        listing.append(f"| {jaccard:.3f} | {names[a]} / {names[b]} | {label} |")
    body = (
        "## Near-duplicate threshold\n\n"
        f"`bench/dedup_bench.py` on the {len(articles)} BBC articles: {exact} pairs are exact copies (same text,\n"
        "stored once by the text hash). Every other pair with word-4-shingle Jaccard ≥ 0.15 is listed\n"
        "below with a label read off the two articles (labels in `bench/labels/near_duplicates.json`):\n"
        "*copy* = the same story re-published with edits; *rewrite* = the same event written up again\n"
        "with new reporting; *different* = different stories on one subject. A pair is linked when\n"
        f"the MinHash signatures ({PERMUTATIONS} permutations) share an LSH band of {BAND_ROWS} rows\n"
        "and their estimated similarity reaches the threshold. All other pairs (≈616,000) have Jaccard\n"
        "below 0.15.\n\n" + "\n".join(rows) + "\n\n" + "\n".join(listing)
    )
    write_section("dedup", body)


if __name__ == "__main__":
    main()
