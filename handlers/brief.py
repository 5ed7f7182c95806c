"""/subscribe, /unsubscribe, /settings, /topics, /brief, /channel; membership changes; delivery."""

from __future__ import annotations

import logging

from telegram import Bot, ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ContextTypes

from bot.brief.deliver import Blocked, RetryLater, Transient
from bot.reply import Reply, Where
from handlers.common import argument, chat_core, manager, send, where

log = logging.getLogger(__name__)
ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribe this chat (or forum topic) to the daily brief."""
    core = chat_core(context).subscriptions
    await send(update, await core.subscribe(argument(update), await manager(update, context), where(update)))


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop this chat's daily brief."""
    core = chat_core(context).subscriptions
    await send(update, await core.unsubscribe(await manager(update, context), where(update)))


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show this chat's brief: time, zone, topics, next delivery."""
    await send(update, await chat_core(context).subscriptions.settings(where(update)))


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add, remove or list the topics this chat's brief favours."""
    core = chat_core(context).subscriptions
    await send(update, await core.topics(argument(update), await manager(update, context), where(update)))


async def brief_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send today's brief now."""
    await send(update, await chat_core(context).subscriptions.brief(where(update)))


async def channel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/channel add @name [HH:MM] [Area/City] [topics: …]: the brief in a channel both of you administer."""
    action, _, rest = argument(update).partition(" ")
    name, _, options = rest.strip().partition(" ")
    if action.lower() not in ("add", "remove") or not name.startswith("@"):
        await send(
            update, Reply.of("Use /channel add @channelname [HH:MM] [Area/City], or /channel remove @channelname")
        )
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        await send(update, Reply.of("Link a channel from a private chat with me."))
        return
    try:
        channel = await context.bot.get_chat(name)
        mine = await context.bot.get_chat_member(channel.id, context.bot.id)
        theirs = await context.bot.get_chat_member(channel.id, update.effective_user.id)
    except (BadRequest, Forbidden):
        await send(update, Reply.of(f"I cannot see {name}. Add me to the channel as an administrator first."))
        return
    if channel.type != ChatType.CHANNEL:
        await send(update, Reply.of(f"{name} is not a channel."))
        return
    if mine.status not in ADMINS or not getattr(mine, "can_post_messages", True):
        await send(update, Reply.of(f"Make me an administrator of {name} who may post, then try again."))
        return
    if theirs.status not in ADMINS:
        await send(update, Reply.of(f"Only administrators of {name} can link it."))
        return
    target = Where(channel.id, 0, ChatType.CHANNEL, channel.title or name)
    core = chat_core(context).subscriptions
    caller = chat_core(context).caller(update.effective_user.id)
    if action.lower() == "remove":
        await send(update, await core.unsubscribe(caller, target))
    else:
        await send(update, await core.subscribe(options, caller, target))


async def membership_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was removed, blocked or re-added somewhere: pause or resume that chat's brief."""
    change: ChatMemberUpdated = update.my_chat_member
    core = chat_core(context).subscriptions
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


async def brief_tick_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plan and send the briefs that are due (in the background; one tick at a time)."""
    core = chat_core(context)
    core.briefs.start_tick(TelegramSender(context.bot), also=core.alerts.tick)


async def follow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Alert this chat when a new article mentions the entity."""
    await send(update, await chat_core(context).follow(argument(update), await manager(update, context), where(update)))


async def unfollow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop alerts about the entity."""
    core = chat_core(context)
    await send(update, await core.unfollow(argument(update), await manager(update, context), where(update)))


async def following_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List what this chat follows."""
    await send(update, await chat_core(context).subscriptions.following(where(update)))
