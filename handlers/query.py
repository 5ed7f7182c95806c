"""/who, /status, /latest, /search: questions answered from the store."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import argument, chat_core, send


async def who_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Who is this: full name, role, what they said, with whom they appear."""
    await send(update, await chat_core(context).who(argument(update)))


async def status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is happening in a place or on a topic, newest first, dated and sourced."""
    await send(update, await chat_core(context).status(argument(update)))


async def latest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The newest stored articles with their ids."""
    await send(update, await chat_core(context).latest(argument(update)))


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Full-text search over stored articles, newest first."""
    await send(update, await chat_core(context).search(argument(update)))


async def trend_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A bar chart of daily articles about someone or something."""
    await send(update, await chat_core(context).trend(argument(update)))
