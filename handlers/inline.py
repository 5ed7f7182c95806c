"""Inline mode: `@bot Lavrov` in any chat offers the /who answer (and `@bot status Idlib` the
/status one) as results to send there."""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode

from bot import inline
from bot.i18n import language_for, using
from handlers.context import Context

CACHE_SECONDS = 30  # the same query from anyone reuses the answer briefly: new articles show soon


async def on_inline_query(update: Update, context: Context) -> None:
    """Answer an inline query with the core's results, or a hint that opens a chat with the bot."""
    query = update.inline_query
    if query is None:
        return
    # In the asker's Telegram language (an inline query comes from no chat of the bot's).
    with using(language_for(query.from_user.language_code if query.from_user else None)):
        found = await inline.answer(context.bot_data.commands.questions, query.query)
    results = [
        InlineQueryResultArticle(
            id=result.id,
            title=result.title,
            description=result.description,
            input_message_content=InputTextMessageContent(
                result.html, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            ),
        )
        for result in found.results
    ]
    button = InlineQueryResultsButton(found.hint, start_parameter=inline.START) if found.hint else None
    # Personal: the answers are in the asker's language, and Telegram would otherwise show one
    # user's cached answer (in Russian, say) to everyone who types the same words.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button)
