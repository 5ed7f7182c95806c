"""The brief's Telegram side: delivery, channels looked up, and the bot added to or removed from chats."""

from __future__ import annotations

import logging

from telegram import Bot, ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.brief.deliver import Blocked, RetryLater, Transient
from bot.reply import Channel, ChannelLookup
from handlers.context import Context

log = logging.getLogger(__name__)
ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)


def channel_lookup(bot: Bot, user_id: int) -> ChannelLookup:
    """How /channel learns, from Telegram, whether a channel exists and who administers it."""

    async def lookup(name: str) -> Channel | None:
        try:
            channel = await bot.get_chat(name)
            mine = await bot.get_chat_member(channel.id, bot.id)
            theirs = await bot.get_chat_member(channel.id, user_id)
        except (BadRequest, Forbidden):
            return None
        return Channel(
            chat_id=channel.id,
            title=channel.title or "",
            is_channel=channel.type == ChatType.CHANNEL,
            bot_may_post=mine.status in ADMINS and getattr(mine, "can_post_messages", True),
            user_is_admin=theirs.status in ADMINS,
        )

    return lookup


async def membership_changed(update: Update, context: Context) -> None:
    """The bot was removed, blocked or re-added somewhere: pause or resume that chat's brief."""
    change: ChatMemberUpdated = update.my_chat_member
    core = context.bot_data.commands.subscriptions
    if change.new_chat_member.status in GONE:
        paused = await core.pause(change.chat.id, f"the bot was removed or blocked ({change.new_chat_member.status})")
        log.info("chat %s: bot removed; %d subscription(s) paused", change.chat.id, paused)
    elif change.old_chat_member.status in GONE:
        await core.resume(change.chat.id)


class TelegramSender:
    """The delivery core's Sender, over python-telegram-bot (rate-limited by AIORateLimiter)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        try:
            await self.bot.send_message(chat_id, text, message_thread_id=thread_id or None)
        except Forbidden as exc:
            raise Blocked(exc.message) from exc
        except RetryAfter as exc:
            seconds = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else exc.retry_after
            raise RetryLater(float(seconds)) from exc
        except BadRequest as exc:
            if "not found" in exc.message.lower() or "deactivated" in exc.message.lower():
                raise Blocked(exc.message) from exc
            raise
        except (TimedOut, NetworkError) as exc:
            raise Transient(str(exc)) from exc
