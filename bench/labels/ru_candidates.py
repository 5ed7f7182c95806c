"""Candidates for the Russian labels (rules: RU_RULES.md): capitalised Cyrillic name sequences,
grouped by a crude case-ending strip, with the items naming them. It FINDS; labels are written by reading.

Plain regular expressions only: no natasha, no bot, no morphology library (the labels must not
come from an analyser like the one they measure).
Usage: python bench/labels/ru_candidates.py ../shared/data names|places [--min 1]
       python bench/labels/ru_candidates.py ../shared/data show "Дмитрий Песков|Дмитрия Пескова" ...
         (count the items naming any of the |-separated forms and print each such item, to read roles)
       python bench/labels/ru_candidates.py ../shared/data surname Песков ...
         (every item writing a word starting so, with the capitalised word before it: bearers, bare mentions)"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import NamedTuple

WORD = r"[А-Я][а-я]+(?:-[А-Я]?[а-я]+)?"
# A run of capitalised Cyrillic words; its 2- and 3-word windows are the candidate full names.
RUN = re.compile(rf"(?<![\w-]){WORD}(?: {WORD})+(?![\w-])")
SINGLE = re.compile(rf"(?<![\w-])({WORD}|[А-Я]{{2,5}})(?![\w-])")
# Case endings stripped to group "Пескова", "Песковым" with "Песков" (a guess; reading decides).
ENDING = re.compile(r"(?:ого|его|ому|ему)$")
TAIL = re.compile(r"[аеиоуыэюяйьм]+$")


class Item(NamedTuple):
    """One item of the `ru` store: its text (title, newline, body; ё as е) and where it is from."""

    text: str
    published: datetime
    source: str
    url: str
    title: str


def fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def jsonl_items(path: Path) -> list[Item]:
    items = []
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        when = datetime.fromisoformat(r["published"].replace("Z", "+00:00")).astimezone(UTC)
        items.append(Item(fold(f"{r['title']}\n{r['text']}"), when, r["source"], r["url"], r["title"]))
    return items


def rss_items(path: Path) -> list[Item]:
    channel = ET.parse(path).getroot().find("channel")
    assert channel is not None
    source = channel.findtext("title", "")
    items = []
    for entry in channel.findall("item"):
        title = entry.findtext("title", "").strip()
        body = entry.findtext("description", "").strip()
        when = parsedate_to_datetime(entry.findtext("pubDate", "")).astimezone(UTC)
        items.append(Item(fold(f"{title}\n{body}"), when, source, entry.findtext("link", ""), title))
    return items


def store_items(data: Path) -> list[Item]:
    """The 385 items of the `ru` store."""
    folder = data / "ru-news"
    return jsonl_items(folder / "newsapi_ru_2021-05.jsonl") + rss_items(folder / "liga_net_ru_2021-08-22.rss")


def stem(word: str) -> str:
    return TAIL.sub("", ENDING.sub("", word.lower())) or word.lower()


def form_pattern(forms: list[str]) -> re.Pattern[str]:
    """Any of the forms as whole words (RU_RULES.md, "forms")."""
    return re.compile("|".join(rf"(?<![\w-]){re.escape(fold(f))}(?![\w-])" for f in forms))


def naming(forms: list[str], items: list[Item]) -> list[Item]:
    pattern = form_pattern(forms)
    return [item for item in items if pattern.search(item.text)]


def windows(text: str) -> set[str]:
    """Every 2- and 3-word window of each capitalised run ("Президент России Владимир Путин")."""
    found = set()
    for run in RUN.finditer(text):
        words = run.group(0).split()
        found |= {" ".join(words[i : i + n]) for n in (2, 3) for i in range(len(words) - n + 1)}
    return found


def grouped(mode: str, items: list[Item]) -> dict[tuple[str, ...], Counter[str]]:
    """Written strings grouped by the stems of their words, each with the items writing it."""
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for item in items:
        found = windows(item.text) if mode == "names" else {m.group(1) for m in SINGLE.finditer(item.text)}
        for written in found:
            groups[tuple(stem(w) for w in written.split())][written] += 1
    return groups


def list_groups(mode: str, items: list[Item], minimum: int) -> None:
    groups = grouped(mode, items)
    rows = []
    for key, written in groups.items():
        total = len(naming(list(written), items))
        if total >= minimum:
            rows.append((total, key, written))
    for total, key, written in sorted(rows, key=lambda r: (-r[0], r[1])):
        print(f"{total:4d}  {' '.join(key)}  :: " + ", ".join(f"{w} ({c})" for w, c in written.most_common()))


def show(forms: list[str], items: list[Item]) -> None:
    found = naming(forms, items)
    print(f"== {forms[0]}: {len(found)} items")
    for item in sorted(found, key=lambda i: i.published):
        print(f"   {item.published:%Y-%m-%d %H:%M} {item.source}: {' / '.join(item.text.split(chr(10)))[:600]}")


def surname(prefix: str, items: list[Item]) -> None:
    """Every item writing a word that starts with the surname's stem, and the words before it."""
    pattern = re.compile(rf"(?:({WORD}) )?(?<![\w-])({re.escape(prefix)}[а-я]*)(?![\w-])")
    before: Counter[str] = Counter()
    found = [item for item in items if pattern.search(item.text)]
    for item in found:
        before.update({f"{m.group(1) or '-'} {m.group(2)}" for m in pattern.finditer(item.text)})
    print(f"== {prefix}*: {len(found)} items; written: " + ", ".join(f"{w} ({c})" for w, c in before.most_common()))
    for item in sorted(found, key=lambda i: i.published):
        print(f"   {item.published:%Y-%m-%d %H:%M} {item.source}: {' / '.join(item.text.split(chr(10)))[:600]}")


def main() -> None:
    data, mode = Path(sys.argv[1]), sys.argv[2]
    minimum = int(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 1
    items = store_items(data)
    if mode in ("names", "places"):
        list_groups(mode, items, minimum)
    elif mode == "surname":
        for arg in (a for a in sys.argv[3:] if not a.startswith("--")):
            surname(arg, items)
    elif mode == "show":
        for arg in (a for a in sys.argv[3:] if not a.startswith("--")):
            show(arg.split("|"), items)


if __name__ == "__main__":
    main()
