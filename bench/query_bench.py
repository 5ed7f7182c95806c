"""/who and /status latency at 1,000, 10,000 and 100,000 stored articles, in-process (database and
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
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text

from bench.common import bbc_articles, median, percentile, reset_postgres, write_section
from bot.commands import Commands
from bot.ingest import dedup
from bot.ingest.pipeline import prepare
from bot.nlp.analyze import analyze_texts
from bot.services import Services
from bot.settings import Settings
from storage.db import is_sqlite
from storage.models import Article, Entity, Mention, Quote, Role, Sentence, StoryBand
from storage.writes import store_article

SIZES = (1_000, 10_000, 100_000)
QUERIES_PER_KIND = 25
REPEATS = 3

# Figures from before a change, kept with the section (measured the same way, same machine).
HISTORY = """Before issue 12's change (the code of commit 930ee19: each candidate's articles counted
over all its mentions at question time, the newest mentions read as `entity_id IN (...) ORDER BY
published_at LIMIT n`, which sorts all of them), measured 2026-11-27 12:33 UTC with the same
questions and timings, SQLite only, load average 5.5, a store without near-duplicate bands:
`/who` p50 23.4 → 39.2 ms from 10,000 to 100,000 articles (**1.68×**), p95 at 100,000 91.3 ms;
`/status` p50 64.3 → 102.8 ms (**1.60×**), p95 233.5 ms. The counting alone took 12 ms of a
`/status` at 100,000 on average, 100 ms at most. Now each entity's article count and last date
are columns the write path keeps (`storage/writes.py`, migration `0004_entity_counts`), the
newest evidence is one ordered index range per entity, and the mention and role indexes cover
what is read of them.

