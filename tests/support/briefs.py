"""Driving the daily brief in a test: a brief time the bot's own tick never reaches, a tick at a set moment."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram.ext import Application

from bot.brief.deliver import Briefs, TickReport
from domain.schedule import next_occurrence
from handlers.brief import TelegramSender
from tests.support.botapi import FakeBotAPI

BERLIN = ZoneInfo("Europe/Berlin")


def brief_time() -> tuple[str, datetime]:
    """A local time three hours ahead (the bot's own minute tick never reaches it), and the
    moment it next occurs."""
    local = (datetime.now(UTC) + timedelta(hours=3)).astimezone(BERLIN)
    due = next_occurrence(datetime.now(UTC), local.hour, local.minute, BERLIN)
    return f"{local:%H:%M}", due


async def tick(app: Application, now: datetime, briefs: Briefs | None = None) -> TickReport:
    """One brief tick of the running bot (or of another worker's `briefs`), as if it were `now`."""
    return await (briefs or app.bot_data.commands.briefs).tick(TelegramSender(app.bot), now=now)


def briefs_to(api: FakeBotAPI) -> Counter[int]:
    """How many daily briefs each chat received."""
    return Counter(m["chat_id"] for m in api.sent if m["text"].startswith("<b>Daily brief —"))
