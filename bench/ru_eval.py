"""Russian /who and /status accuracy (issue 15) on the `ru` store, scored as bench/labels/RU_RULES.md says.

The 385 ru-news items (the JSONL of May 2021 and the LIGA.net feed) are ingested into one fresh store
through the bot's own path (`from_path`: each item's title, text, published time and source); each
label of bench/labels/ru_who.json is asked with /who and each of ru_status.json with /status, as the
console chat asks. The figures and the errors by kind go to docs/benchmarks.md, never a label's
content nor a per-label result: the labels stay held out from whoever tunes the Russian analyser
(`--misses` prints each miss here, for the one who labels).
`--set who2` asks the fresh labels of bench/labels/ru_who2.json instead (the next 40 people in
RU_RULES.md's candidate order, never seen by the analyser's authors) on the same store, scored the
same way; /status is not asked, and the figures go to their own section (`ru-who2`), so the ru_who
figures stay as measured.
Usage: python bench/ru_eval.py [../shared/data] [--set who2] [--keep DIR] [--misses]"""

from __future__ import annotations

import asyncio
import html
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import write_section
from bench.who_status_eval import KINDS, asks_which, first_line, open_news, score_label
from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_path
from bot.render.html import to_plain
from bot.reply import CONSOLE, Choice, Reply
from bot.services import Services

LABELS = Path(__file__).parent / "labels"
FILES = ("newsapi_ru_2021-05.jsonl", "liga_net_ru_2021-08-22.rss")  # in ../shared/data/ru-news
STORE = "ru.db"
GOAL = 90.0  # % right on each command (issue 15)
# --set: which /who labels, and the docs section their figures go to. `who2` is a fresh part written
# after ru_who.json had been seen by the analyser's authors; it gets its own section so that the
# figures of the two sets are never mixed nor overwritten.
WHO_SETS = {"ru": ("ru_who.json", "ru-accuracy"), "who2": ("ru_who2.json", "ru-who2")}
STATUS_KINDS = [
    "nothing found",
    "place not named",
    "not newest first",
    "first item not from the latest day",
    "source not one of that day's items",
]
QUOTES = str.maketrans({"ё": "е", "Ё": "Е", "«": None, "»": None, '"': None, "“": None, "”": None, "„": None})
DATED = re.compile(r"(\d{4}-\d{2}-\d{2}) — ")
LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)

# Measured once with this script on the code of commit e2c955e (2026-11-27), before any language
# routing: Russian text parsed by the English model. The figures right, and the errors by kind.
BEFORE = {
    "label": "before (English model on Russian text)",
    "who": "3/40 (7.5%)",
    "status": "10/32 (31.2%)",
    "strict": "8/32 (25.0%)",
    "errors": {
        "no answer": 6,
        "choice instead of answer": 4,
        "wrong person": 10,
        "role missing or wrong": 17,
        "nothing found": 15,
        "first item not from the latest day": 7,
    },
}


def fold(text: str) -> str:
    """Text as RU_RULES.md compares it: ё as е, quotation marks dropped (case is ignored by the callers)."""
    return text.translate(QUOTES)


def score_who(label: dict, reply: Reply) -> tuple[str | None, str]:
    """The error kind of one /who label (None when right) and what the bot said: the English
    set's scorer (WHO_RULES.md) on folded text, as RU_RULES.md says."""
    folded = Reply([fold(m) for m in reply.messages], [Choice(fold(c.label), c.command) for c in reply.choices])
    words = {key: [fold(v).lower() for v in label[key]] for key in ("names", "roles") if key in label}
    offer = {"offer": [fold(v) for v in label["offer"]]} if "offer" in label else {}
    return score_label({**label, **words, **offer}, folded)


def dated_lines(reply: Reply) -> list[tuple[str, str]]:
    """Each dated line (`YYYY-MM-DD — …`) of the reply after its first line, as (day, its HTML)."""
    lines = "\n".join(reply.messages).split("\n")[1:]
    return [(match.group(1), line) for line in lines if (match := DATED.match(line))]


def cites(line: str, items: list[dict]) -> bool:
    """The line's source is one of items: its link's url, or without a link, the source label."""
    links = LINK.findall(line)
    if links:
        return html.unescape(links[-1][0]) in {item["url"] for item in items}
    plain = to_plain(line)
    return any(re.search(rf" — {re.escape(item['source'])} · #\d+", plain) for item in items)


