"""Replicas on one PostgreSQL database share the feeds: two `newsbrief worker` processes and the
bot's own poller, started together on an empty database, poll each due feed once."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select, text

from bot.feeds import Feeds
from bot.ingest.poll import Poller
from bot.services import Services
from bot.settings import Settings, problem
from storage import feeds as rows
from storage.models import Article, Feed
from tests.support.site import RSS, FakeSite, Page, Request

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")
FEEDS = 8
OWN_ENTRIES = 3  # per feed; feeds 0 and 1 also both list one shared story
SHARED = "/pages/shared.html"
PAGE_DELAY = 0.2  # a page takes a moment, as on the web: the feeds' polls overlap
ROUND = re.compile(r"feed poll round: (\d+) feeds")
PLACES = ["Tartu", "Kaunas", "Gdansk", "Riga", "Turku", "Malmo", "Aarhus", "Bergen", "Oulu", "Klaipeda"]
TOPICS = ["tram line", "harbour", "library", "bridge", "school", "hospital", "ferry", "stadium", "market", "airport"]


def _story(path: str) -> tuple[str, str]:
    """A distinct article (title, paragraphs) for a page path."""
    n = sum(ord(c) * (i + 1) for i, c in enumerate(path))
    place, topic = PLACES[n % len(PLACES)], TOPICS[(n // 7) % len(TOPICS)]
    title = f"{place} opens its new {topic} ({path.rsplit('/', 1)[-1]})"
    body = (
        f"The city of {place} opened its new {topic} on Monday after {n % 9 + 2} years of work, "
        f"the mayor's office said in a statement numbered {n}. "
        f"Officials said the {topic} cost about {n % 400 + 50} million euros, paid partly from European funds. "
        f"Residents queued from early morning, and local traders reported their busiest day since {1990 + n % 30}. "
        f"The opposition council group called the project item {path} late and over budget."
    )
    return title, body


def _page(request: Request) -> Page:
    path = request.path.split("?", 1)[0]
    title, body = _story(path)
    article = f"<article><h1>{title}</h1><p>{body}</p></article>"
    html = f"<html><head><title>{title}</title></head><body>{article}</body></html>"
    return Page(html.encode(), delay=PAGE_DELAY)


def _feed(number: int):  # type: ignore[no-untyped-def]
    def answer(request: Request) -> Page:
        links = [f"/pages/feed{number}-{k}.html" for k in range(OWN_ENTRIES)]
        if number in (0, 1):
            links.append(SHARED)
        published = datetime.now(UTC) - timedelta(hours=1)
        items = "".join(
            f"<item><title>{_story(link)[0]}</title><link>{request.base}{link}</link>"
            f"<guid>feed{number}:{link}</guid><pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{_story(link)[1][:80]}</description></item>"
            for link in links
        )
        feed = f'<rss version="2.0"><channel><title>Feed {number}</title>{items}</channel></rss>'
        return Page(feed.encode(), content_type=RSS)

    return answer


def _site() -> FakeSite:
    return FakeSite({f"/feeds/{n}.rss": _feed(n) for n in range(FEEDS)}, fallback=_page)


def _paths(site: FakeSite) -> Counter[str]:
    return Counter(request.path.split("?", 1)[0] for request in site.requests)


async def _start_worker(env: dict[str, str], cwd: Path) -> tuple[asyncio.subprocess.Process, list[str]]:
    """A `newsbrief worker` whose log lines are collected as they come."""
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF, "worker", env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    lines: list[str] = []

    async def read() -> None:
        assert process.stdout is not None
        async for line in process.stdout:
            lines.append(line.decode(errors="replace").rstrip())

    asyncio.get_running_loop().create_task(read())
    return process, lines


async def _until(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


@pytest.fixture
def news_overrides() -> dict[str, object]:
    return {"fetch_allow_loopback": True}


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_workers_and_the_bot_poll_each_due_feed_once(settings: Settings, tmp_path: Path) -> None:
    site = _site()
    with site.serving() as base:
        env = dict(
            os.environ,
            PYTHONPATH=str(Path(__file__).parent.parent),
            DATABASE_URL=settings.database_url,
            TELEGRAM_BOT_TOKEN="",
            FETCH_ALLOW_LOOPBACK="1",
            FEED_TICK_SECONDS="0.5",
            FEED_INTERVAL_MINUTES="60",  # each feed is due once in this test
            FEED_CONCURRENCY="2",
            LOG_LEVEL="INFO",
        )
        config = {"fetch_allow_loopback": True, "feed_interval_minutes": 60.0, "feed_concurrency": 1}
        # On an empty database, all three start (and so migrate) together.
        workers_started = asyncio.gather(*(_start_worker(env, tmp_path) for _ in range(2)))
        news, workers = await asyncio.gather(Services(settings.model_copy(update=config)).open(), workers_started)
        try:
            await _until(lambda: _ready(workers), 180, "both workers to start polling")
            poller = Poller(news)
            added, _ = await poller.import_feeds([(f"Feed {n}", f"{base}/feeds/{n}.rss") for n in range(FEEDS)])
            assert len(added) == FEEDS
            expected = FEEDS * OWN_ENTRIES + 1
            polled_here = 0

            async def all_stored() -> bool:
                nonlocal polled_here
                polled_here += len(await poller.poll_due())
                async with news.session() as session:
                    return await session.scalar(select(func.count(Article.id))) >= expected

            await _until(all_stored, 180, f"{expected} articles")
            for _ in range(4):  # a few more rounds of everyone: nothing is due, nothing is fetched
                polled_here += len(await poller.poll_due())
                await asyncio.sleep(0.5)
        finally:
            for process, _ in workers:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(process.wait(), 60) for process, _ in workers]
            async with news.session() as session:
                urls = list(await session.scalars(select(Article.url)))
                versions = list(await session.scalars(text("SELECT version_num FROM alembic_version")))
                feeds = list(await session.scalars(select(Feed)))
            await news.close()

    logs = ["\n".join(lines) for _, lines in workers]
    assert codes == [0, 0], logs
    # Every entry stored once; the shared story once, though two feeds list it.
    assert len(urls) == len(set(urls)) == FEEDS * OWN_ENTRIES + 1
    assert sum(SHARED in url for url in urls) == 1
    # Each due feed polled once in all, by one of the three; the workers took their share.
    polled_by_worker = [sum(int(n) for n in ROUND.findall(log)) for log in logs]
    assert sum(polled_by_worker) + polled_here == FEEDS, (polled_by_worker, polled_here)
    assert all(polled_by_worker), polled_by_worker
    # Each feed fetched once, and each article page once (the shared one too: its page is claimed).
    fetched = _paths(site)
    assert {path: fetched[path] for path in fetched if path.startswith("/feeds/")} == {
        f"/feeds/{n}.rss": 1 for n in range(FEEDS)
    }
    assert {count for path, count in fetched.items() if path.startswith("/pages/")} == {1}
    assert all(feed.errors == 0 and feed.next_poll_at > datetime.now(UTC) + timedelta(minutes=50) for feed in feeds)
    assert len(versions) == 1  # migrated once


async def _ready(workers: list[tuple[asyncio.subprocess.Process, list[str]]]) -> bool:
    for process, lines in workers:
        assert process.returncode is None, "\n".join(lines)
    return all(any("polling the due feeds" in line for line in lines) for _, lines in workers)


async def test_a_stale_claim_is_taken_over_and_a_live_one_is_not(news: Services) -> None:
    now = datetime.now(UTC)
    async with news.transaction() as session:
        feed = await rows.add_feed(session, "http://127.0.0.1:9/feed.rss", "Feed", None, now)

    async def claim(at: datetime) -> list[int]:
        async with news.transaction() as session:
            return await rows.claim_due_feeds(session, at, at + timedelta(minutes=5))

    assert await claim(now) == [feed.id]
    assert await claim(now + timedelta(minutes=1)) == []  # live: its poller is still at it
    assert await claim(now + timedelta(minutes=6)) == [feed.id]  # the poller died: taken over


async def test_a_feed_claimed_by_a_poller_that_died_is_polled_by_another_after_the_lease(
    news: Services,
) -> None:
    site = _site()
    with site.serving() as base:
        news.settings.feed_lease_seconds = 2  # below the poll timeout: only here, to keep the test short
        crashed, alive = Poller(news), Poller(news)
        await crashed.import_feeds([("Feed 2", f"{base}/feeds/2.rss")])
        assert await crashed._claim() is not None  # then it dies without polling

        assert await alive.poll_due() == []  # the claim is live
        assert _paths(site)["/feeds/2.rss"] == 0
        await asyncio.sleep(2.2)
        (result,) = await alive.poll_due()
        assert result.error is None and result.new == OWN_ENTRIES
        assert _paths(site)["/feeds/2.rss"] == 1


async def test_a_feed_added_on_the_command_line_is_polled_by_it_alone(news: Services) -> None:
    site = _site()
    with site.serving() as base:
        command_line, replica = Poller(news), Poller(news)
        reply, added = await Feeds(news, command_line).add(f"{base}/feeds/3.rss", None, poll=False)
        assert added.feed is not None, reply
        assert await replica.poll_due() == []  # a running replica leaves it to the command
        result = await command_line.poll(added.feed.id)
        assert result.error is None and result.new == OWN_ENTRIES
        assert await replica.poll_due() == []
    assert _paths(site)["/feeds/3.rss"] == 2  # checked when added, then polled once


def test_a_lease_shorter_than_a_poll_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, feed_poll_timeout=120, feed_lease_seconds=60)
    assert problem(refused.value) == (
        "Setting FEED_LEASE_SECONDS=60 is not valid: seconds, more than FEED_POLL_TIMEOUT (120)."
    )


async def test_a_page_another_poller_is_fetching_is_left_to_it_until_its_lease_ends(news: Services) -> None:
    now = datetime.now(UTC)
    page = "https://news.example/story"

    async def claim(at: datetime) -> set[str]:
        async with news.transaction() as session:
            return await rows.claim_pages(session, [page, f"{page}-{at.timestamp()}"], at, at + timedelta(minutes=5))

    assert page in await claim(now)
    assert page not in await claim(now + timedelta(minutes=1))  # the first poller is fetching it
    assert page in await claim(now + timedelta(minutes=6))  # it died: taken over
    async with news.transaction() as session:
        await rows.release_pages(session, [page])
    assert page in await claim(now + timedelta(minutes=7))  # released once stored
