"""Telegram messages and buttons in, the command table's replies out: one way for every command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import replace
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, MessageLimit
from telegram.error import TelegramError

from bot.commands import find
from bot.i18n import _, language_for, using
from bot.render.html import esc
from bot.reply import Caller, Reply, Where
from bot.user_input import clean_input, split_command
from handlers.brief import channel_lookup
from handlers.context import Context

log = logging.getLogger(__name__)
ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
# "typing…" for a reply that takes longer than this (seconds); a fast one shows nothing.
TYPING_AFTER = 1.0
# Telegram shows the action for 5 s, or until the bot's next message: renewed a little sooner.
TYPING_EVERY = 4.5
T = TypeVar("T")


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
    try:
        await query.answer()  # only stops the button's spinner: the command runs whatever Telegram says
    except TelegramError as exc:
        log.info("could not acknowledge a button press: %s", exc.message)
    if (query.data or "").startswith("/"):  # the bot's buttons carry commands; anything else is forged
        await mark_chosen(query)
        await answer(update, context, query.data or "", None)


async def mark_chosen(query: CallbackQuery) -> None:
    """The message whose button was pressed, without its buttons and with the choice under it
    ("→ Jason Robinson (person, 2 articles)"), so it cannot be picked twice by mistake."""
    message = query.message
    if not isinstance(message, Message):  # too old: Telegram no longer shows it to the bot
        return
    label = next(
        (
            button.text
            for row in (message.reply_markup.inline_keyboard if message.reply_markup else ())
            for button in row
            if button.callback_data == query.data
        ),
        None,
    )
    chosen = f"\n\n→ {esc(label)}" if label else ""
    try:
        if chosen and message.text and len(message.text) + len(chosen) <= MessageLimit.MAX_TEXT_LENGTH:
            await message.edit_text(message.text_html + chosen, reply_markup=None)
        elif chosen and message.caption and len(message.caption) + len(chosen) <= MessageLimit.CAPTION_LENGTH:
            await message.edit_caption(message.caption_html + chosen, reply_markup=None)
        else:
            await message.edit_reply_markup(reply_markup=None)
    except TelegramError as exc:  # too old to edit, deleted, edited by an earlier press, or a timeout
        log.debug("the pressed message stays as it was: %s", exc.message)


async def on_text(update: Update, context: Context) -> None:
    """In a private chat, store a link; answer other text with a pointer to the commands."""
    message = update.effective_message
    with using(await speaking(update, context)):
        plain_text = context.bot_data.commands.ingesting.plain_text(clean_input(message.text or ""))
        await send(update, await typing_while(update, plain_text))


async def speaking(update: Update, context: Context) -> str:
    """The language to answer this update in: the chat's choice, else the sender's Telegram language."""
    user = update.effective_user
    commands = context.bot_data.commands
    caller = commands.caller(user.id if user else None, user.language_code if user else None)
    return await commands.languages.of(caller, where(update))


async def answer(update: Update, context: Context, text: str, replied: str | None) -> None:
    name, arg = split_command(clean_input(text))
    command = find(name)
    needs_admin = command is not None and command.needs_admin(arg)
    user = update.effective_user
    handled = context.bot_data.commands.handle(
        text,
        replied,
        caller=await rights(update, context, needs_admin),
        where=where(update),
        channels=channel_lookup(context.bot, user.id) if user is not None else None,
        bot_username=context.bot.username,
    )
    await send(update, await typing_while(update, handled, at_once=command is not None and command.slow))


async def typing_while(update: Update, work: Awaitable[T], at_once: bool = False) -> T:
    """The work's result, with "typing…" shown in the chat from TYPING_AFTER seconds (at once for
    a command known to be slow) until it is done."""
    task = asyncio.ensure_future(work)
    delay = 0.0 if at_once else TYPING_AFTER
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=delay)
            if done:
                return task.result()
            await show_typing(update)
            delay = TYPING_EVERY
    finally:
        task.cancel()  # nothing when done; when the update's handling is cancelled, the work stops too


async def show_typing(update: Update) -> None:
    """The chat (or forum topic) shows "typing…"; a failure to show it never holds the reply up."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    thread = message.message_thread_id if message and message.is_topic_message else None
    try:
        await chat.send_action(ChatAction.TYPING, message_thread_id=thread)
    except TelegramError as exc:
        log.debug("no typing action: %s", exc)


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
    found = context.bot_data.commands.caller(user.id if user else None, user.language_code if user else None)
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
        user = update.effective_user
        # No database read here (it may be what failed): the sender's Telegram language.
        with using(language_for(user.language_code if user else None)):
            await send(update, Reply.of(_("Sorry, something went wrong on my side. Please try again.")))
