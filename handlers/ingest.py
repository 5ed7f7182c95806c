"""/ingest, and plain links sent in a private chat."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from handlers.common import argument, chat_core, replied_text, send


async def ingest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the link or text given (or the message replied to)."""
    await update.effective_chat.send_action(ChatAction.TYPING)
    await send(update, await chat_core(context).ingest(argument(update), replied_text(update)))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a private chat, store a link; answer other text with a pointer to the commands."""
    await send(update, await chat_core(context).plain_text(update.effective_message.text or ""))
