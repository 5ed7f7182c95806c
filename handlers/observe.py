"""Every update counted, timed and logged in one line, and Telegram's 429s counted."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, Application

from bot import metrics
from bot.commands import find
from bot.user_input import split_command

log = logging.getLogger(__name__)


def update_kind(update: object) -> str:
    """What an update asks, in a word or a known command's name: never the user's own text."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "button " + command_name(update.callback_query.data or "")
    if update.inline_query is not None:
        return "inline query"
    if update.my_chat_member is not None:
        return "membership"
    message = update.effective_message
    if message is None:
        return "other"
    if message.document is not None:
        return "document"
    if message.forward_origin is not None:
        return "forward"
    text = message.text or message.caption or ""
    return command_name(text) if text.startswith("/") else "text"


def command_name(text: str) -> str:
    """The command's name as the table knows it (`/who@bot Lavrov` is /who), else "unknown command"."""
    command = find(split_command(text)[0])
    return f"/{command.name}" if command is not None else "unknown command"


class ObservedApplication(Application):  # type: ignore[type-arg]
    """The Application, with one INFO line and the update metrics per update handled."""

    async def process_update(self, update: object) -> None:
        started = time.monotonic()
        try:
            await super().process_update(update)
        finally:
            seconds = time.monotonic() - started
            kind = update_kind(update)
            chat = update.effective_chat if isinstance(update, Update) else None
            chat_type = chat.type if chat is not None else "none"
            metrics.UPDATES.labels(kind, chat_type).inc()
            metrics.UPDATE_SECONDS.observe(seconds)
            number = getattr(update, "update_id", "?")
            log.info("update %s: %s in a %s chat, %d ms", number, kind, chat_type, seconds * 1000)


class CountingRateLimiter(AIORateLimiter):
    """python-telegram-bot's rate limiter, counting each 429 (it retries them itself)."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        async def counted(*call_args: Any, **call_kwargs: Any) -> Any:
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                metrics.RETRY_AFTER.inc()
                raise

        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)
