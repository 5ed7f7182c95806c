"""The one place the python-telegram-bot Application is built."""

from __future__ import annotations

import logging
import os

# python-telegram-bot 22 warns until RetryAfter.retry_after is a timedelta; opt in now.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, Defaults

from bot.chat import COMMANDS, Chat
from bot.news import News
from bot.settings import Settings
from handlers import register
from handlers.brief import brief_tick_job
from handlers.feeds import poll_feeds_job

FEED_TICK_SECONDS = 60
# Telegram allows about 30 messages/s. A bucket of 30 refills during any pause (a database
# write, a 429) and then bursts past the limit, and every 429 pauses all sends: so one message
# per 1/29 s, evenly spaced, never a burst (measured in docs/benchmarks.md, "Daily brief fan-out").
OVERALL_RATE = 29
BRIEF_TICK_SECONDS = 20

log = logging.getLogger(__name__)


def build_application(settings: Settings, news: News) -> Application:
    """The bot, wired: defaults, rate limiter, handlers, and start-up and shutdown hooks."""

    async def post_init(app: Application) -> None:
        await news.open()
        await news.nlp()  # load spaCy now, not on the first user's message
        await app.bot.set_my_commands([BotCommand(name, what) for name, what, _ in COMMANDS])
        log.info("newsbrief is up as @%s", app.bot.username)

    async def post_shutdown(app: Application) -> None:
        await chat.poller.stop()
        await chat.briefs.stop()
        await news.close()

    app = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(AIORateLimiter(overall_max_rate=1, overall_time_period=1 / OVERALL_RATE, max_retries=3))
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    chat = app.bot_data["chat"] = Chat(news)
    register(app)
    # Each feed keeps its own schedule in the database; this tick starts the polls that are due.
    app.job_queue.run_repeating(poll_feeds_job, interval=FEED_TICK_SECONDS, first=5, name="poll feeds")
    # Subscriptions and the delivery log live in the database (JobQueue keeps nothing across
    # restarts); the first tick, at start, sends a brief missed while down if within the grace.
    app.job_queue.run_repeating(brief_tick_job, interval=BRIEF_TICK_SECONDS, first=1, name="daily briefs")
    return app
