"""What every handler needs: the chat core, the command's argument, and sending a Reply."""

from __future__ import annotations

import re
from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from bot.chat import Chat, clean_input
from bot.reply import Caller, Reply, Where

_COMMAND = re.compile(r"^\s*/\S*")


def chat_core(context: ContextTypes.DEFAULT_TYPE) -> Chat:
    return context.bot_data["chat"]


def caller(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Caller:
    """The sender, as the core judges permissions."""
    user = update.effective_user
    return chat_core(context).caller(user.id if user else None)


def where(update: Update) -> Where | None:
    """The chat, and the forum topic the message was sent in."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread = message.message_thread_id if message and message.is_topic_message else 0
    title = chat.title or chat.full_name or chat.username or ""
    return Where(chat.id, thread or 0, chat.type, title)


async def manager(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Caller:
    """The sender, with whether they may change this chat's brief: anyone in a private chat,
    a group's administrators (asked of Telegram with getChatMember) and its anonymous admins."""
    found = caller(update, context)
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return found
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return replace(found, manages_chat=True)  # an anonymous administrator posting as the group
    if user is None:
        return replace(found, manages_chat=False)
    member = await context.bot.get_chat_member(chat.id, user.id)
    return replace(found, manages_chat=member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR))


def argument(update: Update) -> str:
    """The text after the command, as typed (spacing and line breaks kept)."""
    message = update.effective_message
    text = clean_input(message.text or "") if message else ""
    return _COMMAND.sub("", text, count=1).strip()


def replied_text(update: Update) -> str | None:
    message = update.effective_message
    replied: Message | None = message.reply_to_message if message else None
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
