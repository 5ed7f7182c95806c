"""Several newsbrief processes on one database: they start together, and write together."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from bot.services import Services
from bot.settings import Settings
from storage import db, queries
from storage.db import alembic_config
from storage.models import Article, Entity

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")
PROCESSES = 3
# Each process imports everything, says it is ready, and waits for the others: then all of them
# open the store (and so migrate) at the same moment, as replicas restarted together do.
OPEN_TOGETHER = """
import asyncio, sys, time
from pathlib import Path
from bot.services import Services
from bot.settings import Settings

url, ready, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
ready.touch()
while len(list(ready.parent.glob("ready-*"))) < count:
    time.sleep(0.005)

async def main():
    news = await Services(Settings(_env_file=None, database_url=url)).open()
    await news.close()

asyncio.run(main())
"""


async def run_all(*commands: list[str], env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """Start every command at once; each one's exit code and output."""
    processes = [
        await asyncio.create_subprocess_exec(
            *command, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        for command in commands
    ]
    outputs = await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in processes)), 300)
    return [(p.returncode or 0, out.decode()) for p, (out, _) in zip(processes, outputs, strict=True)]


async def test_processes_starting_together_migrate_once(settings: Settings, tmp_path: Path) -> None:
    commands = [
        [sys.executable, "-c", OPEN_TOGETHER, settings.database_url, str(tmp_path / f"ready-{n}"), str(PROCESSES)]
        for n in range(PROCESSES)
    ]
    results = await run_all(*commands, env=dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent)))
    for code, output in results:
        assert code == 0, output
    news = await Services(settings).open()
    try:
        async with news.session() as session:
            versions = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
            assert await queries.count_articles(session) == 0
    finally:
        await news.close()
    assert versions == [ScriptDirectory.from_config(alembic_config()).get_current_head()]


def write_batches(folder: Path, count: int, size: int) -> list[Path]:
    """`count` JSONL files of `size` distinct short articles each."""
    cities = ["Riga", "Tallinn", "Vilnius", "Kaunas", "Tartu", "Gdansk", "Turku", "Bergen", "Malmo", "Aarhus"]
    paths = []
    for batch in range(count):
        path = folder / f"batch-{batch}.jsonl"
        lines = []
        for n in range(size):
            city = cities[n % len(cities)]
            text_ = (
                f"The council of {city} approved plan {batch}-{n} on Monday, mayor Ilze Ozola said. "
                f"Work on project {batch * 100 + n} will start in spring and cost {n + 3} million euros."
            )
            record = {
                "title": f"{city} plan {batch}-{n}",
                "text": text_,
                "url": f"https://news.example.com/{batch}/{n}",
            }
            lines.append(json.dumps(record))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_concurrent_ingests_on_one_sqlite_file_lose_nothing(settings: Settings, tmp_path: Path) -> None:
    batches = write_batches(tmp_path, PROCESSES, 20)
    results = await run_all(*([NEWSBRIEF, "ingest", str(path)] for path in batches), env=dict(os.environ))
    for code, output in results:
        assert "could not store it" not in output
        assert code == 0, output
        assert output.strip().splitlines()[-1] == "20 new, 0 duplicates, 0 failed"
    news = await Services(settings).open()
    try:
        async with news.session() as session:
            assert await session.scalar(select(func.count()).select_from(Article)) == PROCESSES * 20
    finally:
        await news.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_closing_while_another_process_writes_waits_instead_of_failing(
    news: Services, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # Closing refreshes SQLite's planner statistics, a write: with another writer active it used
    # to fail with "database is locked", after the command had done its work.
    other = await Services(settings).open()
    async with other.session() as session:
        await queries.find_entities(session, "riga")
    async with news.transaction() as session:
        session.add(Entity(name="Riga", key="riga", kind="GPE"))
        await session.flush()
        closing = asyncio.create_task(other.close())
        await asyncio.sleep(0.5)
    await asyncio.wait_for(closing, 60)
    assert "skipped PRAGMA optimize" not in caplog.text
    async with news.session() as session:
        assert (await session.scalars(select(Entity.name))).all() == ["Riga"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_writer_kept_waiting_past_the_busy_timeout_retries(
    news: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_SECONDS", 0.05)
    impatient = Services(settings)  # its engine gives up on the lock after 50 ms
    try:
        async with news.transaction() as session:
            session.add(Entity(name="Riga", key="riga", kind="GPE"))
            await session.flush()

            async def write() -> None:
                async with impatient.transaction() as other:
                    other.add(Entity(name="Tartu", key="tartu", kind="GPE"))

            writing = asyncio.create_task(write())
            await asyncio.sleep(0.3)
        await asyncio.wait_for(writing, 30)
    finally:
        await impatient.engine.dispose()
    async with news.session() as session:
        assert sorted((await session.scalars(select(Entity.name))).all()) == ["Riga", "Tartu"]
