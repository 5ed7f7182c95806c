"""/start, /help, unknown commands, choice buttons, and errors."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat import split_command
from bot.reply import Reply
from handlers.common import chat_core, send

log = logging.getLogger(__name__)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say what the bot does and list every command with an example."""
    await send(update, await chat_core(context).help())


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a command the bot does not know with a pointer to /help."""
    command, _ = split_command(update.effective_message.text or "")
    await send(update, await chat_core(context).unknown(command))


async def choice_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run the command behind an inline button (e.g. `/who #12`)."""
    query = update.callback_query
    await query.answer()
    core = chat_core(context)
    await send(update, await core.handle(query.data or "", caller=core.caller(query.from_user.id)))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure and tell the user, never leaving them without an answer."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        await send(update, Reply.of("Sorry, something went wrong on my side. Please try again."))
