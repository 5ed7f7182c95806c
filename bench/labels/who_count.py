"""Count a bearer by WHO_RULES.md's plain-regex rule and show every sentence naming them, to read
their roles from. It counts and shows; the labels are written by reading.

A bearer's forms (a middle initial, an accent) are `|`-separated and counted together: an item counts
once when it names any form as whole words (case-sensitive, possessive 's allowed).
Usage: python bench/labels/who_count.py ../shared/data bbc|timeline|cnndm|web "Tony Blair"
       ["Ian Blair|Sir Ian Blair" ...]
       [--surname Blair]  (also list the bearers of that surname the text writes, and the bare mentions)
       [--quiet]          (counts only)"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from who_candidates import store_items

# The given-name shape of a bearer's first word: a capitalised word, not a title or a sentence opener.
GIVEN = r"[A-Z][a-zà-ÿ'’.-]+(?: [A-Z]\.?)?"


def form_pattern(forms: list[str]) -> re.Pattern[str]:
    """Any of the forms as whole words; a possessive 's after it still counts (\\b allows it)."""
    return re.compile("|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in forms))


def count(forms: list[str], items: list[str]) -> int:
    pattern = form_pattern(forms)
    return sum(1 for text in items if pattern.search(text))


def sentences(pattern: re.Pattern[str], items: list[str]) -> list[tuple[int, str]]:
    """Each sentence naming the pattern, with its item's index, as the text writes it."""
    found = []
    for index, text in enumerate(items):
        if not pattern.search(text):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            if pattern.search(sentence):
                found.append((index, " ".join(sentence.split())))
    return found


def surname_forms(surname: str, items: list[str]) -> Counter[str]:
    """'Given Surname' strings the text writes, by items naming them (candidates to read, not bearers)."""
    pattern = re.compile(rf"(?<![\w-])({GIVEN}) {re.escape(surname)}(?![\w-])")
    counts: Counter[str] = Counter()
    for text in items:
        counts.update({f"{m.group(1)} {surname}" for m in pattern.finditer(text)})
    return counts


def main() -> None:
    data, store = Path(sys.argv[1]), sys.argv[2]
    quiet = "--quiet" in sys.argv
    surname = sys.argv[sys.argv.index("--surname") + 1] if "--surname" in sys.argv else None
    names = [a for i, a in enumerate(sys.argv[3:], 3) if not a.startswith("--") and sys.argv[i - 1] != "--surname"]
    items = store_items(data, store)
    for name in names:
        forms = name.split("|")
        print(f"== {forms[0]}: {count(forms, items)}")
        if not quiet:
            for index, sentence in sentences(form_pattern(forms), items):
                print(f"   [{index}] {sentence[:300]}")
    if surname:
        print(f"== written forms of {surname}: {surname_forms(surname, items).most_common(30)}")
        bare = form_pattern([surname])
        print(f"== items naming {surname} at all: {sum(1 for t in items if bare.search(t))}")


if __name__ == "__main__":
    main()
