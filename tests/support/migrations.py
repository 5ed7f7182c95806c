"""A store taken down to an older schema and back up, as an upgrade finds it."""

from __future__ import annotations

from alembic import command
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import alembic_config


async def downgrade_and_upgrade(connection: AsyncConnection, revision: str) -> None:
    """Run the migrations down to `revision`, then up to head, on this connection."""

    def run(sync: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync
        command.downgrade(config, revision)
        command.upgrade(config, "head")

    await connection.run_sync(run)
