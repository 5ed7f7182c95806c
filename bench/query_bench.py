"""/who and /status latency at 1,000 and 10,000 stored articles, in-process (database and
rendering included, Telegram excluded).
Usage: python bench/query_bench.py ../shared/data/bbc-news-summary-dev [--postgres URL]

The BBC set has 1,111 articles; beyond that the store is filled with re-dated copies of their
analyses (new ids, hashes and dates), which gives the same rows per article a real store has."""

from __future__ import annotations

import argparse
import asyncio
import pickle
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text

from bench.common import bbc_articles, median, percentile, reset_postgres, write_section
from bot.commands import Commands
from bot.ingest.pipeline import prepare
from bot.nlp.analyze import analyze_texts
from bot.services import Services
from bot.settings import Settings
from storage.models import Entity, Mention
from storage.writes import store_article

SIZES = (1_000, 10_000)
QUERIES_PER_KIND = 25
REPEATS = 3


async def fill(news: Services, prepared, analyses, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
    """Store articles number start..stop-1, cycling through the parsed set with new identities."""
    for chunk in range(start, stop, 200):
        async with news.transaction() as session:
            for number in range(chunk, min(chunk + 200, stop)):
                base = prepared[number % len(prepared)]
                copy = number // len(prepared)
                article = (
                    base
                    if copy == 0
                    else replace(
                        base,
                        text_hash=f"{base.text_hash[:56]}{copy:08d}",
                        url=None,
                        title=f"{base.title} ({copy})",
                        published_at=base.published_at + timedelta(days=400 * copy),
                    )
                )
                await store_article(session, article, analyses[number % len(prepared)])


async def pick_queries(news: Services) -> tuple[list[str], list[str]]:
    """The most mentioned people (asked by surname, as users do) and places/organisations."""
    async with news.session() as session:
        rows = await session.execute(
            select(Entity.name, Entity.kind, func.count(Mention.id).label("n"))
            .join(Mention, Mention.entity_id == Entity.id)
            .group_by(Entity.id)
            .order_by(func.count(Mention.id).desc())
            .limit(400)
        )
    people, places = [], []
    for name, kind, _ in rows:
        if kind == "PERSON" and " " in name and len(people) < QUERIES_PER_KIND:
            people.append(name.split(" ")[-1])
        elif kind in {"GPE", "ORG", "LOC"} and len(places) < QUERIES_PER_KIND:
            places.append(name)
    return people, places


async def timings(chat: Commands, command, queries: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    values = []
    for _ in range(REPEATS):
        for query in queries:
            started = time.perf_counter()
            reply = await command(query)
            values.append((time.perf_counter() - started) * 1000)
            assert reply.messages and reply.messages[0]
    return values


async def run(settings: Settings, prepared, analyses) -> list[tuple[int, str, float, float]]:  # type: ignore[no-untyped-def]
    news = await Services(settings).open()
    chat = Commands(news)
    results = []
    stored = 0
    people = places = None
    for size in SIZES:
        await fill(news, prepared, analyses, stored, size)
        stored = size
        # A live store's statistics are kept current by autovacuum (PostgreSQL) or by ANALYZE;
        # a bulk fill has to refresh them itself, or the planner works from an empty table.
        async with news.transaction() as session:
            await session.execute(text("ANALYZE"))
        if people is None:
            people, places = await pick_queries(news)
        questions = chat.questions
        for name, command, queries in (("/who", questions.who, people), ("/status", questions.status, places)):
            await timings(chat, command, queries[:3])  # warm caches
            values = await timings(chat, command, queries)
            results.append((size, name, median(values), percentile(values, 0.95)))
            print(f"{size:>6} {name:8} p50 {results[-1][2]:6.1f} ms  p95 {results[-1][3]:6.1f} ms")
    await news.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--postgres", default="", help="also measure with this DATABASE_URL (emptied first)")
    parser.add_argument("--reuse-parse", action="store_true", help="reuse the last run's parse (to iterate)")
    args = parser.parse_args()
    base = Settings(_env_file=None)
    articles = bbc_articles(args.folder)
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    unique = {}
    for candidate in (prepare(a, now, base.max_text_chars) for a in articles):
        if not hasattr(candidate, "reason"):
            unique.setdefault(candidate.text_hash, candidate)  # the set repeats a few texts
    prepared = list(unique.values())
    from bot.nlp.model import load_pipeline

    cache = Path(tempfile.gettempdir()) / f"newsbrief-bench-{len(prepared)}.pickle"
    if args.reuse_parse and cache.exists():
        analyses = pickle.loads(cache.read_bytes())
    else:
        analyses = analyze_texts(load_pipeline(base.spacy_model), [p.text for p in prepared])
        cache.write_bytes(pickle.dumps(analyses))
    targets = {"SQLite": None}
    if args.postgres:
        targets["PostgreSQL"] = args.postgres
    sections = []
    for label, url in targets.items():
        with tempfile.TemporaryDirectory() as tmp:
            if url:
                asyncio.run(reset_postgres(url))
            database = url or f"sqlite+aiosqlite:///{tmp}/bench.db"
            results = asyncio.run(run(base.model_copy(update={"database_url": database}), prepared, analyses))
        table = ["| articles | command | p50 ms | p95 ms |", "|---|---|---|---|"]
        table += [f"| {size:,} | `{name}` | {p50:.1f} | {p95:.1f} |" for size, name, p50, p95 in results]
        growth = []
        for name in ("/who", "/status"):
            small, large = (r[2] for r in results if r[1] == name)
            growth.append(f"`{name}` {large / small:.2f}×")
        sections.append(
            f"### {label}\n\n"
            + "\n".join(table)
            + f"\n\nGrowth of p50 from 1,000 to 10,000 articles: {', '.join(growth)}.\n"
        )
    body = f"""## /who and /status latency

In-process (`Questions.who` / `Questions.status`: entity resolution, the profile or timeline queries and
HTML rendering; Telegram excluded), {QUERIES_PER_KIND} of the most mentioned people asked by
surname and {QUERIES_PER_KIND} places/organisations, each {REPEATS} times. The store holds the
{len(prepared):,} parsed BBC articles, then re-dated copies of them up to 10,000 articles;
statistics are refreshed (`ANALYZE`) after each fill, as autovacuum does for a live store
(without it PostgreSQL plans from an empty table: "appears with" took 93 ms instead of 8).

{chr(10).join(sections)}"""
    write_section("queries", body)
    print(body)


if __name__ == "__main__":
    main()
