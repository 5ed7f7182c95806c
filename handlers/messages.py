"""Telegram messages and buttons in, the command table's replies out: one way for every command."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType

from bot.commands import find
from bot.reply import Caller, Reply, Where
from bot.user_input import clean_input, split_command
from handlers.brief import channel_lookup
from handlers.context import Context

log = logging.getLogger(__name__)
ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def on_command(update: Update, context: Context) -> None:
    """A command typed in any chat (an unknown one gets a pointer to /help)."""
    message = update.effective_message
    if message is None:
        return
    # "/help@OtherBot" in a group is another bot's: the catch-all for unknown commands sees it too.
    words = (message.text or "").split(maxsplit=1)
    addressee = words[0].partition("@")[2] if words else ""
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    await answer(update, context, message.text or "", replied_text(message))


async def on_button(update: Update, context: Context) -> None:
    """The command behind an inline button (e.g. `/follow #12`), with the chat and the rights of
    whoever pressed it, as if they had typed it there."""
    query = update.callback_query
    await query.answer()
    if (query.data or "").startswith("/"):  # the bot's buttons carry commands; anything else is forged
        await answer(update, context, query.data or "", None)


async def on_text(update: Update, context: Context) -> None:
    """In a private chat, store a link; answer other text with a pointer to the commands."""
    message = update.effective_message
    await send(update, await context.bot_data.commands.ingesting.plain_text(clean_input(message.text or "")))


async def answer(update: Update, context: Context, text: str, replied: str | None) -> None:
    name, arg = split_command(clean_input(text))
    command = find(name)
    if command is not None and command.slow and update.effective_chat is not None:
        await update.effective_chat.send_action(ChatAction.TYPING)
    needs_admin = command is not None and command.needs_admin(arg)
    user = update.effective_user
    reply = await context.bot_data.commands.handle(
        text,
        replied,
        caller=await rights(update, context, needs_admin),
        where=where(update),
        channels=channel_lookup(context.bot, user.id) if user is not None else None,
    )
    await send(update, reply)


def where(update: Update) -> Where | None:
    """The chat, and the forum topic the message was sent in (or the button pressed in)."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread = message.message_thread_id if message and message.is_topic_message else 0
    title = chat.title or chat.full_name or chat.username or ""
    return Where(chat.id, thread or 0, chat.type, title)


async def rights(update: Update, context: Context, needs_admin: bool) -> Caller:
    """The sender as the core judges permissions: an operator when in ADMIN_USER_IDS, and, when
    the command asks (`needs_admin`), whether they may change this chat's brief: anyone in a
    private chat, a group's administrators (asked of Telegram) and its anonymous admins."""
    user, chat = update.effective_user, update.effective_chat
    found = context.bot_data.commands.caller(user.id if user else None)
    if not needs_admin or chat is None or chat.type == ChatType.PRIVATE:
        return found
    # Only a typed message can come from the group itself (a button is pressed by a person).
    message = update.message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return replace(found, manages_chat=True)  # an anonymous administrator posting as the group
    if user is None:
        return replace(found, manages_chat=False)
    member = await context.bot.get_chat_member(chat.id, user.id)
    return replace(found, manages_chat=member.status in ADMINS)


def replied_text(message: Message) -> str | None:
    replied = message.reply_to_message
    if replied is None:
        return None
    text = replied.text or replied.caption
    return clean_input(text) if text is not None else None


async def send(update: Update, reply: Reply) -> None:
    """Each message of the reply; choices as inline buttons under the last one."""
    message = update.effective_message
    chat = update.effective_chat
    if chat is None:
        return
    markup = None
    if reply.choices:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(choice.label[:64], callback_data=choice.command[:64])] for choice in reply.choices]
        )
    thread = message.message_thread_id if message and message.is_topic_message else None
    messages = reply.messages
    if reply.image is not None:
        # A photo caption holds 1024 characters; a longer first message follows on its own.
        caption = messages[0] if len(messages[0]) <= 1024 else None
        messages = messages[1:] if caption is not None else messages
        # With no message after it, the photo carries the buttons ("Also: …" under a chart).
        photo_markup = None if messages else markup
        await chat.send_photo(reply.image, caption=caption, reply_markup=photo_markup, message_thread_id=thread)
    for index, text in enumerate(messages):
        last = index == len(messages) - 1
        await chat.send_message(text, reply_markup=markup if last else None, message_thread_id=thread)


async def on_error(update: object, context: Context) -> None:
    """Log the failure and tell the user, never leaving them without an answer."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        await send(update, Reply.of("Sorry, something went wrong on my side. Please try again."))
