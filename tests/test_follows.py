"""/follow, /unfollow and /following (bot/follows.py), and the alerts they bring: one per story."""

from __future__ import annotations

from datetime import timedelta

from telegram.ext import Application

from handlers.brief import TelegramSender
from tests.support.articles import FIXTURES, store, store_brief_news
from tests.support.botapi import FakeBotAPI


async def test_following_an_entity_alerts_once_per_story(bot: FakeBotAPI, telegram: Application) -> None:
    news = telegram.bot_data.commands.services
    await store_brief_news(news)
    (followed,) = await bot.ask("/follow Skuodis")
    assert "Following <b>Marius Skuodis</b>" in followed
    sender = TelegramSender(telegram.bot)
    assert await telegram.bot_data.commands.alerts.tick(sender) == 0  # articles stored before the follow never alert

    # A new report, and the same wire copy from a second outlet: one story, one alert.
    text = (FIXTURES / "brief" / "kaunas-rail-ledger.txt").read_text()
    copy = text.replace("Rail Baltica line reaches Kaunas", "Kaunas gets its fast trains").replace(
        "the Lithuanian transport ministry said.", "the ministry said on Monday."
    )
    report = text.replace("Monday", "Tuesday") + "\nMore trains follow in May."
    await store(news, [report, copy], ["Wire A", "Wire B"], age=lambda n: timedelta(0), all_new=False)
    assert await telegram.bot_data.commands.alerts.tick(sender) == 1
    (alert,) = await bot.replies()
    assert alert["text"].startswith("<b>New on Marius Skuodis</b>") and alert["text"].count("• ") == 1
    assert await telegram.bot_data.commands.alerts.tick(sender) == 0

    (listing,) = await bot.ask("/following")
    assert "Marius Skuodis" in listing
    (gone,) = await bot.ask("/unfollow Skuodis")
    assert "No more alerts about <b>Marius Skuodis</b>" in gone
