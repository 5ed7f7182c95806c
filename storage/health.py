"""Whether the database answers: the health check's one query."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# A probe that waits longer than this is a database in trouble (and Docker's probe gives up at 10 s).
TIMEOUT_SECONDS = 5.0

log = logging.getLogger(__name__)


async def database_answers(engine: AsyncEngine) -> bool:
    """True when `SELECT 1` comes back within TIMEOUT_SECONDS."""
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure is the same answer to a health check: not healthy
        log.warning("health check: the database does not answer (%s)", type(exc).__name__)
        return False
    return True
