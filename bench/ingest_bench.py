"""Ingest throughput: newsbrief's whole ingest against bare spaCy `nlp.pipe` (full pipeline, one
process), same texts, same run, and chat latency meanwhile.
Usage: python bench/ingest_bench.py ../shared/data/bbc-news-summary-dev [--limit N] [--postgres URL]"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bbc_articles, median, percentile, reset_postgres, write_section
from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.text import clean_text
from bot.reply import Caller
from bot.services import Services
from bot.settings import Settings

CHAT_QUESTIONS = ("/latest 5", "/who Blair")
CHAT_EVERY = 0.2  # seconds


def bare_pipe(model: str, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of the full pipeline over texts."""
    nlp = spacy.load(model)  # the full pipeline, nothing disabled
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds used so far by these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


async def ask_meanwhile(news: Services, done: asyncio.Event, latencies: list[float]) -> None:
    """A chat user asking every 200 ms; each latency counts from when the question was due."""
    commands = Commands(news)
    questions = itertools.cycle(CHAT_QUESTIONS)
    due = time.perf_counter()
    while not done.is_set():
        await commands.handle(next(questions), caller=Caller(None, admin=False))
        latencies.append(time.perf_counter() - due)
        due += CHAT_EVERY
        await asyncio.sleep(max(0.0, due - time.perf_counter()))


async def newsbrief_ingest(settings: Settings, articles) -> Run:  # type: ignore[no-untyped-def]
    news = await Services(settings).open()
    # Loading the model is not ingest work (the bare run loads it untimed too): in this process,
    # or in each worker.
    if settings.nlp_processes > 1:
        await asyncio.to_thread(news.parsers.start)
    else:
        await news.nlp()
    workers = [child.pid for child in multiprocessing.active_children() if child.pid is not None]
    load = os.getloadavg()[0]
    done, latencies = asyncio.Event(), []
    asking = asyncio.create_task(ask_meanwhile(news, done, latencies))
    started, cpu = time.perf_counter(), time.process_time() + cpu_seconds(workers)
    report = await ingest(news, articles)
    wall, cpu = time.perf_counter() - started, time.process_time() + cpu_seconds(workers) - cpu
    done.set()
    await asking
    await news.close()
    return Run(wall, cpu, report.line(), latencies, max(load, os.getloadavg()[0]))


@dataclass
class Run:
    wall: float
    cpu: float
    line: str
    latencies: list[float]
    load: float  # the 1-minute load average, the higher of before and after


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--postgres", default="", help="also measure with this DATABASE_URL (emptied first)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = bbc_articles(args.folder, args.limit)
    texts = [clean_text(a.text) for a in articles]
    words = sum(len(t.split()) for t in texts)
    base = Settings(_env_file=None)
    processes = base.nlp_processes

    # Wall times on this machine vary by ±20% between identical runs (the host, not other
    # processes): alternate the contenders and keep each one's best of `rounds`. CPU seconds are
    # this process's and its parse workers' (not the PostgreSQL server's).
    bare_times: list[tuple[float, float]] = []
    ours: dict[str, list[Run]] = {}
    for round_number in range(args.rounds):
        bare_times.append(bare_pipe(base.spacy_model, texts))
        targets = [("SQLite", None, 1), ("SQLite", None, processes)]
        if args.postgres:
            targets.append(("PostgreSQL", args.postgres, processes))
        for store, url, nlp_processes in targets:
            with tempfile.TemporaryDirectory() as tmp:
                database = url or f"sqlite+aiosqlite:///{tmp}/bench.db"
                if url:
                    asyncio.run(reset_postgres(url))
                settings = base.model_copy(update={"database_url": database, "nlp_processes": nlp_processes})
                run = asyncio.run(newsbrief_ingest(settings, articles))
            ours.setdefault(f"`newsbrief ingest` → {store}, NLP_PROCESSES={nlp_processes}", []).append(run)
        print(
            f"round {round_number + 1}: bare {bare_times[-1]}, "
            + ", ".join(f"{k} {v[-1].wall:.1f}s load {v[-1].load:.2f}" for k, v in ours.items())
        )
    bare_wall = min(t[0] for t in bare_times)
    bare_cpu = min(t[1] for t in bare_times)
    n = len(articles)
    table = [
        "| run | wall s | articles/s (wall) | ratio (wall) | CPU s | ratio (CPU) | load | result |",
        "|---|---|---|---|---|---|---|---|",
        f"| bare `nlp.pipe`, full pipeline, one process (baseline) | {bare_wall:.1f} | {n / bare_wall:.1f} | "
        f"**1.00** | {bare_cpu:.1f} | **1.00** | — | — |",
    ]
    chat = ["| during | questions | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    for name, runs in ours.items():
        best = min(runs, key=lambda run: run.wall)
        cpu = min(run.cpu for run in runs)
        table.append(
            f"| {name} | {best.wall:.1f} | {n / best.wall:.1f} | **{bare_wall / best.wall:.2f}** | {cpu:.1f} | "
            f"{bare_cpu / cpu:.2f} | {best.load:.2f} | {best.line} |"
        )
        latencies = [latency for run in runs for latency in run.latencies]
        chat.append(
            f"| {name} | {len(latencies)} | {1000 * median(latencies):.0f} | "
            f"**{1000 * percentile(latencies, 0.95):.0f}** | {1000 * max(latencies):.0f} |"
        )
    body = f"""## Ingest throughput

{n} BBC articles from `{args.folder}` ({words:,} words), same run; each figure is the best of
{args.rounds} alternating rounds (identical runs vary by about ±20% in wall time here). The ratio is
the baseline's time over ours: above 1.0, ingest is faster than bare spaCy in one process.
newsbrief's figure is the whole ingest: cleaning, duplicate checks, spaCy (batches of 32,
lemmatizer and attribute ruler off), linking, roles, quotes, and every row written in one
transaction per article. With NLP_PROCESSES={processes} (the default here: one per core) worker
processes, each with the model loaded once, parse one batch while this process writes the last
one. The baseline is bare `nlp.pipe(batch_size=64)` with the full pipeline, one process, no
storage. CPU seconds count the parse workers too. Load is the machine's 1-minute load average,
the higher of the run's start and end: other work shares these cores, and the run's own busy
workers count in it (about 2). The workers are a process pool, not spaCy's `n_process`, which
starts its processes anew at every `nlp.pipe` call and sends each Doc back whole. Goal: ratio ≥
1.5 with every core.

{chr(10).join(table)}

Chat during those ingests: `/latest 5` and `/who Blair` in turn, one every 200 ms, through the
same core the bot's handlers call, in the ingest's process; each latency counts from when the
question was due to its answer (every round). Goal: p95 < 1 s.

{chr(10).join(chat)}
"""
    write_section("ingest", body)
    print(body)


if __name__ == "__main__":
    main()
