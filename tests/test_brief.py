"""The daily brief through the fake Bot API: on time, once, to every kind of chat."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from telegram.ext import Application

from bot.brief.deliver import Briefs
from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_path
from bot.render.brief import brief as render_brief
from bot.reply import Where
from bot.services import Services
from domain.briefs import Story, WindowArticle
from domain.schedule import next_occurrence
from handlers.brief import TelegramSender
from storage.models import Delivery, Subscription
from tests.conftest import FIXTURES
from tests.support.botapi import BOT_USER, FakeBotAPI

BERLIN = ZoneInfo("Europe/Berlin")
SOURCES = {
    "kaunas-rail-ledger.txt": "Baltic Ledger",
    "kaunas-rail-post.txt": "Kaunas Post",
    "gdansk-harbour.txt": "Gdansk Daily",
    "tallinn-energy.txt": "ERR News",
}


def brief_time() -> tuple[str, datetime]:
    """A local time three hours ahead (the bot's own minute tick never reaches it), and the
    moment it next occurs."""
    local = (datetime.now(UTC) + timedelta(hours=3)).astimezone(BERLIN)
    due = next_occurrence(datetime.now(UTC), local.hour, local.minute, BERLIN)
    return f"{local:%H:%M}", due


def core(app: Application) -> Commands:
    return app.bot_data.commands


async def store_news(news: Services) -> None:
    items = []
    for path in sorted((FIXTURES / "brief").iterdir()):
        for item in from_path(path):
            item.source = SOURCES[path.name]
            item.published = datetime.now(UTC) - timedelta(hours=1)
            items.append(item)
    report = await ingest(news, items)
    assert len(report.new) == 4


async def tick(app: Application, now: datetime, briefs: Briefs | None = None):  # type: ignore[no-untyped-def]
    return await (briefs or core(app).briefs).tick(TelegramSender(app.bot), now=now)


def briefs_to(api: FakeBotAPI) -> Counter[int]:
    return Counter(m["chat_id"] for m in api.sent if m["text"].startswith("<b>Daily brief —"))


async def test_a_brief_arrives_at_the_set_minute_and_only_once(bot: FakeBotAPI, telegram: Application) -> None:
    await store_news(core(telegram).services)
    at, due = brief_time()
    bot.user_message(f"/subscribe {at} Europe/Berlin")
    (reply,) = await bot.replies()
    assert "Subscribed." in reply["text"] and f"{at}</b> Europe/Berlin" in reply["text"]

    assert (await tick(telegram, due - timedelta(minutes=1))).sent == 0
    assert (await tick(telegram, due)).sent == 1
    (delivered,) = await bot.replies()
    text = delivered["text"]
    assert text.startswith("<b>Daily brief — ")
    assert "3 stories from 4 articles" in text
    # The rail story, covered by two outlets, leads; its sources are linked by name.
    first = text.split("\n\n")[1]
    assert "1. Rail Baltica line reaches Kaunas" in first and "Baltic Ledger, Kaunas Post" in first
    assert delivered["params"].get("link_preview_options", {}).get("is_disabled") is True

    assert (await tick(telegram, due + timedelta(minutes=1))).sent == 0
    restarted = Briefs(core(telegram).services, worker="after-restart")
    assert (await tick(telegram, due + timedelta(minutes=5), restarted)).sent == 0
    assert briefs_to(bot) == {42: 1}


async def test_a_brief_missed_while_down_is_sent_within_the_grace_else_skipped(
    bot: FakeBotAPI, telegram: Application
) -> None:
    subscriptions = core(telegram).subscriptions
    at, due = brief_time()
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(501))
    report = await tick(telegram, due + timedelta(minutes=30), Briefs(core(telegram).services, worker="started-late"))
    assert (report.planned, report.sent) == (1, 1)
    assert "no new stories since the last brief" in (await bot.replies(501))[0]["text"]  # an empty day says so

    later = (due + timedelta(hours=3)).astimezone(BERLIN)
    await subscriptions.subscribe(f"{due.astimezone(BERLIN):%H:%M} Europe/Berlin", Where(502))
    report = await tick(telegram, later)
    assert (report.skipped, report.sent) == (1, 0)
    async with core(telegram).services.session() as session:
        statuses = {d.subscription_id: d.status for d in await session.scalars(select(Delivery))}
    assert sorted(statuses.values()) == ["sent", "skipped"]
    assert briefs_to(bot) == {501: 1}


class Crash(Exception):
    pass


class CrashingSender:
    """Sends `survive` messages, then the process 'dies' before the next one goes out."""

    def __init__(self, inner: TelegramSender, survive: int) -> None:
        self.inner, self.left = inner, survive

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        if self.left == 0:
            raise Crash
        self.left -= 1
        await self.inner.send(chat_id, thread_id, text)


async def test_a_crash_mid_fan_out_and_two_replicas_send_each_brief_once(
    bot: FakeBotAPI, telegram: Application
) -> None:
    news = core(telegram).services
    await store_news(news)
    at, due = brief_time()
    chats = list(range(1000, 1020))
    for chat_id in chats:
        await core(telegram).subscriptions.subscribe(f"{at} Europe/Berlin", Where(chat_id))
    crashed = Briefs(news, worker="crashes")
    try:
        await crashed.tick(CrashingSender(TelegramSender(telegram.bot), survive=5), now=due)
    except Crash:
        pass
    await asyncio.sleep(0.5)
    assert sum(briefs_to(bot).values()) == 5

    # Two replicas start after the dead sender's lease ran out; they share the rest.
    later = due + timedelta(minutes=11)
    first, second = Briefs(news, worker="replica-1"), Briefs(news, worker="replica-2")
    reports = await asyncio.gather(tick(telegram, later, first), tick(telegram, later, second))
    assert sum(r.sent for r in reports) == 15
    await asyncio.sleep(0.5)
    assert briefs_to(bot) == {chat_id: 1 for chat_id in chats}


async def test_a_429_storm_loses_nothing(bot: FakeBotAPI, telegram: Application) -> None:
    at, due = brief_time()
    for chat_id in range(600, 605):
        await core(telegram).subscriptions.subscribe(f"{at} Europe/Berlin", Where(chat_id))
    bot.storm = 12
    report = await tick(telegram, due)
    assert report.sent == 5 and bot.too_many == 12
    assert briefs_to(bot) == {chat_id: 1 for chat_id in range(600, 605)}


async def test_a_blocked_or_removed_chat_is_paused_not_retried(bot: FakeBotAPI, telegram: Application) -> None:
    at, due = brief_time()
    subscriptions = core(telegram).subscriptions
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(700))
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(-701, chat_type="group"))
    bot.blocked.add(700)
    bot.bot_removed(-701)
    for _ in range(100):
        async with core(telegram).services.session() as session:
            removed = await session.scalar(select(Subscription).where(Subscription.chat_id == -701))
        if not removed.active:
            break
        await asyncio.sleep(0.05)
    report = await tick(telegram, due)
    assert (report.paused, report.sent) == (1, 0)
    settings = await subscriptions.settings(Where(700))
    assert "Paused: Forbidden: bot was blocked by the user" in settings.messages[0]
    calls = len([c for c in bot.calls if c[0] == "sendMessage"])
    assert (await tick(telegram, due + timedelta(days=1))).sent == 0
    assert len([c for c in bot.calls if c[0] == "sendMessage"]) == calls  # nothing tried again


async def test_only_group_admins_subscribe_and_a_forum_topic_gets_its_brief(
    bot: FakeBotAPI, telegram: Application
) -> None:
    group = -100500
    bot.members[(group, 99)] = "member"
    bot.members[(group, 42)] = "administrator"
    at, due = brief_time()
    bot.user_message(f"/subscribe {at} Europe/Berlin", chat_id=group, chat_type="supergroup", user_id=99, thread_id=7)
    (refused,) = await bot.replies(group)
    assert "Only this group's administrators" in refused["text"]
    async with core(telegram).services.session() as session:
        assert await session.scalar(select(Subscription).where(Subscription.chat_id == group)) is None

    bot.user_message(f"/subscribe {at} Europe/Berlin", chat_id=group, chat_type="supergroup", user_id=42, thread_id=7)
    (accepted,) = await bot.replies(group)
    assert "Subscribed." in accepted["text"] and int(accepted["params"]["message_thread_id"]) == 7
    plain = -100600  # a basic group, no topics
    bot.members[(plain, 42)] = "creator"
    bot.user_message(f"/subscribe {at} Europe/Berlin", chat_id=plain, chat_type="group", user_id=42)
    await bot.replies(plain)
    assert (await tick(telegram, due)).sent == 2
    (delivered,) = await bot.replies(group)
    assert "Daily brief" in delivered["text"] and int(delivered["params"]["message_thread_id"]) == 7
    (to_group,) = await bot.replies(plain)
    assert "Daily brief" in to_group["text"] and "message_thread_id" not in to_group["params"]
    assert briefs_to(bot) == {group: 1, plain: 1}


async def test_a_channel_linked_from_a_private_chat_gets_the_brief(bot: FakeBotAPI, telegram: Application) -> None:
    channel = -1001234
    bot.chats["@balticbrief"] = {"id": channel, "type": "channel", "title": "Baltic Brief"}
    bot.members[(channel, BOT_USER["id"])] = "administrator"
    bot.members[(channel, 42)] = "creator"
    at, due = brief_time()
    bot.user_message(f"/channel add @balticbrief {at} Europe/Berlin topics: energy", user_id=77, chat_id=77)
    (refused,) = await bot.replies(77)
    assert "Only administrators of @balticbrief" in refused["text"]
    bot.user_message(f"/channel add @balticbrief {at} Europe/Berlin topics: energy")
    (linked,) = await bot.replies()
    assert "Subscribed." in linked["text"] and "Topics: energy" in linked["text"]
    await store_news(core(telegram).services)
    assert (await tick(telegram, due)).sent == 1
    (delivered,) = await bot.replies(channel)
    # The channel's topic lifts the one-source energy story above the two-source rail story.
    assert "1. Estonia opens offshore wind tender" in delivered["text"]


async def test_brief_now_and_topics_in_chat(bot: FakeBotAPI, telegram: Application) -> None:
    await store_news(core(telegram).services)
    bot.user_message("/subscribe 07:15 topics: harbour")
    await bot.replies()
    bot.user_message("/topics add energy, Ukraine")
    (topics,) = await bot.replies()
    assert "Topics: harbour, energy, Ukraine" in topics["text"]
    bot.user_message("/topics remove energy")
    (topics,) = await bot.replies()
    assert "Topics: harbour, Ukraine" in topics["text"]
    bot.user_message("/settings")
    (settings,) = await bot.replies()
    assert "07:15</b> UTC" in settings["text"] and "next:" in settings["text"]
    bot.user_message("/brief")
    (now,) = await bot.replies()
    assert "1. Gdansk harbour deepens its channel" in now["text"]
    bot.user_message("/subscribe 25:99")
    (bad,) = await bot.replies()
    assert "not a time of day" in bad["text"]
    bot.user_message("/subscribe 08:00 Mars/Olympus")
    (bad_zone,) = await bot.replies()
    assert "I don't know the time zone" in bad_zone["text"]


def test_a_long_brief_is_split_at_story_boundaries() -> None:
    now = datetime(2026, 11, 26, 8, tzinfo=UTC)
    stories = []
    for n in range(40):
        article = WindowArticle(n, f"Story number {n} & <more>", f"Outlet {n}", f"https://example.com/{n}", now, None)
        stories.append(Story([article], summary=[f"Sentence {n} " + "word " * 60, "Another sentence. " * 5]))
    messages = render_brief(stories, now, 40)
    assert len(messages) > 1 and all(len(m) <= 4096 for m in messages)
    for n in range(40):
        holding = [m for m in messages if f"{n + 1}. Story number {n} &amp; &lt;more&gt;" in m]
        assert len(holding) == 1 and f"Sentence {n} " in holding[0]  # the whole story in one message


async def test_following_an_entity_alerts_once_per_story(bot: FakeBotAPI, telegram: Application) -> None:
    news = core(telegram).services
    await store_news(news)
    bot.user_message("/follow Skuodis")
    (followed,) = await bot.replies()
    assert "Following <b>Marius Skuodis</b>" in followed["text"]
    sender = TelegramSender(telegram.bot)
    assert await core(telegram).alerts.tick(sender) == 0  # articles stored before the follow never alert

    # A new report, and the same wire copy from a second outlet: one story, one alert.
    text = (FIXTURES / "brief" / "kaunas-rail-ledger.txt").read_text()
    copy = text.replace("Rail Baltica line reaches Kaunas", "Kaunas gets its fast trains").replace(
        "the Lithuanian transport ministry said.", "the ministry said on Monday."
    )
    for body, outlet in (
        (text.replace("Monday", "Tuesday") + "\nMore trains follow in May.", "Wire A"),
        (copy, "Wire B"),
    ):
        items = list(from_path_text(body, outlet))
        await ingest(news, items)
    assert await core(telegram).alerts.tick(sender) == 1
    (alert,) = await bot.replies()
    assert alert["text"].startswith("<b>New on Marius Skuodis</b>") and alert["text"].count("• ") == 1
    assert await core(telegram).alerts.tick(sender) == 0

    bot.user_message("/following")
    (listing,) = await bot.replies()
    assert "Marius Skuodis" in listing["text"]
    bot.user_message("/unfollow Skuodis")
    (gone,) = await bot.replies()
    assert "No more alerts about <b>Marius Skuodis</b>" in gone["text"]


def from_path_text(body: str, outlet: str):  # type: ignore[no-untyped-def]
    from bot.ingest.sources import from_text

    article = from_text(body, outlet)
    article.source = outlet
    yield article


async def test_status_ends_with_the_trend_and_no_overview_off_its_subject(
    bot: FakeBotAPI, telegram: Application
) -> None:
    await store_news(core(telegram).services)
    bot.user_message("/status Kaunas")
    (status,) = await bot.replies()
    lines = status["text"].split("\n")
    assert lines[0].startswith("<b>Kaunas</b> — place · 2 articles")
    # Every sentence naming Kaunas is a dated line already: an overview could only repeat them
    # or talk of something else (the minister), so there is none (tests/test_status_overview.py).
    assert not any(line.startswith("<b>Overview") for line in lines)
    # Daily articles as a sparkline ending today (2 articles), and who is named alongside.
    trend = next(line for line in lines if line.startswith("<b>Trend</b>: "))
    assert trend.startswith("<b>Trend</b>: ▁▁▁▁▁▁▁▁▁▁▁▁▁█ articles a day") and "(most 2)" in trend
    assert any(line.startswith("<b>Most involved</b>: Rail Baltica (") for line in lines)


async def test_status_shows_one_development_once_with_its_sources(news: Services) -> None:
    from bot.commands import Commands
    from bot.ingest.sources import from_text

    bridge = "a new bridge over the Neris river would open on Friday"
    reports = [
        ("Wire A", f"The city council in Vilnius said {bridge}."),
        ("Wire B", f"The city council in Vilnius said on Tuesday that {bridge}."),
        ("Wire C", f"The city council in Vilnius said that {bridge}."),
        ("Wire D", "The mayor of Vilnius said the old market hall would close for repairs in the spring."),
    ]
    items = []
    for hours, (outlet, sentence) in enumerate(reports):
        item = from_text(f"{sentence} Traffic will be diverted while work goes on.", outlet)
        item.source, item.published = outlet, datetime.now(UTC) - timedelta(hours=10 - hours)
        items.append(item)
    await ingest(news, items)
    reply = await Commands(news).questions.status("Vilnius")
    lines = [line for line in reply.messages[0].split("\n") if line[:4].isdigit()]
    about_bridge = [line for line in lines if "Neris" in line]
    assert len(about_bridge) == 1 and about_bridge[0].endswith(" · 3 sources")
    assert any("market hall" in line and "sources" not in line for line in lines)


async def test_a_name_the_model_missed_is_found_by_the_word_in_the_newest_articles(news: Services) -> None:
    from bot.ingest.sources import from_text
    from storage import queries

    texts = [
        ("Older", "Tallinn Harbour Reopens After Storm Damage", "Ferries resumed on Monday after repairs."),
        ("Newer", "Tallinnova Fashion Week Opens", "Designers showed their spring collections in the old town."),
    ]
    items = []
    for hours, (outlet, title, body) in enumerate(texts):
        item = from_text(f"{title}\n\n{body} The organisers expect more visitors next year.", outlet)
        item.source, item.published = outlet, datetime.now(UTC) - timedelta(hours=5 - hours)
        items.append(item)
    await ingest(news, items)
    async with news.session() as session:
        found = await queries.named_sentences(session, "Tallinn", datetime.now(UTC) - timedelta(days=1))
    # The headline that names the place, whole word only ("Tallinnova" is another name).
    assert [(c.text, c.source) for c in found] == [("Tallinn Harbour Reopens After Storm Damage.", "Older")]


class Flooded:
    """Telegram answering 429 to everything (retry_after 0 here, so the test does not wait)."""

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        from bot.brief.deliver import RetryLater

        raise RetryLater(0)


class Collecting:
    def __init__(self) -> None:
        self.sent: list[int] = []

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        self.sent.append(chat_id)


async def test_a_flood_that_outlasts_every_retry_is_sent_once_after_the_lease(news: Services) -> None:
    from bot.brief.deliver import LEASE
    from bot.subscriptions import Subscriptions

    briefs = Briefs(news, worker="flooded")
    at, due = brief_time()
    await Subscriptions(news, briefs).subscribe(f"{at} Europe/Berlin", Where(900))
    report = await briefs.tick(Flooded(), now=due)
    assert (report.sent, report.released) == (0, 1)  # and the tick did not spin on it
    later = Collecting()
    assert (await briefs.tick(later, now=due + LEASE / 2)).sent == 0  # still within the lease
    assert (await briefs.tick(later, now=due + LEASE + timedelta(minutes=1))).sent == 1
    assert (await briefs.tick(later, now=due + LEASE + timedelta(minutes=2))).sent == 0
    assert later.sent == [900]
