"""The Telegram layer: parse the update, call the chat core, send the reply."""

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from handlers import basic, brief, feeds, ingest, query, summarize


def register(app: Application) -> None:
    """Every handler, in the order Telegram updates are tried."""
    app.add_handler(CommandHandler(["start", "help"], basic.help_command))
    app.add_handler(CommandHandler("ingest", ingest.ingest_command))
    app.add_handler(CommandHandler("who", query.who_command))
    app.add_handler(CommandHandler("status", query.status_command))
    app.add_handler(CommandHandler("trend", query.trend_command))
    app.add_handler(CommandHandler("latest", query.latest_command))
    app.add_handler(CommandHandler("search", query.search_command))
    app.add_handler(CommandHandler("summarize", summarize.summarize_command))
    app.add_handler(CommandHandler("subscribe", brief.subscribe_command))
    app.add_handler(CommandHandler("unsubscribe", brief.unsubscribe_command))
    app.add_handler(CommandHandler("settings", brief.settings_command))
    app.add_handler(CommandHandler("topics", brief.topics_command))
    app.add_handler(CommandHandler("brief", brief.brief_command))
    app.add_handler(CommandHandler("channel", brief.channel_command))
    app.add_handler(CommandHandler("follow", brief.follow_command))
    app.add_handler(CommandHandler("unfollow", brief.unfollow_command))
    app.add_handler(CommandHandler("following", brief.following_command))
    app.add_handler(ChatMemberHandler(brief.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CommandHandler("feed", feeds.feed_command))
    app.add_handler(CommandHandler("feeds", feeds.feeds_command))
    app.add_handler(CallbackQueryHandler(basic.choice_callback))
    app.add_handler(MessageHandler(filters.COMMAND, basic.unknown_command))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, ingest.private_text))
    app.add_error_handler(basic.on_error)
