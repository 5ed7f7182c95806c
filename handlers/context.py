"""The application's state, typed: handlers read `context.bot_data.commands`, not a string key."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.commands import Commands


class BotData:
    """What every handler shares; python-telegram-bot makes it, build_application fills it."""

    commands: Commands


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
