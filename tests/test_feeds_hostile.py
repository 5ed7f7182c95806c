"""Feeds under hostile load: thousands of feeds, huge refresh hints, huge feeds, bad OPML lines."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, update

from bot.commands import Commands
from bot.ingest.feeds import MAX_REFRESH_HINT, max_age, parse_feed, read_opml, write_opml
from bot.ingest.poll import Poller
from bot.reply import CONSOLE
from bot.services import Services
from bot.settings import Settings
from storage.models import Article, Feed
from tests.support.botapi import FakeBotAPI
from tests.support.site import RSS, FakeSite, Page, Request, served

DAY = timedelta(days=1)
BIG_FEED_ITEMS = 33_000  # more entries than PostgreSQL takes query parameters (32,767)


@cache
def big_feed() -> bytes:
    """Entries as small as RSS allows (parsing 33,000 takes seconds); the first three, the ones a
    new feed stores, have text enough to keep."""
    story = "The council approved {n} new bus routes and a budget for road repairs across the northern districts. "
    items = "".join(
        f"<item><guid>g{n}</guid><title>Route {n}</title><description>{story.format(n=n) * 3}</description></item>"
        if n < 3
        else f"<item><guid>g{n}</guid></item>"
        for n in range(BIG_FEED_ITEMS)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()


def rss(title: str, ttl: str = "") -> bytes:
    ttl = f"<ttl>{ttl}</ttl>" if ttl else ""
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{ttl}</channel></rss>'.encode()


STORY = "The harbour of Tallinn reopened on Monday after repairs, the port authority said, and ferries queued."


def odd_feed(item: str, channel: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Odd \x1b]0;pwned\x07news</title>{channel}'
        f"<item>{item}<description>{STORY}</description></item></channel></rss>"
    ).encode()


# Feeds whose values PostgreSQL refused (a NUL) or that outgrow their columns, given the base URL.
ODD_FEEDS = {
    "/nul-guid.rss": lambda base: (odd_feed("<title>\x1b[31mRed\x1b[0m alert</title><guid>a&#0;b</guid>"), {}),
    "/long-validators.rss": lambda base: (
        odd_feed("<guid>v1</guid>"),
        {"ETag": '"' + "e" * 400 + '"', "Last-Modified": "Mon, 02 Jun 2025 10:00:00 GMT" + " x" * 100},
    ),
    "/long-links.rss": lambda base: (
        odd_feed(f"<guid>l1</guid><link>{base}/story?{'q' * 3000}</link>", f"<link>{base}/?{'s' * 3000}</link>"),
        {},
    ),
}


def _crowd(request: Request) -> Page:
    path = request.path.split("?", 1)[0]
    if path.startswith("/ttl/"):  # <ttl> in minutes, as the feed gives it
        return Page(rss("Slow news", ttl=path.removeprefix("/ttl/")), content_type=RSS)
    if path in ODD_FEEDS:
        body, headers = ODD_FEEDS[path](request.base)
        return Page(body, content_type=RSS, headers=headers)
    # A real site's answer takes a moment: polls overlap.
    return Page(rss(f"Feed {path}"), content_type=RSS, delay=0.02)


# Many small feeds on one site, which counts the requests it serves at once.
CROWD = FakeSite(
    {
        "/max-age.rss": Page(rss("Yearly"), content_type=RSS, headers={"Cache-Control": "public, max-age=31536000"}),
        "/big.rss": lambda request: Page(big_feed(), content_type=RSS),
    },
    fallback=_crowd,
)


crowd = served(CROWD)


@pytest.fixture
def news_overrides() -> dict[str, object]:
    # No per-host politeness limit here: every feed is on 127.0.0.1, and the bound under test is the poller's.
    return {"fetch_allow_loopback": True, "fetch_per_host": 1000, "feed_poll_timeout": 120, "feed_concurrency": 8}


async def test_a_tick_after_importing_hundreds_of_feeds_polls_a_few_at_a_time(
    news: Services, crowd: str, caplog: pytest.LogCaptureFixture
) -> None:
    listed = [(f"Feed {n}", f"{crowd}/feeds/{n}.rss", None) for n in range(300)]
    poller = Poller(news)
    added, _ = await poller.import_feeds(read_opml(write_opml(listed).encode()))
    assert len(added) == 300
    # A row a poll cannot even start to fetch (written by an older version, say).
    async with news.transaction() as session:
        bad = Feed(
            url="http://[::1/feed.rss", title="Bad row", added_at=datetime.now(UTC), next_poll_at=datetime.now(UTC)
        )
        session.add(bad)

    chat = Commands(news)
    CROWD.most_at_once = 0
    tick = asyncio.create_task(poller.poll_due())
    slowest = 0.0
    while not tick.done():  # an operator's chat keeps getting answers during the tick
        started = time.perf_counter()
        assert (await chat.handle("/latest 3", caller=CONSOLE)).messages
        slowest = max(slowest, time.perf_counter() - started)
        await asyncio.sleep(0.05)
    results = await tick

    assert len(results) == 301 and [r.title for r in results if r.error] == ["Bad row"]
    assert 1 <= CROWD.most_at_once <= news.settings.feed_concurrency
    assert slowest < 5, f"/latest took {slowest:.1f} s during the tick"
    async with news.session() as session:
        bad = await session.get(Feed, bad.id)
    assert bad.errors == 1 and bad.next_poll_at - datetime.now(UTC) > timedelta(minutes=29)  # backed off
    # One warning line for it, no traceback.
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.INFO]
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING and "[::1" in r.getMessage()]) == 1


async def test_refresh_hints_are_clamped_to_a_day(news: Services, crowd: str) -> None:
    poller = Poller(news)
    for path in ("ttl/40000000", "ttl/99999999999", "max-age.rss"):
        added = await poller.add(f"{crowd}/{path}")
        assert added.feed is not None, added.error
        result = await poller.poll(added.feed.id)
        assert result.error is None, (path, result.error)
        async with news.session() as session:
            feed = await session.get(Feed, added.feed.id)
        assert feed.next_poll_at - feed.last_fetched_at == DAY, path
        assert feed.errors == 0 and feed.min_interval == MAX_REFRESH_HINT

    # A feed an older version scheduled for 2102 (obeying such a hint) is polled again now.
    async with news.transaction() as session:
        await session.execute(
            update(Feed).where(Feed.id == feed.id).values(next_poll_at=datetime(2102, 1, 1, tzinfo=UTC))
        )
    (again,) = await poller.poll_due()
    assert again.feed_id == feed.id and again.error is None


@given(st.text(alphabet="0123456789", min_size=1, max_size=6000))
def test_any_ttl_parses_to_at_most_a_day(digits: str) -> None:
    ttl = parse_feed(rss("Any", ttl=digits)).ttl
    assert 0 <= ttl <= MAX_REFRESH_HINT
    if len(digits) <= 4:
        assert ttl == min(int(digits) * 60, MAX_REFRESH_HINT)
    assert max_age({"cache-control": f"no-transform, max-age={digits}"}) <= MAX_REFRESH_HINT


async def test_a_feed_with_more_entries_than_query_parameters_polls(news: Services, crowd: str) -> None:
    news.settings.feed_initial_items = 3
    poller = Poller(news)
    async with news.transaction() as session:
        feed = Feed(url=f"{crowd}/big.rss", title="Big", added_at=datetime.now(UTC), next_poll_at=datetime.now(UTC))
        session.add(feed)
    # Each poll must also finish within feed_poll_timeout (120 s here; measured: 5-12 s each).
    first = await poller.poll(feed.id)
    assert first.error is None and (first.new, first.failed) == (3, 0)
    second = await poller.poll(feed.id)  # every entry known now, by GUID
    assert second.error is None and (second.new, second.duplicates, second.failed) == (0, 0, 0)


async def test_an_opml_import_skips_bad_urls_and_imports_the_rest(
    news: Services, caplog: pytest.LogCaptureFixture
) -> None:
    too_long = "https://feeds.example/" + "x" * 2100
    listed = [
        ("World", "https://feeds.example/world.rss", None),
        ("Too long", too_long, None),
        ("Spaces", "https://feeds example/a b.rss", None),
        ("Bad port", "https://feeds.example:99999/port.rss", None),
        ("Wire", "https://feeds.example/wire.atom", None),
    ]
    with caplog.at_level(logging.WARNING):
        feeds = read_opml(write_opml(listed).encode())
    assert [title for title, _ in feeds] == ["World", "Wire"]
    skipped = "\n".join(r.getMessage() for r in caplog.records)
    assert "'Too long'" in skipped and "longer than 2,048 characters" in skipped
    assert "'Spaces'" in skipped and "'Bad port'" in skipped
    added, existing = await Poller(news).import_feeds(feeds)
    assert [feed.title for feed in added] == ["World", "Wire"] and existing == 0
    async with news.session() as session:
        assert set(await session.scalars(select(Feed.title))) == {"World", "Wire"}


async def test_feeds_with_ten_thousand_feeds_answers_one_page_and_the_count(news: Services) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "url": f"https://feeds.example/{n}/" + "u" * (2000 if n % 7 == 0 else 10),
            "title": f"Feed {n} & co " + "t" * (250 if n % 5 == 0 else 0),
            "added_at": now,
            "next_poll_at": now + timedelta(minutes=1 + n % 60),
            "min_interval": 0,
            "errors": 6 if n % 1000 == 999 else 0,  # ten broken feeds
            "last_error": ("the site answered 500 <Internal> " + "e" * 480) if n % 1000 == 999 else None,
        }
        for n in range(10_000)
    ]
    async with news.transaction() as session:
        await session.execute(insert(Feed), rows)
        assert await session.scalar(select(func.count(Feed.id))) == 10_000

    chat = Commands(news)
    (first,) = (await chat.handle("/feeds", caller=CONSOLE)).messages
    assert len(first) <= 4096
    assert "10,000 feeds in all, 10 broken; this is page 1 of 1,000, broken ones first." in first
    assert "/feeds 2 shows the next" in first and "newsbrief feed list" in first
    assert first.count("❌ broken: 6 failed polls in a row") == 10  # the broken ones come first
    (second,) = (await chat.handle("/feeds 2", caller=CONSOLE)).messages
    assert len(second) <= 4096 and "page 2 of 1,000" in second
    assert "❌ broken" not in second and "#1 " in second  # then the rest, by id
    (last,) = (await chat.handle("/feeds 99999", caller=CONSOLE)).messages
    assert "page 1,000 of 1,000" in last and "shows the next" not in last


async def test_feeds_in_telegram_is_one_message_with_ten_thousand_feeds(
    settings: Settings, fake_api: FakeBotAPI
) -> None:
    from tests.conftest import running_bot

    core = await Services(settings).open()
    now = datetime.now(UTC)
    async with core.transaction() as session:
        await session.execute(
            insert(Feed),
            [
                # Due tomorrow: the bot's own poll tick is not under test here.
                {
                    "url": f"https://feeds.example/{n}.rss",
                    "title": f"Feed {n}",
                    "added_at": now,
                    "next_poll_at": now + DAY,
                }
                for n in range(10_000)
            ],
        )
    await core.close()
    async with running_bot(settings, fake_api, admin_user_ids=frozenset({42})) as bot:
        bot.user_message("/feeds 3")
        (listing,) = await bot.replies(42)
    assert "10,000 feeds in all" in listing["text"] and "page 3 of 1,000" in listing["text"]
    assert not bot.rejected


@pytest.mark.parametrize("path", ["/nul-guid.rss", "/long-validators.rss", "/long-links.rss"])
async def test_feeds_with_nul_guids_or_overlong_validators_and_links_keep_polling(
    news: Services, crowd: str, path: str
) -> None:
    # On PostgreSQL each of these used to fail the add or every poll (a NUL, or a value over its varchar).
    poller = Poller(news)
    added = await poller.add(crowd + path)
    assert added.feed is not None, added.error
    first, second = await poller.poll(added.feed.id), await poller.poll(added.feed.id)
    assert (first.error, first.new, first.failed) == (None, 1, 0)
    assert (second.error, second.new, second.duplicates, second.failed) == (None, 0, 0, 0)
    async with news.session() as session:
        feed = await session.get(Feed, added.feed.id)
        (article,) = await session.scalars(select(Article))
    assert feed is not None and feed.errors == 0 and feed.site_url is None
    assert (feed.etag, feed.last_modified) == (None, None)  # too long to keep: not sent back either
    assert article.url is None  # a link too long to store is no link
    shown = feed.title + article.title + article.source
    assert "\x1b" not in shown and "\x07" not in shown and "\x00" not in shown
