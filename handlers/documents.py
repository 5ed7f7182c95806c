"""Files and forwarded posts sent to the bot: downloaded or described here, stored by the core."""

from __future__ import annotations

import re

from telegram import Document, Message, MessageOriginChannel, Update
from telegram.error import TelegramError
from telegram.ext import filters

from bot.i18n import _, using
from bot.ingest.forwards import Forwarded
from bot.ingesting import Ingesting
from bot.render.html import esc
from bot.reply import Reply
from bot.user_input import clean_input
from handlers.context import Context
from handlers.messages import send, speaking, typing_while

INGEST = re.compile(r"^\s*/ingest(?:@(\w+))?(?:\s|$)", re.IGNORECASE)


class _RepliesToDocument(filters.MessageFilter):
    """A message that answers one carrying a file."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return message.reply_to_message is not None and message.reply_to_message.document is not None


# In a private chat every file is read. In a group the bot reads a file only when asked: the
# file captioned /ingest, or /ingest sent as a reply to it (it never reads a group's every file).
DOCUMENTS = filters.Document.ALL & (filters.ChatType.PRIVATE | filters.CaptionRegex(INGEST))
INGEST_REPLY_TO_DOCUMENT = filters.Regex(INGEST) & _RepliesToDocument()
# A forward in a private chat (one carrying a file is read as the file, by DOCUMENTS first).
FORWARDS = filters.ChatType.PRIVATE & filters.FORWARDED


async def on_document(update: Update, context: Context) -> None:
    """A file sent (or replied to with /ingest): refused from what Telegram says of it, else
    downloaded and stored."""
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return
    document = message.document or (message.reply_to_message.document if message.reply_to_message else None)
    if document is None or not _for_me(message.caption or message.text or "", context.bot.username):
        return
    ingesting = context.bot_data.commands.ingesting
    with using(await speaking(update, context)):
        # Judged from the update before any download: an .exe or a 2 GB video costs no getFile.
        refusal = ingesting.document_refusal(document.file_name, document.mime_type, document.file_size)
        if refusal is not None:
            await send(update, refusal)
            return
        await send(update, await typing_while(update, _read(document, ingesting), at_once=True))


async def _read(document: Document, ingesting: Ingesting) -> Reply:
    """Download the file, then store it: what the user waits for with "typing…" shown."""
    data = await _download(document, ingesting)
    if isinstance(data, Reply):
        return data
    return await ingesting.document(data, document.file_name, document.mime_type)


async def _download(document: Document, ingesting: Ingesting) -> bytes | Reply:
    """The file's bytes, or why they were not fetched: a size getFile reveals (the update's may
    be missing, or wrong), or Telegram's refusal (over 20 MB, an expired file)."""
    name = document.file_name or _("that file")
    try:
        file = await document.get_file()
        refusal = ingesting.document_refusal(document.file_name, document.mime_type, file.file_size)
        if refusal is not None:
            return refusal
        return bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        return Reply.of(
            _("Telegram would not give me {name}: {error}. Please send it again.").format(
                name=esc(name), error=esc(exc.message)
            )
        )


async def on_forward(update: Update, context: Context) -> None:
    """A forwarded post: a public channel's stored with the channel as source, any other refused."""
    message = update.effective_message
    if message is None or message.forward_origin is None or update.effective_chat is None:
        return
    with using(await speaking(update, context)):
        stored = context.bot_data.commands.ingesting.forwarded(forwarded(message))
        await send(update, await typing_while(update, stored, at_once=True))


def forwarded(message: Message) -> Forwarded:
    """The forward's origin in plain types: a public channel's @username and post number; nothing
    of a person, a group or a private channel (their posts are not stored, so not even their names)."""
    origin = message.forward_origin
    text = clean_input(message.text or message.caption or "")
    if isinstance(origin, MessageOriginChannel) and origin.chat.username:
        return Forwarded(text, origin.date, origin.chat.username, origin.message_id)
    return Forwarded(text, origin.date)


def _for_me(text: str, username: str | None) -> bool:
    """Not a command for another bot: "/ingest@OtherBot" in a group is theirs."""
    match = INGEST.match(text)
    addressee = match.group(1) if match else None
    return addressee is None or addressee.lower() == (username or "").lower()
