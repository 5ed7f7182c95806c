"""Feeds: polled with conditional GET, each story stored once, trouble kept to its own feed."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import func, select

from bot.commands import Commands
from bot.ingest.feeds import NotAFeed, parse_feed, read_opml, write_opml
from bot.ingest.pipeline import ingest
from bot.ingest.poll import Poller
from bot.ingest.sources import from_bytes
from bot.render.html import to_plain
from bot.services import Services
from bot.settings import Settings
from storage.models import Article, Feed
from tests.conftest import FIXTURES, running_bot
from tests.support.botapi import FakeBotAPI
from tests.support.site import NOT_FOUND, RSS, FakeSite, Page, Request, fill, redirect, served

WEB = FIXTURES / "web"
ETAG = '"world-v1"'
LAST_MODIFIED = "Tue, 07 May 2024 12:00:00 GMT"


def _world(request: Request) -> Page:
    """The news site's feed, with validators: a conditional GET that matches gets 304."""
    if request.header("If-None-Match") == ETAG:
        return Page(status=304, headers={"ETag": ETAG})
    return Page(fill(WEB / "world.rss", request.base), content_type=RSS, headers=WORLD_VALIDATORS)


def _pages(request: Request) -> Page:
    name = request.path.split("?", 1)[0].removeprefix("/pages/")
    if request.path.startswith("/pages/") and (WEB / name).is_file():
        return Page(fill(WEB / name, request.base))
    return NOT_FOUND


WORLD_VALIDATORS = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
# A news site and a wire service, with the troubles real feeds have.
SITE = FakeSite(
    {
        "/feeds/world.rss": _world,
        "/feeds/wire.atom": lambda r: Page(
            fill(WEB / "wire.atom", r.base),
            content_type="application/atom+xml",
            headers={"Cache-Control": "max-age=7200"},
        ),
        "/feeds/many.rss": lambda r: Page(_many(30, r.base), content_type=RSS),
        "/feeds/broken.xml": Page((FIXTURES / "malformed.xml").read_bytes(), content_type=RSS),
        "/feeds/slow.rss": lambda r: Page(fill(WEB / "world.rss", r.base), content_type=RSS, delay=5),
        # 10 MB, no Content-Length.
        "/feeds/huge.rss": Page(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>',
            content_type=RSS,
            chunk=b"<!--" + b"x" * 1017 + b"-->",
            repeat=10 * 1024,
        ),
        "/feeds/to-private": redirect("http://10.1.2.3/feed.rss"),
        "/": lambda r: Page((WEB / "index.html").read_bytes().replace(b"PORT", r.base.rsplit(":", 1)[1].encode())),
    },
    fallback=_pages,
)


