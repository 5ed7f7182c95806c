"""A query cancelled twice (a shutdown cancelling work that was already cancelling) must not
keep the process from exiting: `newsbrief worker` on SIGTERM, the console on Ctrl-C."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from sqlalchemy import text
    from storage.db import make_engine

    SLOW = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) SELECT count(*) FROM c"

    async def query(engine):
        async with engine.begin() as connection:
            await connection.execute(text(SLOW))

    async def main():
        engine = make_engine("sqlite+aiosqlite:///" + sys.argv[1])
        task = asyncio.create_task(query(engine))
        await asyncio.sleep(0.3)  # the query is running on aiosqlite's thread
        task.cancel()
        await asyncio.sleep(0.01)
        task.cancel()  # the second cancel: SQLAlchemy stops the connection while it closes it
        await asyncio.gather(task, return_exceptions=True)
        await engine.dispose()
        print("done")

    asyncio.run(main())
    """
)


def test_a_query_cancelled_twice_lets_the_process_exit(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "news.db")],
        capture_output=True,
        text=True,
        timeout=30,  # without the fix it never exits: the test fails here rather than hangs
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