def score_status(place: dict, reply: Reply) -> tuple[str | None, bool, str]:
    """The error kind of one /status label (None when right), whether the first dated line cites
    the newest item itself (the stricter figure), and what the bot said."""
    first = first_line(reply)
    days = dated_lines(reply)
    said = f"{first!r}" + (f"; first dated {to_plain(days[0][1])[:160]!r}" if days else "")
    named, _, _ = fold(first).partition(" — ")
    query = re.escape(fold(place["query"]))
    if not days:
        return "nothing found", False, said
    if not re.search(rf"(?<![\w-]){query}(?![\w-])", named, re.IGNORECASE):
        return "place not named", False, said
    if [day for day, _ in days] != sorted((day for day, _ in days), reverse=True):
        return "not newest first", False, said
    if days[0][0] != place["latest_day"]:
        return "first item not from the latest day", False, said + f"; latest {place['latest_day']}"
    if not cites(days[0][1], place["latest_day_items"]):
        return "source not one of that day's items", False, said
    return None, cites(days[0][1], place["newest"]), said


class Timed:
    """Milliseconds per question, for the latency line."""

    def __init__(self) -> None:
        self.times: list[float] = []

    async def ask(self, question: object) -> Reply:
        started = time.perf_counter()
        reply = await question  # type: ignore[misc]
        self.times.append((time.perf_counter() - started) * 1000)
        return reply


async def run_who(chat: Commands, labels: list[dict], timed: Timed) -> list[tuple[dict, str | None, str]]:
    return [(label, *score_who(label, await timed.ask(chat.questions.who(label["query"])))) for label in labels]


async def run_status(chat: Commands, places: list[dict], timed: Timed) -> list[tuple[dict, str | None, bool, str]]:
    results = []
    for place in places:
        reply = await timed.ask(chat.questions.status(place["query"]))
        if reply.choices and asks_which(fold(first_line(reply))):  # as the English eval: the first choice
            reply = await chat.handle(reply.choices[0].command, caller=CONSOLE)
        results.append((place, *score_status(place, reply)))
    return results


def percent(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.1f}%)"


def report(
    who: list[tuple[dict, str | None, str]],
    status: list[tuple[dict, str | None, bool, str]],
    ingested: str,
    timings: str,
) -> str:
    """The docs/benchmarks.md section: figures, errors by kind, before and now; no per-label line."""
    who_right = sum(kind is None for _, kind, _ in who)
    status_right = sum(kind is None for _, kind, _, _ in status)
    strict = sum(kind is None and newest for _, kind, newest, _ in status)
    people = sum(label["meant"] != "ambiguous" for label, _, _ in who)
    errors = Counter(kind for _, kind, _ in who if kind) + Counter(kind for _, kind, _, _ in status if kind)
    figures = {"/who": (who_right, len(who)), "/status": (status_right, len(status))}
    met = [name for name, (right, total) in figures.items() if right >= total * GOAL / 100]
    lines = [
        "## Russian /who and /status",
        "",
        "`bench/ru_eval.py ../shared/data`: the 385 items of `../shared/data/ru-news/` (the May 2021 JSONL and "
        "the LIGA.net feed) ingested into one store through the bot's ingest path; labels "
        "`bench/labels/ru_who.json` and `ru_status.json`, written by hand under `bench/labels/RU_RULES.md` "
        "(frozen before labelling) and scored as it says. "
        f"{len(who)} /who labels ({people} people with a stated role, {len(who) - people} truly ambiguous), "
        f"{len(status)} places. Goal (issue 15): at least {GOAL:.0f}% on each command.",
        "",
        f"- /who: {percent(who_right, len(who))} right (first line: the full name in the nominative and a "
        "stated role, no choice needed)",
        f"- /status: {percent(status_right, len(status))} right (place named in the nominative, newest first, "
        f"first line from the latest day and citing one of that day's items); stricter, citing the newest item "
        f"itself: {percent(strict, len(status))}",
        f"- goal met on: {', '.join(met) or 'neither command'}",
        f"- {ingested}; {timings}",
        "",
        "| error kind | now | " + BEFORE["label"] + " |",
        "|---|---|---|",
        *(f"| {kind} | {errors[kind]} | {BEFORE['errors'].get(kind, 0)} |" for kind in KINDS + STATUS_KINDS),
        "",
        "| step | /who | /status | /status, newest item |",
        "|---|---|---|---|",
        f"| {BEFORE['label']} | {BEFORE['who']} | {BEFORE['status']} | {BEFORE['strict']} |",
        f"| now | {percent(who_right, len(who))} | {percent(status_right, len(status))} | "
        f"{percent(strict, len(status))} |",
        "",
        "Per-label results are not published: the labels are held out from the analyser's tuning.",
    ]
    return "\n".join(lines)


