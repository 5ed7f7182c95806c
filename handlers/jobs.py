"""The repeating jobs: feeds due a poll, briefs and alerts due a delivery."""

from __future__ import annotations

from handlers.brief import TelegramSender
from handlers.context import Context


async def poll_feeds_job(context: Context) -> None:
    """Start the polls of feeds that are due; each runs on its own, so a slow one holds up none."""
    await context.bot_data.commands.poller.poll_due(wait=False)


async def brief_tick_job(context: Context) -> None:
    """Plan and send the briefs that are due (in the background; one tick at a time)."""
    commands = context.bot_data.commands
    commands.briefs.start_tick(TelegramSender(context.bot), also=commands.alerts.tick)
