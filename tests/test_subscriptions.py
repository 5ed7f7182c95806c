"""Daily brief subscriptions (bot/subscriptions.py): who may subscribe where, topics, channels, briefs now."""

from __future__ import annotations

from sqlalchemy import select
from telegram.ext import Application

from storage.models import Subscription
from tests.support.articles import store_brief_news
from tests.support.botapi import BOT_USER, FakeBotAPI
from tests.support.briefs import brief_time, briefs_to, tick


async def test_only_group_admins_subscribe_and_a_forum_topic_gets_its_brief(
    bot: FakeBotAPI, telegram: Application
) -> None:
    group = -100500
    bot.members[(group, 99)] = "member"
    bot.members[(group, 42)] = "administrator"
    at, due = brief_time()
    bot.user_message(f"/subscribe {at} Europe/Berlin", chat_id=group, chat_type="supergroup", user_id=99, thread_id=7)
    (refused,) = await bot.replies(group)
    assert "Only this chat's administrators" in refused["text"]
    async with telegram.bot_data.commands.services.session() as session:
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
    (linked,) = await bot.ask(f"/channel add @balticbrief {at} Europe/Berlin topics: energy")
    assert "Subscribed." in linked and "Topics: energy" in linked
    await store_brief_news(telegram.bot_data.commands.services)
    assert (await tick(telegram, due)).sent == 1
    (delivered,) = await bot.replies(channel)
    # The channel's topic lifts the one-source energy story above the two-source rail story.
    assert "1. Estonia opens offshore wind tender" in delivered["text"]


async def test_brief_now_and_topics_in_chat(bot: FakeBotAPI, telegram: Application) -> None:
    await store_brief_news(telegram.bot_data.commands.services)
    await bot.ask("/subscribe 07:15 topics: harbour")
    (topics,) = await bot.ask("/topics add energy, Ukraine")
    assert "Topics: harbour, energy, Ukraine" in topics
    (topics,) = await bot.ask("/topics remove energy")
    assert "Topics: harbour, Ukraine" in topics
    (settings,) = await bot.ask("/settings")
    assert "07:15</b> UTC" in settings and "next:" in settings
    (now,) = await bot.ask("/brief")
    assert "1. Gdansk harbour deepens its channel" in now
    (bad,) = await bot.ask("/subscribe 25:99")
    assert "not a time of day" in bad
    (bad_zone,) = await bot.ask("/subscribe 08:00 Mars/Olympus")
    assert "I don't know the time zone" in bad_zone
