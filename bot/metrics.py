"""The bot's Prometheus metrics, served at GET /metrics (bot/health.py) when HEALTH_PORT is set."""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, Protocol, TypeVar

from prometheus_client import Counter, Histogram

UPDATES = Counter(
    "newsbrief_updates", "Telegram updates handled, by kind (the command, or text, button, …)", ["kind", "chat_type"]
)
UPDATE_SECONDS = Histogram("newsbrief_update_seconds", "Time to handle one Telegram update, the reply included")
REPLIES = Counter("newsbrief_replies", "Replies to chat commands (Telegram, console, ask), by command", ["command"])
INGESTED = Counter("newsbrief_ingested_articles", "Articles offered to ingest, by outcome", ["outcome"])
INGEST_SECONDS = Histogram(
    "newsbrief_ingest_seconds",
    "Time one ingest took (a chat /ingest, a feed's new entries, a file)",
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
FEED_POLLS = Counter("newsbrief_feed_polls", "Feed polls, by outcome (ok or failed)", ["outcome"])
BRIEFS = Counter("newsbrief_briefs", "Daily brief deliveries, by outcome (sent, paused, released)", ["outcome"])
RETRY_AFTER = Counter("newsbrief_telegram_retry_after", "Telegram 429 answers (RetryAfter: flood control)")

P = ParamSpec("P")


class IngestReport(Protocol):
    """What metrics read of bot.ingest.pipeline.Report (imported there, so not here)."""

    new: list[Any]
    duplicates: list[Any]
    failed: list[Any]


R = TypeVar("R", bound=IngestReport)


def measured_ingest(ingest: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Counts what an ingest stored, found stored already or could not store, and times it."""

    @functools.wraps(ingest)
    async def measured(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.monotonic()
        report = await ingest(*args, **kwargs)
        INGEST_SECONDS.observe(time.monotonic() - started)
        for outcome, articles in (("new", report.new), ("duplicate", report.duplicates), ("failed", report.failed)):
            INGESTED.labels(outcome).inc(len(articles))
        return report

    return measured


# Known outcomes start at 0, so a rate over them is defined before the first event.
for _outcome in ("new", "duplicate", "failed"):
    INGESTED.labels(_outcome)
for _outcome in ("ok", "failed"):
    FEED_POLLS.labels(_outcome)
for _outcome in ("sent", "paused", "released"):
    BRIEFS.labels(_outcome)
