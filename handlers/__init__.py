"""The Telegram layer: handlers built from the command table, the reply sent back."""

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.commands import COMMANDS
from handlers import brief, messages


def register(app: Application) -> None:
    """Every handler, in the order Telegram updates are tried."""
    for command in COMMANDS:
        app.add_handler(CommandHandler(command.names, messages.on_command))
    app.add_handler(ChatMemberHandler(brief.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(messages.on_button))
    app.add_handler(MessageHandler(filters.COMMAND, messages.on_command))  # unknown commands
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, messages.on_text))
    app.add_error_handler(messages.on_error)