def _many(count: int, base: str) -> bytes:
    """A feed of `count` dated items whose pages are gone (so each keeps its own description)."""
    start = datetime(2024, 3, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Council vote {n}</title><link>{base}/pages/vote-{n}.html</link><guid>vote-{n}</guid>"
        f"<pubDate>{format_datetime(start + timedelta(days=n))}</pubDate>"
        f"<description>Town council number {n} approved {n * 7} new bus routes and a budget of {n * 3} "
        f"million euros for road number {n * 11}.</description></item>"
        for n in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Votes</title>{items}</channel></rss>'.encode()


site = served(SITE)


@pytest.fixture
def news_overrides() -> dict[str, object]:
    return {"fetch_allow_loopback": True, "fetch_timeout": 2, "feed_poll_timeout": 10}


async def count_articles(news: Services) -> int:
    async with news.session() as session:
        return await session.scalar(select(func.count(Article.id))) or 0


async def add(poller: Poller, url: str) -> int:
    added = await poller.add(url)
    assert added.feed is not None, added.error
    return added.feed.id


async def test_poll_stores_each_entry_with_its_page_text_then_asks_conditionally(news: Services, site: str) -> None:
    poller = Poller(news)
    feed_id = await add(poller, f"{site}/feeds/world.rss")
    result = await poller.poll(feed_id)
    assert (result.new, result.duplicates, result.failed, result.partial) == (3, 0, 0, 1)

    async with news.session() as session:
        articles = {a.title: a for a in await session.scalars(select(Article))}
    harbour = articles["Gdansk harbour deepens its channel"]
    assert "eighteen months and cost about 900 million zloty" in harbour.text  # from the page, not the feed
    assert "newsletter" not in harbour.text and "All rights reserved" not in harbour.text
    assert harbour.url == "https://ledger.example/harbour-channel"  # the page's rel=canonical
    assert harbour.published_at == datetime(2024, 5, 2, 9, tzinfo=UTC)
    assert harbour.source == "Baltic Ledger: World" and not harbour.partial
    museum = articles["Tallinn museum closes for repairs"]
    assert museum.partial and "Kumu art museum" in museum.text  # page gone: the entry's own text

    SITE.requests.clear()
    again = await poller.poll(feed_id)
    assert again.not_modified and (again.new, again.duplicates) == (0, 0)
    assert [request.header("If-None-Match") for request in SITE.requests] == [ETAG]
    assert SITE.requests[0].header("If-Modified-Since") == LAST_MODIFIED
    assert await count_articles(news) == 3


async def test_the_same_story_from_another_feed_is_stored_once_or_linked(news: Services, site: str) -> None:
    poller = Poller(news)
    await poller.poll(await add(poller, f"{site}/feeds/world.rss"))
    wire = await poller.poll(await add(poller, f"{site}/feeds/wire.atom"))
    # The harbour link with tracking parameters is the same URL; the rail story is the same
    # wire copy lightly edited: stored, and linked to the first as one story.
    assert (wire.new, wire.duplicates) == (1, 1)
    async with news.session() as session:
        copy = await session.scalar(select(Article).where(Article.title == "High-speed trains arrive in Kaunas"))
        first = await session.scalar(select(Article).where(Article.title == "Rail Baltica line reaches Kaunas"))
    assert copy.story_id == first.id
    (latest,) = (await Commands(news).questions.latest("10")).messages
    (story,) = [line for line in latest.splitlines() if "Kaunas" in line]  # one line for the story
    assert "High-speed trains arrive in Kaunas</a> — Nordic Wire — also reported by: <a" in story
    assert story.endswith(">Baltic Ledger: World</a>")


async def test_a_new_feed_stores_only_its_newest_entries(news: Services, site: str) -> None:
    news.settings.feed_initial_items = 5
    poller = Poller(news)
    feed_id = await add(poller, f"{site}/feeds/many.rss")
    first = await poller.poll(feed_id)
    assert first.new == 5
    async with news.session() as session:
        titles = set(await session.scalars(select(Article.title)))
    assert titles == {f"Council vote {n}" for n in range(25, 30)}
    second = await poller.poll(feed_id)  # no validators from this server: the entries are known by GUID
    assert (second.new, second.duplicates, second.failed) == (0, 0, 0)


async def test_broken_slow_and_huge_feeds_never_stop_the_others(news: Services, site: str) -> None:
    poller = Poller(news)
    async with news.transaction() as session:
        for path in ("broken.xml", "slow.rss", "huge.rss", "to-private"):
            session.add(
                Feed(url=f"{site}/feeds/{path}", title=path, added_at=datetime.now(UTC), next_poll_at=datetime.now(UTC))
            )
    good = await add(poller, f"{site}/feeds/world.rss")
    results = {r.title: r for r in await poller.poll_due()}
    assert results["Baltic Ledger: World"].new == 3
    assert "not a well-formed feed" in results["broken.xml"].error
    assert "longer than 2 s" in results["slow.rss"].error
    assert "larger than" in results["huge.rss"].error
    assert "private or local" in results["to-private"].error

    reply = "\n".join((await Commands(news).feeds.page()).messages)
    assert "1 failed poll in a row" in reply and "last error: not a well-formed feed" in reply
    assert f"#{good} " in reply and "✅ ok" in reply and "3 articles stored" in reply
    async with news.session() as session:
        broken = await session.scalar(select(Feed).where(Feed.title == "broken.xml"))
        world = await session.get(Feed, good)
    # Backed off: twice the 15-minute interval after one failure; the good feed waits its interval
    # (longer than its <ttl> of 5 minutes).
    assert timedelta(minutes=29) < broken.next_poll_at - datetime.now(UTC) <= timedelta(minutes=30)
    assert timedelta(minutes=14) < world.next_poll_at - world.last_fetched_at <= timedelta(minutes=15)

    for _ in range(4):
        await poller.poll(broken.id)
    reply = "\n".join((await Commands(news).feeds.page()).messages)
    assert "broken: 5 failed polls in a row" in reply


async def test_cache_control_max_age_is_respected(news: Services, site: str) -> None:
    poller = Poller(news)
    feed_id = await add(poller, f"{site}/feeds/wire.atom")
    await poller.poll(feed_id)
    async with news.session() as session:
        feed = await session.get(Feed, feed_id)
    assert feed.next_poll_at - feed.last_fetched_at == timedelta(hours=2)


async def test_a_page_that_advertises_feeds_offers_them(news: Services, site: str) -> None:
    reply = await Commands(news).feeds.feed(f"add {site}/")
    text = "\n".join(reply.messages)
    assert "not a feed, but it advertises 2" in text
    assert f"/feed add {site}/feeds/world.rss" in text
    assert [c.label for c in reply.choices][:1] == ["Add Baltic Ledger: World"]
    async with news.session() as session:
        assert await session.scalar(select(func.count(Feed.id))) == 0


def test_feed_xml_is_parsed_without_expanding_entities() -> None:
    started = time.perf_counter()
    laughs = parse_feed((WEB / "laughs.xml").read_bytes())
    assert all(len(entry.text) < 1000 for entry in laughs.entries)
    assert time.perf_counter() - started < 5
    (leak,) = parse_feed((WEB / "xxe.xml").read_bytes()).entries
    assert leak.text.startswith("before") and "after" in leak.text
    assert leak.text.replace("&secret;", "") == "before  after, a description long enough to be stored as text."
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body>not a feed</body></html>")


def test_opml_round_trip_keeps_titles() -> None:
    listed = read_opml(fill(WEB / "subscriptions.opml", "https://feeds.example"))
    assert listed == [
        ("Baltic Ledger: World", "https://feeds.example/feeds/world.rss"),
        ("Nordic Wire", "https://feeds.example/feeds/wire.atom"),
    ]
    exported = write_opml([("Ledger & Co", "https://ledger.example/rss?a=1&b=2", "https://ledger.example/")])
    assert read_opml(exported.encode()) == [("Ledger & Co", "https://ledger.example/rss?a=1&b=2")]


def test_feed_commands_on_the_command_line(settings: Settings, site: str, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from bot.cli import cli
    from bot.settings import get_settings

    monkeypatch.setenv("FETCH_ALLOW_LOOPBACK", "1")
    get_settings.cache_clear()

    def newsbrief(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    added = newsbrief("feed", "add", f"{site}/feeds/world.rss", "--name", "Ledger World")
    assert added.exit_code == 0, added.output
    assert added.output.splitlines() == [
        "Added feed #1 Ledger World",
        "#1 Ledger World: 3 new, 0 duplicates, 0 failed (1 from the feed's summary only)",
    ]
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(fill(WEB / "subscriptions.opml", site))
    imported = newsbrief("feed", "import", str(opml))
    assert imported.output.splitlines() == ["Added feed #2 Nordic Wire", "1 added, 1 already followed"]
    polled = newsbrief("feed", "poll").output.splitlines()
    assert polled == [
        "#1 Ledger World: 0 new, 0 duplicates, 0 failed (not modified)",
        "#2 Nordic Wire: 1 new, 1 duplicates, 0 failed",
    ]
    listing = newsbrief("feed", "list").output
    assert "#1 Ledger World" in listing and "3 articles stored" in listing and "✅ ok" in listing
    exported = newsbrief("feed", "export").output
    assert read_opml(exported.encode()) == [
        ("Ledger World", f"{site}/feeds/world.rss"),
        ("Nordic Wire", f"{site}/feeds/wire.atom"),
    ]
    assert newsbrief("feed", "remove", "2").output.startswith("Removed feed #2 Nordic Wire")
    page = newsbrief("feed", "add", f"{site}/")
    assert page.exit_code == 1 and f"newsbrief feed add {site}/feeds/world.rss" in page.output
    get_settings.cache_clear()


async def test_an_operator_adds_a_feed_in_telegram_and_sees_it_polled(
    settings: Settings, fake_api: FakeBotAPI, site: str
) -> None:
    async with running_bot(settings, fake_api, admin_user_ids=frozenset({42}), fetch_allow_loopback=True) as bot:
        bot.user_message(f"/feed add {site}/feeds/world.rss")
        (added,) = await bot.replies(42)
        assert "Added feed #1" in added["text"] and "Baltic Ledger: World" in added["text"]
        for _ in range(100):  # the first poll runs in the background
            bot.user_message("/feeds")
            (listing,) = await bot.replies(42)
            if "3 articles stored" in listing["text"]:
                break
            await asyncio.sleep(0.2)
        assert "✅ ok" in listing["text"] and "3 articles stored" in listing["text"]
        bot.user_message(f"/feed add {site}/")
        (offer,) = await bot.replies(42)
        assert "advertises 2" in offer["text"]
        buttons = offer["params"]["reply_markup"]["inline_keyboard"]
        assert buttons[0][0]["text"] == "Add Baltic Ledger: World"
        bot.press_button(buttons[0][0]["callback_data"])
        (again,) = await bot.replies(42)
        assert "Already following feed #1" in again["text"]


def test_an_empty_content_element_does_not_hide_the_description() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        b"<channel><title>Markets</title><item><title>Ports reopen</title><link>https://example.org/a</link>"
        b"<description>The ports of Riga and Tallinn reopened on Monday after a week of storms.</description>"
        b"<content:encoded></content:encoded></item></channel></rss>"
    )
    (entry,) = parse_feed(feed).entries
    assert entry.text == "The ports of Riga and Tallinn reopened on Monday after a week of storms."


async def test_an_entry_summary_in_blocks_is_read_block_by_block(news: Services) -> None:
    """A summary of list items and paragraphs (as the Guardian's feed sends) keeps its blocks apart,
    so the name opening the second block is read whole, not run into the word before it."""
    summary = (
        "&lt;ul&gt;&lt;li&gt;Nora Pellow: I just laugh at the rival's tactics&lt;/li&gt;"
        "&lt;li&gt;The club is not the only one known for cutting corners&lt;/li&gt;&lt;/ul&gt;"
        "&lt;p&gt;Nora Pellow, the Kelso Rovers captain, says the rival side cheats.&lt;/p&gt;"
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Sport</title><item><title>Captain speaks out'
        f"</title><link>https://example.org/captain</link><description>{summary}</description></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(feed).entries
    assert entry.text.split("\n\n")[1:] == [
        "The club is not the only one known for cutting corners",
        "Nora Pellow, the Kelso Rovers captain, says the rival side cheats.",
    ]
    # A line break inside a sentence is a space, not a paragraph.
    broken = parse_feed(feed.replace(b"the rival side cheats", b"the rival side&lt;br/&gt;cheats")).entries[0]
    assert broken.text.endswith("Nora Pellow, the Kelso Rovers captain, says the rival side cheats.")
    await ingest(news, list(from_bytes(feed, "sport.xml", "feed")))
    reply = await Commands(news).questions.who("Pellow")
    assert to_plain(reply.messages[0]).startswith("Nora Pellow — Kelso Rovers captain")
