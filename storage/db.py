"""The engine, the session factory, and migrations applied at start."""

from __future__ import annotations

import asyncio
import logging
import random
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.sqlite_close import stop_once

MIGRATIONS = Path(__file__).parent / "migrations"
# One PostgreSQL advisory lock key for newsbrief's migrations ("news" in ASCII).
MIGRATION_LOCK_KEY = 0x6E657773
# SQLite waits this long for the write lock (the busy timeout), then we retry with jitter.
BUSY_TIMEOUT_SECONDS = 30
LOCK_RETRIES = 4

log = logging.getLogger(__name__)


def make_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets WAL, enforced foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        stop_once()  # else a task cancelled twice mid-query can keep the process from exiting
        engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    # asyncpg takes application_name among its server settings, not as an argument of its own.
    name = parsed.query.get("application_name")
    connect_args = {"server_settings": {"application_name": str(name)}} if name else {}
    return create_async_engine(
        parsed.difference_update_query(["application_name"]), connect_args=connect_args, pool_pre_ping=True
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration (idempotent), one process at a time.

    Processes starting together on an empty database would each create the tables; the
    first to hold the lock migrates, the others then find the schema at head."""
    async with engine.begin() as connection:
        if is_sqlite(engine):
            await lock_for_writing(connection)
        else:
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        await connection.run_sync(_upgrade)


def _is_locked(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


async def lock_for_writing(connection: AsyncConnection, retries: int = LOCK_RETRIES) -> None:
    """Start this SQLite transaction holding the write lock (BEGIN IMMEDIATE).

    A deferred transaction that reads first and then writes fails at once with "database is
    locked" when another process wrote meanwhile; taking the lock first makes it wait (the busy
    timeout) instead. Past the timeout, a few retries after a random pause let a burst of
    writers spread out rather than fail."""
    for attempt in range(retries + 1):
        try:
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if attempt == retries or not _is_locked(exc):
                raise
            pause = random.uniform(0.05, 0.5) * 2**attempt
            log.warning("SQLite is locked by another writer; retrying in %.1f s", pause)
            await asyncio.sleep(pause)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"
