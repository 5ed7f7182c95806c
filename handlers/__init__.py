"""The Telegram layer: parse the update, call the chat core, send the reply."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import basic, feeds, ingest, query, summarize


def register(app: Application) -> None:
    """Every handler, in the order Telegram updates are tried."""
    app.add_handler(CommandHandler(["start", "help"], basic.help_command))
    app.add_handler(CommandHandler("ingest", ingest.ingest_command))
    app.add_handler(CommandHandler("who", query.who_command))
    app.add_handler(CommandHandler("status", query.status_command))
    app.add_handler(CommandHandler("latest", query.latest_command))
    app.add_handler(CommandHandler("search", query.search_command))
    app.add_handler(CommandHandler("summarize", summarize.summarize_command))
    app.add_handler(CommandHandler("feed", feeds.feed_command))
    app.add_handler(CommandHandler("feeds", feeds.feeds_command))
    app.add_handler(CallbackQueryHandler(basic.choice_callback))
    app.add_handler(MessageHandler(filters.COMMAND, basic.unknown_command))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, ingest.private_text))
    app.add_error_handler(basic.on_error)
