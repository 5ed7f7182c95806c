"""/summarize an article by id or link, or the message replied to."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import argument, chat_core, replied_text, send


async def summarize_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the article's most important sentences, in article order."""
    await send(update, await chat_core(context).summarize(argument(update), replied_text(update)))