Run to run on the earlier host (AMD EPYC, load average 1.3 to 3.2 during its 13:16 UTC run): an earlier
run of the same code, warmed with 3 questions instead of all 50, measured 10,000 → 100,000
p50 growth of `/who` 1.11× and `/status` 0.84× on SQLite, `/who` 1.51× and `/status` 1.83× on
PostgreSQL (14.2 → 21.4 ms and 20.2 → 36.9 ms: caches cold after the bulk fill); every p95 at
100,000 was under 65 ms.
"""


async def fill(news: Services, prepared, analyses, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
    """Store articles number start..stop-1, cycling through the parsed set with new identities:
    the parsed set itself through the write path, the copies by bulk INSERTs of its rows."""
    for chunk in range(start, min(stop, len(prepared)), 200):
        async with news.transaction() as session:
            for number in range(chunk, min(chunk + 200, stop, len(prepared))):
                await store_article(session, prepared[number], analyses[number])
    if stop > len(prepared):
        await clone(news, prepared, max(start, len(prepared)), stop)


EVIDENCE = (Sentence, StoryBand, Mention, Role, Quote)


async def clone(news: Services, prepared, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
    """Articles number start..stop-1 as copies of the stored parsed set: the rows the write
    path gave the original, with a new hash, title suffix and date 400 days later per copy, and
    the story the write path would give them (the original's: the text is the same). One
    executemany per table per 1,000 articles: filling 100,000 through the write path takes an hour."""
    async with news.session() as session:
        hashes = [p.text_hash for p in prepared]
        originals = {
            row.text_hash: row
            for row in await session.execute(select(Article.__table__).where(Article.text_hash.in_(hashes)))
        }
        base = [originals[p.text_hash] for p in prepared]
        rows: dict[type, dict[int, list[dict]]] = {}
        for model in EVIDENCE:
            table = model.__table__
            by_article: dict[int, list[dict]] = {}
            for row in await session.execute(select(table).where(table.c.article_id <= max(a.id for a in base))):
                by_article.setdefault(row.article_id, []).append(dict(row._mapping))
            rows[model] = by_article
        next_id = {
            model: (await session.scalar(select(func.max(model.__table__.c.id))) or 0) + 1
            for model in (Article, *EVIDENCE)
        }
    for chunk in range(start, stop, 1000):
        batch: dict[type, list[dict]] = {model: [] for model in (Article, *EVIDENCE)}
        for number in range(chunk, min(chunk + 1000, stop)):
            original = base[number % len(base)]
            copy = number // len(base)
            shift = timedelta(days=400 * copy)
            article_id = next_id[Article]
            next_id[Article] += 1
            batch[Article].append(
                dict(
                    original._mapping,
                    id=article_id,
                    url=None,
                    text_hash=f"{original.text_hash[:56]}{copy:08d}",
                    title=f"{original.title} ({copy})",
                    published_at=original.published_at + shift,
                    story_id=original.story_id or original.id,
                )
            )
            sentence_ids: dict[int, int] = {}
            for model in EVIDENCE:
                for row in rows[model].get(original.id, []):
                    new = dict(row, id=next_id[model], article_id=article_id)
                    next_id[model] += 1
                    if model is Sentence:
                        sentence_ids[row["id"]] = new["id"]
                    else:
                        if "sentence_id" in new:
                            new["sentence_id"] = sentence_ids[row["sentence_id"]]
                        if "published_at" in new:
                            new["published_at"] = row["published_at"] + shift
                    batch[model].append(new)
        async with news.transaction() as session:
            for model, values in batch.items():
                if values:
                    await session.execute(insert(model.__table__), values)
    async with news.transaction() as session:
        # The counts the write path keeps per entity, for the copies too (as migration 0004 does).
        await session.execute(
            text(
                "UPDATE entities SET "
                "article_count = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = entities.id), "
                "last_seen = (SELECT max(published_at) FROM mentions WHERE entity_id = entities.id)"
            )
        )
        if session.bind.dialect.name == "postgresql":
            for model in (Article, *EVIDENCE):
                name = model.__tablename__
                await session.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                )


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


async def timings(chat: Commands, command, queries: list[str], repeats: int = REPEATS) -> list[float]:  # type: ignore[no-untyped-def]
    values = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            reply = await command(query)
            values.append((time.perf_counter() - started) * 1000)
            assert reply.messages and reply.messages[0]
    return values


async def store_bytes(news: Services) -> int:
    """The store's size on disk: tables, indexes and full-text index (SQLite: the file's pages)."""
    async with news.session() as session:
        if session.bind.dialect.name == "sqlite":
            pages = await session.scalar(text("PRAGMA page_count"))
            return int(pages or 0) * int(await session.scalar(text("PRAGMA page_size")) or 0)
        total = await session.scalar(
            text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
        )
        return int(total or 0)


async def run(settings: Settings, prepared, analyses, sizes: tuple[int, ...]) -> tuple[list, dict[int, int]]:  # type: ignore[no-untyped-def]
    """Latency per size and command, and the store's bytes at each size."""
    news = await Services(settings).open()
    chat = Commands(news)
    results = []
    footprint = {}
    stored = 0
    people = places = None
    for size in sizes:
        started = time.perf_counter()
        await fill(news, prepared, analyses, stored, size)
        print(f"{size:>7} stored in {time.perf_counter() - started:.0f} s")
        stored = size
        # A live store's statistics are kept current by autovacuum (PostgreSQL) or by ANALYZE;
        # a bulk fill has to refresh them itself, or the planner works from an empty table.
        # VACUUM too on PostgreSQL, as autovacuum does after inserts: index-only scans need
        # its visibility map.
        async with news.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("ANALYZE" if is_sqlite(news.engine) else "VACUUM ANALYZE"))
        footprint[size] = await store_bytes(news)
        if people is None:
            people, places = await pick_queries(news)
        questions = chat.questions
        for name, command, queries in (("/who", questions.who, people), ("/status", questions.status, places)):
            await timings(chat, command, queries, repeats=1)  # warm caches: every question once
            values = await timings(chat, command, queries)
            results.append((size, name, median(values), percentile(values, 0.95)))
            print(f"{size:>7} {name:8} p50 {results[-1][2]:6.1f} ms  p95 {results[-1][3]:6.1f} ms")
    await news.close()
    return results, footprint


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--postgres", default="", help="also measure with this DATABASE_URL (emptied first)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="store sizes, comma separated")
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
    # With their MinHash signatures, as ingest stores them: near-duplicate bands are rows too.
    prepared = [replace(p, signature=dedup.signature(p.text)) for p in unique.values()]
    from bot.nlp.model import load_pipeline

    cache = Path(tempfile.gettempdir()) / f"newsbrief-bench-{len(prepared)}.pickle"
    if args.reuse_parse and cache.exists():
        analyses = pickle.loads(cache.read_bytes())
    else:
        analyses = analyze_texts(load_pipeline(base.spacy_model), [p.text for p in prepared])
        cache.write_bytes(pickle.dumps(analyses))
    sizes = tuple(int(n) for n in args.sizes.split(","))
    targets = {"SQLite": None}
    if args.postgres:
        targets["PostgreSQL"] = args.postgres
    sections = []
    for label, url in targets.items():
        with tempfile.TemporaryDirectory() as tmp:
            if url:
                asyncio.run(reset_postgres(url))
            database = url or f"sqlite+aiosqlite:///{tmp}/bench.db"
            settings = base.model_copy(update={"database_url": database})
            results, footprint = asyncio.run(run(settings, prepared, analyses, sizes))
        table = ["| articles | command | p50 ms | p95 ms |", "|---|---|---|---|"]
        table += [f"| {size:,} | `{name}` | {p50:.1f} | {p95:.1f} |" for size, name, p50, p95 in results]
        growth = []
        for smaller, larger in pairwise(sizes):
            ratios = []
            for name in ("/who", "/status"):
                small, large = (r[2] for r in results if r[1] == name and r[0] in (smaller, larger))
                ratios.append(f"`{name}` {large / small:.2f}×")
            growth.append(f"from {smaller:,} to {larger:,} articles: {', '.join(ratios)}")
        size_table = ["| articles | store MB | MB per 1,000 articles |", "|---|---|---|"]
        size_table += [f"| {n:,} | {b / 1e6:,.0f} | {b / 1e6 / n * 1000:.1f} |" for n, b in footprint.items()]
        sections.append(
            f"### {label}\n\n"
            + "\n".join(table)
            + f"\n\nGrowth of p50 {'; '.join(growth)}.\n\n"
            + "Store size (tables, indexes, full-text index):\n\n"
            + "\n".join(size_table)
            + "\n"
        )
    body = f"""## /who and /status latency

In-process (`Questions.who` / `Questions.status`: entity resolution, the profile or timeline queries and
HTML rendering; Telegram excluded), {QUERIES_PER_KIND} of the most mentioned people asked by
surname and {QUERIES_PER_KIND} places/organisations, each once to warm the caches, then {REPEATS} times timed.
The store holds the {len(prepared):,} parsed BBC articles (written by the ingest write path), then re-dated copies of
them (their rows inserted in bulk) up to {sizes[-1]:,} articles; statistics are refreshed
(`ANALYZE`; `VACUUM ANALYZE` on PostgreSQL) after each fill, as autovacuum does for a live store
(without it PostgreSQL plans from an empty table: "appears with" took 93 ms instead of 8). Goal:
p50 < 50 ms and p95 < 150 ms at 100,000 articles, p50 growing at most 1.5× from 10,000 to 100,000.

{chr(10).join(sections)}
{HISTORY}"""
    write_section("queries", body)
    print(body)


if __name__ == "__main__":
    main()
