"""The one place the python-telegram-bot Application is built."""

from __future__ import annotations

import logging
import os
import secrets
from urllib.parse import urlsplit

# python-telegram-bot 22 warns until RetryAfter.retry_after is a timedelta; opt in now.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError
from telegram.ext import Application, Defaults

from bot.commands import COMMANDS, Commands
from bot.health import HealthServer
from bot.i18n import ENGLISH, LANGUAGES, _, using
from bot.logs import setup_logging
from bot.services import Services
from bot.settings import Settings
from handlers import register
from handlers.context import CONTEXT_TYPES
from handlers.jobs import brief_tick_job, poll_feeds_job
from handlers.observe import CountingRateLimiter, ObservedApplication

# Telegram allows about 30 messages/s. A bucket of 30 refills during any pause (a database
# write, a 429) and then bursts past the limit, and every 429 pauses all sends: so one message
# per 1/29 s, evenly spaced, never a burst (measured in docs/benchmarks.md, "Daily brief fan-out").
OVERALL_RATE = 29
REJECTED = "Telegram rejected TELEGRAM_BOT_TOKEN; get a new one from @BotFather (send /token there)."

log = logging.getLogger(__name__)


async def set_menus(app: Application, operators: frozenset[int]) -> None:
    """Telegram's command menu: the commands for everyone, and with the operators' own in each
    operator's private chat; once in English (the default) and once per other language, which
    Telegram shows to users whose app is set to it."""
    for language in LANGUAGES:
        code = None if language == ENGLISH else language
        with using(language):
            public = [BotCommand(c.name, _(c.what)) for c in COMMANDS if c.listed and not c.operators_only]
            every = [BotCommand(c.name, _(c.what)) for c in COMMANDS if c.listed]
        await app.bot.set_my_commands(public, language_code=code)
        for user_id in sorted(operators):
            try:
                await app.bot.set_my_commands(every, scope=BotCommandScopeChat(user_id), language_code=code)
            except (BadRequest, Forbidden) as exc:  # an operator who never opened a chat with the bot
                log.warning("no operator menu for user %s: %s", user_id, exc.message)


def build_application(settings: Settings, services: Services) -> Application:
    """The bot, wired: defaults, rate limiter, handlers, and start-up and shutdown hooks."""

    health = HealthServer(services)

    async def post_init(app: Application) -> None:
        await services.open()
        await services.nlp()  # load spaCy now, not on the first user's message
        await set_menus(app, settings.admin_user_ids)
        log.info("newsbrief is up as @%s", app.bot.username)
        await health.start(settings.health_port, settings.health_listen)  # healthy once it can answer

    async def post_shutdown(app: Application) -> None:
        await health.stop()
        await commands.poller.stop()
        await commands.briefs.stop()
        await services.close()

    app = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .application_class(ObservedApplication)
        .rate_limiter(CountingRateLimiter(overall_max_rate=1, overall_time_period=1 / OVERALL_RATE, max_retries=3))
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    commands = app.bot_data.commands = Commands(services)
    register(app)
    # Each feed keeps its own schedule in the database; this tick starts the polls that are due.
    app.job_queue.run_repeating(poll_feeds_job, interval=settings.feed_tick_seconds, first=5, name="poll feeds")
    # Subscriptions and the delivery log live in the database (JobQueue keeps nothing across
    # restarts); the first tick, at start, sends a brief missed while down if within the grace.
    app.job_queue.run_repeating(brief_tick_job, interval=settings.brief_tick_seconds, first=1, name="daily briefs")
    return app


def serve(settings: Settings, *, webhook_url: str | None, port: int, listen: str) -> str | None:
    """Run the bot until it is stopped: long polling, or a webhook at `webhook_url`. Returns why
    it could not run, as one line with no secret in it."""
    # Chosen before logging starts, so that a generated secret is redacted too.
    webhook_secret = settings.webhook_secret or secrets.token_urlsafe(32)
    redact = setup_logging(
        settings.log_level, [settings.telegram_bot_token, webhook_secret], no_traceback=(InvalidToken, NetworkError)
    )
    app = build_application(settings, Services(settings))
    try:
        if webhook_url:
            app.run_webhook(
                listen=listen,
                port=port,
                url_path=urlsplit(webhook_url).path.lstrip("/"),
                webhook_url=webhook_url,
                secret_token=webhook_secret,
            )
        else:
            app.run_polling()
    except InvalidToken:
        return _rejected(settings.telegram_api_base_url)
    except NetworkError as exc:
        return f"Cannot reach the Telegram Bot API at {redact(settings.telegram_api_base_url)}: {redact(str(exc))}"
    return None


def _rejected(base_url: str) -> str:
    """Telegram answers 401 to a bad token, and 404 to a URL that is not the Bot API."""
    if urlsplit(base_url).hostname == "api.telegram.org":
        return REJECTED
    return f"{REJECTED} Or TELEGRAM_API_BASE_URL ({base_url}) is not a Bot API server."
