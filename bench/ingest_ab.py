"""English ingest of two versions of the code, same run, same machine: whether a change made ingest
slower. Each version is checked out in a temporary git worktree and ingests the same BBC articles
into a fresh SQLite store in its own process (one parse process, no chat), alternating, `rounds`
times each.
Usage: python bench/ingest_ab.py ../shared/data/bbc-news-summary-dev BEFORE_REV [AFTER_REV] [--limit N] [--rounds N]
(AFTER_REV: the working tree when omitted)"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import write_section  # noqa: E402  (after the path is set)

# Run inside each version's own tree: its bot, storage and bench.common, this interpreter's libraries.
ONE_RUN = """
import asyncio, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from bench.common import bbc_articles
from bot.ingest.pipeline import ingest
from bot.services import Services
from bot.settings import Settings
articles = bbc_articles(Path(sys.argv[2]), int(sys.argv[3]))
async def main():
    folder = tempfile.mkdtemp()
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{folder}/ab.db", nlp_processes=1)
    news = await Services(settings).open()
    await news.nlp()  # loading the model is not ingest work
    started = time.perf_counter()
    report = await ingest(news, articles)
    print(time.perf_counter() - started, report.line(), sep="\\t")
    await news.close()
asyncio.run(main())
"""


def run(tree: Path, folder: Path, limit: int) -> tuple[float, str]:
    done = subprocess.run(
        [sys.executable, "-c", ONE_RUN, str(tree), str(folder), str(limit)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, line = done.stdout.strip().splitlines()[-1].split("\t")
    return float(seconds), line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", default="")
    parser.add_argument("--limit", type=int, default=250)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        trees = {}
        for name, rev in (("before", args.before), ("after", args.after)):
            if not rev:
                trees[name] = ROOT
                continue
            trees[name] = Path(scratch) / name
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-f", "-q", str(trees[name]), rev], check=True)
        try:
            times: dict[str, list[float]] = {"before": [], "after": []}
            lines = {}
            for round_number in range(args.rounds):
                for name, tree in trees.items():
                    seconds, lines[name] = run(tree, args.folder.resolve(), args.limit)
                    times[name].append(seconds)
                    print(f"round {round_number + 1}: {name} {seconds:.1f} s ({lines[name]})")
        finally:
            for tree in trees.values():
                if tree != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    labels = {"before": args.before, "after": args.after or "the working tree"}
    rows = [
        f"| {name} (`{labels[name]}`) | {min(ts):.1f} | {statistics.median(ts):.1f} | "
        f"{' · '.join(f'{t:.1f}' for t in ts)} | {lines[name]} |"
        for name, ts in times.items()
    ]
    best = min(times["before"]) / min(times["after"])
    middle = statistics.median(times["before"]) / statistics.median(times["after"])
    body = "\n".join(
        [
            "## English ingest, before and after a change",
            "",
            f"`bench/ingest_ab.py`: {args.limit} BBC articles from `{args.folder.name}`, each version in its own git",
            "worktree and process, one parse process, a fresh SQLite store, no chat; the versions alternate,",
            f"{args.rounds} rounds. The ratio is before's time over after's: below 1.0, the change made ingest slower.",
            "",
            "| version | best s | median s | each round s | result |",
            "|---|---|---|---|---|",
            *rows,
            "",
            f"Ratio: **{best:.2f}** on the best rounds, **{middle:.2f}** on the medians.",
        ]
    )
    print(body)
    write_section("ingest-ab", body)


if __name__ == "__main__":
    main()
