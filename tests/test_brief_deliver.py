"""Delivering the daily brief (bot/brief/deliver.py) through the fake Bot API: on time, once, through crashes,
floods and blocked chats."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select
from telegram.ext import Application

from bot.brief.deliver import Briefs
from bot.reply import Where
from bot.services import Services
from handlers.brief import TelegramSender
from storage.models import Delivery, Subscription
from tests.support.articles import store_brief_news
from tests.support.botapi import FakeBotAPI
from tests.support.briefs import BERLIN, brief_time, briefs_to, tick


async def test_a_brief_arrives_at_the_set_minute_and_only_once(bot: FakeBotAPI, telegram: Application) -> None:
    await store_brief_news(telegram.bot_data.commands.services)
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
    restarted = Briefs(telegram.bot_data.commands.services, worker="after-restart")
    assert (await tick(telegram, due + timedelta(minutes=5), restarted)).sent == 0
    assert briefs_to(bot) == {42: 1}


async def test_a_brief_missed_while_down_is_sent_within_the_grace_else_skipped(
    bot: FakeBotAPI, telegram: Application
) -> None:
    subscriptions = telegram.bot_data.commands.subscriptions
    at, due = brief_time()
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(501))
    report = await tick(
        telegram, due + timedelta(minutes=30), Briefs(telegram.bot_data.commands.services, worker="started-late")
    )
    assert (report.planned, report.sent) == (1, 1)
    assert "no new stories since the last brief" in (await bot.replies(501))[0]["text"]  # an empty day says so

    later = (due + timedelta(hours=3)).astimezone(BERLIN)
    await subscriptions.subscribe(f"{due.astimezone(BERLIN):%H:%M} Europe/Berlin", Where(502))
    report = await tick(telegram, later)
    assert (report.skipped, report.sent) == (1, 0)
    async with telegram.bot_data.commands.services.session() as session:
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
    news = telegram.bot_data.commands.services
    await store_brief_news(news)
    at, due = brief_time()
    chats = list(range(1000, 1020))
    for chat_id in chats:
        await telegram.bot_data.commands.subscriptions.subscribe(f"{at} Europe/Berlin", Where(chat_id))
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
        await telegram.bot_data.commands.subscriptions.subscribe(f"{at} Europe/Berlin", Where(chat_id))
    bot.storm = 12
    report = await tick(telegram, due)
    assert report.sent == 5 and bot.too_many == 12
    assert briefs_to(bot) == {chat_id: 1 for chat_id in range(600, 605)}


async def test_a_blocked_or_removed_chat_is_paused_not_retried(bot: FakeBotAPI, telegram: Application) -> None:
    at, due = brief_time()
    subscriptions = telegram.bot_data.commands.subscriptions
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(700))
    await subscriptions.subscribe(f"{at} Europe/Berlin", Where(-701, chat_type="group"))
    bot.blocked.add(700)
    bot.bot_removed(-701)
    for _ in range(100):
        async with telegram.bot_data.commands.services.session() as session:
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
