"""The services every command uses: the store, the NLP pipeline and the fetcher, opened once and shared."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from spacy.language import Language
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.fetch import Fetcher
from bot.nlp.analyzers import AnalyzerSettings
from bot.nlp.model import load_pipeline
from bot.nlp.workers import Parsers
from bot.settings import Settings
from storage.db import is_sqlite, lock_for_writing, make_engine, make_sessionmaker, migrate

log = logging.getLogger(__name__)


class DatabaseUnreachable(Exception):
    """The database could not be opened at start; the message says where and why, in one line."""


class Services:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings.database_url)
        self.sessions = make_sessionmaker(self.engine)
        self.fetcher = Fetcher.from_settings(settings)
        self._nlp: Language | None = None
        # Worker processes for ingest, each with its own pipeline: started on the first large
        # ingest (or concurrent ones), stopped by close().
        self.parsers = Parsers(settings.spacy_model, settings.nlp_processes, AnalyzerSettings.of(settings))
        # Articles whose parse job failed are retried one at a time, so that one which kills
        # its worker fails alone.
        self.nlp_retry_lock = asyncio.Lock()
        # SQLite has one writer; PostgreSQL takes many. Ingests are serialized per process
        # so a burst of /ingest never waits on "database is locked".
        self.write_lock = asyncio.Lock()
        # One spaCy pipeline, parsing in a worker thread: one batch at a time (it is not thread-safe).
        self.nlp_lock = asyncio.Lock()

    async def open(self) -> Services:
        """Migrate the store; a database that cannot be reached is one line for the operator."""
        try:
            await migrate(self.engine)
        except (OSError, DBAPIError) as exc:  # refused, unknown host, timed out, a wrong password
            url = self.engine.url.render_as_string(hide_password=True)
            cause = exc.orig if isinstance(exc, DBAPIError) else exc
            reason = " ".join(str(cause).split()) or type(cause).__name__
            raise DatabaseUnreachable(f"Cannot reach the database at {url}: {reason}") from exc
        return self

    async def close(self) -> None:
        await asyncio.to_thread(self.parsers.close)
        if is_sqlite(self.engine):
            # SQLite's advice for long-lived connections: refresh planner statistics on close.
            # It writes, so it takes the write lock like any writer; being only statistics, a
            # database still locked by another process is no reason to fail the command.
            try:
                async with self.engine.begin() as connection:
                    await lock_for_writing(connection, retries=0)
                    await connection.exec_driver_sql("PRAGMA optimize")
            except OperationalError as exc:
                log.warning("skipped PRAGMA optimize: %s", exc.orig)
        await self.engine.dispose()

    async def nlp(self) -> Language:
        """The spaCy pipeline, loaded off the event loop on first use."""
        if self._nlp is None:
            self._nlp = await asyncio.to_thread(load_pipeline, self.settings.spacy_model)
        return self._nlp

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """One session per unit of work."""
        async with self.sessions() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed whole, or rolled back whole.

        On SQLite it holds the write lock from the start, so concurrent writers (other
        processes too) wait their turn instead of failing with "database is locked"."""
        async with self.sessions() as session, session.begin():
            if is_sqlite(self.engine):
                await lock_for_writing(await session.connection())
            yield session
