"""/feed and /feeds: the operators' feed subscriptions."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import argument, caller, chat_core, send


async def feed_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add or remove a feed (operators only)."""
    await send(update, await chat_core(context).feed(argument(update), caller(update, context)))


async def feeds_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the feeds with their poll state (operators only)."""
    await send(update, await chat_core(context).feeds(caller(update, context), argument(update)))


async def poll_feeds_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start the polls of feeds that are due; each runs on its own, so a slow one holds up none."""
    await chat_core(context).poller.poll_due(wait=False)
