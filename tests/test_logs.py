"""What `newsbrief run` logs at INFO: one line per update and per feed poll, no scheduler chatter,
never what users wrote."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.services import Services
from bot.settings import Settings
from storage import feeds as feed_rows
from tests.support.botapi import TOKEN, FakeBotAPI
from tests.support.site import RSS, FakeSite, Page

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")
SECRET_WORDS = "my landlord's number is 555-0199"
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
    "<item><title>Harbour reopens</title><link>BASE/pages/harbour.html</link><guid>harbour-1</guid>"
    "<description>The harbour of Tallinn reopened on Monday after ten days of repairs, the port authority "
    "said in a statement.</description></item></channel></rss>"
)
SITE = FakeSite({"/feed.rss": lambda r: Page(FEED.replace("BASE", r.base).encode(), content_type=RSS)})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def metric(port: int, line_start: str) -> float:
    """A sample's value from the running bot's /metrics (0 while it is not up)."""
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    except httpx.TransportError:
        return 0.0
    found = [line for line in text.splitlines() if line.startswith(line_start)]
    return float(found[0].rsplit(" ", 1)[1]) if found else 0.0


async def until(check: object, wait: float = 90) -> None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if await check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.2)
    raise AssertionError("timed out")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_info_is_one_line_per_update_and_per_poll(
    settings: Settings, news: Services, fake_api: FakeBotAPI
) -> None:
    with SITE.serving() as site:
        async with news.transaction() as session:
            await feed_rows.add_feed(session, f"{site}/feed.rss", "Harbour News", None, datetime.now(UTC))
        health = free_port()
        env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake_api.base_url,
            LOG_LEVEL="INFO",
            HEALTH_PORT=str(health),
            FETCH_ALLOW_LOOPBACK="1",
            NLP_PROCESSES="1",
            # The scheduler's jobs run every half second: dozens of "Running job" at INFO, were they logged.
            BRIEF_TICK_SECONDS="0.5",
            FEED_TICK_SECONDS="0.5",
        )
        process = await asyncio.create_subprocess_exec(
            NEWSBRIEF, "run", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        try:
            await until(lambda: _polled(health))
            fake_api.user_message("/help")
            (reply,) = await fake_api.replies()
            assert "/who" in reply["text"]
            fake_api.user_message(SECRET_WORDS)
            await fake_api.replies()
            await asyncio.sleep(1.5)  # a few more scheduler ticks
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), 60)
    logs = stderr.decode()
    assert "Running job" not in logs and "executed successfully" not in logs, logs
    updates = [line for line in logs.splitlines() if "handlers.observe: update " in line]
    assert len(updates) == 2, logs
    assert " INFO " in updates[0] and re.search(r"update \d+: /help in a private chat, \d+ ms$", updates[0])
    assert re.search(r"update \d+: text in a private chat, \d+ ms$", updates[1])
    assert SECRET_WORDS not in logs and "555-0199" not in logs  # what users write is theirs
    polls = [line for line in logs.splitlines() if re.search(r"INFO bot\.ingest\.poll: feed 1 polled in", line)]
    assert len(polls) == 1 and polls[0].endswith("1 new, 0 duplicates, 0 failed (1 from the feed's summary only)")
    assert TOKEN not in logs


async def _polled(port: int) -> bool:
    return await metric(port, 'newsbrief_feed_polls_total{outcome="ok"}') >= 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_worker_serves_health_and_metrics_and_stops_on_sigterm(settings: Settings, news: Services) -> None:
    with SITE.serving() as site:
        async with news.transaction() as session:
            await feed_rows.add_feed(session, f"{site}/feed.rss", "Harbour News", None, datetime.now(UTC))
        health = free_port()
        env = dict(
            os.environ, HEALTH_PORT=str(health), FETCH_ALLOW_LOOPBACK="1", NLP_PROCESSES="1", FEED_TICK_SECONDS="0.5"
        )
        env.pop("TELEGRAM_BOT_TOKEN", None)  # a worker needs no Telegram
        process = await asyncio.create_subprocess_exec(
            NEWSBRIEF, "worker", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        try:
            await until(lambda: _polled(health))
            async with httpx.AsyncClient(timeout=5) as client:
                assert (await client.get(f"http://127.0.0.1:{health}/healthz")).text.strip() == "ok"
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    assert stderr.decode().strip().splitlines()[-1].endswith("worker stopped")  # the operator sees it stop