def report_who2(who: list[tuple[dict, str | None, str]], ingested: str, timings: str) -> str:
    """The docs/benchmarks.md section of the fresh /who set: its figure and errors by kind only."""
    right = sum(kind is None for _, kind, _ in who)
    people = sum(label["meant"] != "ambiguous" for label, _, _ in who)
    errors = Counter(kind for _, kind, _ in who if kind)
    met = "yes" if right >= len(who) * GOAL / 100 else "no"
    lines = [
        "## Russian /who, fresh labels (ru_who2.json)",
        "",
        "`bench/ru_eval.py ../shared/data --set who2`: the same store as the Russian /who and /status "
        "section; labels `bench/labels/ru_who2.json`, the candidates after those of `ru_who.json` in the order "
        "`bench/labels/RU_RULES.md` defines, written under the unchanged rules by a labeller who never ran "
        "the bot on them, and scored exactly as `ru_who.json`. "
        f"{len(who)} /who labels ({people} people with a stated role, {len(who) - people} truly ambiguous); "
        "/status is not asked here.",
        "",
        f"- /who: {percent(right, len(who))} right (first line: the full name in the nominative and a "
        "stated role, no choice needed)",
        f"- goal ({GOAL:.0f}%) met: {met}",
        f"- {ingested}; {timings}",
        "",
        "| error kind | now |",
        "|---|---|",
        *(f"| {kind} | {errors[kind]} |" for kind in KINDS),
        "",
        "Per-label results are not published: the labels are held out from the analyser's tuning.",
    ]
    return "\n".join(lines)


async def build(news: Services, data: Path) -> str:
    """Ingest the ru-news files into the store; a line saying what was stored and how long it took."""
    started = time.perf_counter()
    items = [item for name in FILES for item in from_path(data / "ru-news" / name)]
    done = await ingest(news, items)
    took = time.perf_counter() - started
    return (
        f"ingest: {len(done.new)} new, {len(done.duplicates)} duplicates, {len(done.failed)} failed "
        f"of {len(items)} items in {took:.0f} s"
    )


async def evaluate(data: Path, folder: Path, misses: bool, which: str = "ru") -> None:
    labels_file, section = WHO_SETS[which]
    fresh = not (folder / STORE).exists()
    news = await open_news(folder, STORE)
    ingested = await build(news, data) if fresh else "ingest: a kept store reused"
    chat = Commands(news)
    who_labels = json.loads((LABELS / labels_file).read_text(encoding="utf-8"))["labels"]
    # The fresh set measures /who only; its places would be ru_status.json's, already measured.
    places = json.loads((LABELS / "ru_status.json").read_text(encoding="utf-8"))["places"] if which == "ru" else []
    who_timed, status_timed = Timed(), Timed()
    started = time.perf_counter()
    who = await run_who(chat, who_labels, who_timed)
    status = await run_status(chat, places, status_timed)
    asked = time.perf_counter() - started
    await news.close()
    timings = f"questions: {asked:.1f} s in all, median /who {statistics.median(who_timed.times):.0f} ms"
    if status_timed.times:
        timings += f", /status {statistics.median(status_timed.times):.0f} ms"
    timings += " (in-process)"
    body = report(who, status, ingested, timings) if which == "ru" else report_who2(who, ingested, timings)
    print(body)
    if misses:
        print("\nEvery miss (not written to docs):")
        for label, kind, said in who:
            if kind:
                print(f"- /who {label['query']} → {kind}: {said}")
        for place, kind, _, said in status:
            if kind:
                print(f"- /status {place['query']} → {kind}: {said}")
    write_section(section, body)


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "../shared/data")
    # --keep DIR: keep the store there and reuse it on the next run (ingest once).
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    # --set who2: the fresh /who labels (ru_who2.json) instead of ru_who.json and ru_status.json.
    which = sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "ru"
    if which not in WHO_SETS:
        sys.exit(f"--set must be one of {', '.join(WHO_SETS)}, not {which!r}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        asyncio.run(evaluate(data, folder, "--misses" in sys.argv, which))


if __name__ == "__main__":
    main()
