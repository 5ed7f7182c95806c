"""The Telegram layer: handlers built from the command table, the reply sent back."""

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.commands import COMMANDS
from handlers import brief, documents, inline, messages


def register(app: Application) -> None:
    """Every handler, in the order Telegram updates are tried."""
    # `/ingest` in reply to a file reads the file: tried before the /ingest command itself.
    app.add_handler(MessageHandler(documents.INGEST_REPLY_TO_DOCUMENT, documents.on_document))
    for command in COMMANDS:
        app.add_handler(CommandHandler(command.names, messages.on_command))
    app.add_handler(ChatMemberHandler(brief.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(messages.on_button))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    app.add_handler(MessageHandler(filters.COMMAND, messages.on_command))  # unknown commands
    # Files and forwarded posts before plain text: a forward is stored, not answered "send me a link".
    app.add_handler(MessageHandler(documents.DOCUMENTS, documents.on_document))
    app.add_handler(MessageHandler(documents.FORWARDS, documents.on_forward))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, messages.on_text))
    app.add_error_handler(messages.on_error)
