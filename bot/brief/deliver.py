"""Delivering the daily brief: planned from the database, claimed, sent message by message, once.

Every (subscription, local day) has one row in `deliveries`. Planning inserts it (a unique key,
so replicas and restarts cannot plan twice); a sender claims it (FOR UPDATE SKIP LOCKED on
PostgreSQL), stores the composed messages in it, and records each message as it goes out, so a
sender that dies mid-way is replaced by one that sends only what is left."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot import metrics
from bot.brief.stories import cluster, rank
from bot.i18n import language_for, using
from bot.render.brief import brief as render_brief
from bot.services import Services
from bot.summarize.document import NewsDocument
from bot.summarize.multi import REPEAT, MultiDocumentMMR
from domain.briefs import Story
from domain.chats import TELEGRAM_CHATS, Audience
from domain.languages import DEFAULT_LANGUAGE
from domain.schedule import last_occurrence, local_day, zone
from storage import briefs as rows
from storage import languages
from storage.models import Subscription

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a claim not refreshed for this long was left by a dead sender
BATCH = 200
SENDERS = 32  # chats sent to at once; the rate limiter paces them
RETRIES = 8
SUMMARY_SENTENCES = 2


class Blocked(Exception):
    """The chat takes no more messages from the bot (blocked, removed, chat gone)."""


class RetryLater(Exception):
    """Flood control: try again after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class Transient(Exception):
    """A network failure; the message may be tried again."""


class Sender(Protocol):
    async def send(self, chat_id: int, thread_id: int, text: str) -> None: ...


@dataclass
class TickReport:
    planned: int = 0
    skipped: int = 0
    sent: int = 0
    paused: int = 0
    released: int = 0


def _later(now: datetime) -> datetime:
    """The time to stamp a claim with: the tick's clock, or the wall clock once it is ahead
    (a tick's clock is set by the caller: tests run ticks at chosen times)."""
    return max(now, datetime.now(UTC))


def tz_of(subscription: Subscription) -> ZoneInfo:
    return zone(subscription.timezone) or ZoneInfo("UTC")


class Briefs:
    def __init__(self, news: Services, worker: str | None = None, chats: Audience = TELEGRAM_CHATS) -> None:
        self.news = news
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        # The bot plans and sends for Telegram's chats only, the console for its own chat only:
        # neither claims a delivery the other must make.
        self.chats = chats
        self.summarizer = MultiDocumentMMR(repeat=REPEAT)
        self._stories: dict[tuple[datetime, datetime], tuple[list[Story], int]] = {}
        self._running: asyncio.Task[TickReport] | None = None

    # -- composing ------------------------------------------------------------------------
    async def stories(self, since: datetime, until: datetime) -> tuple[list[Story], int]:
        """The window's stories (cached: every chat on the same schedule shares them)."""
        key = (since.replace(second=0, microsecond=0), until.replace(second=0, microsecond=0))
        if key not in self._stories:
            async with self.news.session() as session:
                articles = await rows.window_articles(session, since, until)
            if len(self._stories) > 64:
                self._stories.clear()
            self._stories[key] = (cluster(articles), len(articles))
        return self._stories[key]

    async def compose(self, topics: list[str], since: datetime, now: datetime, tz: ZoneInfo) -> list[str]:
        """The brief's messages for a chat with these topics, covering [since, now]."""
        stories, count = await self.stories(since, now)
        chosen = rank(stories, topics, now)[: self.news.settings.brief_stories]
        await self._summarize(chosen)
        return render_brief(chosen, now.astimezone(tz), count)

    async def _summarize(self, stories: list[Story]) -> None:
        todo = [story for story in stories if not story.summary]
        if not todo:
            return
        async with self.news.session() as session:
            sentences = await rows.sentences_of(session, [a.id for story in todo for a in story.articles])
        for story in todo:
            # Each article ranked with its own language's stop words and stemmer.
            documents = [
                NewsDocument(
                    [t for t, _ in sentences.get(a.id, [])],
                    [w.split() for _, w in sentences.get(a.id, [])],
                    language=a.language or DEFAULT_LANGUAGE,
                )
                for a in story.articles
            ]
            # The headline is the story's promise: its sentences are about it, from its own articles.
            first = min(story.articles, key=lambda a: (a.published_at, a.id))  # the headline's article
            picks = self.summarizer(
                documents, SUMMARY_SENTENCES, focus=re.findall(r"\w+", story.headline), focus_language=first.language
            )
            story.summary = [documents[d].sentences[i] for d, i in picks]

    # -- planning -------------------------------------------------------------------------
    async def plan(self, now: datetime) -> tuple[int, int]:
        """A delivery row for every subscription whose time has come today: pending within the
        grace window, else skipped (the bot was down too long) and logged."""
        grace = timedelta(minutes=self.news.settings.brief_grace_minutes)
        async with self.news.session() as session:
            subscriptions = await rows.active_subscriptions(session, self.chats)
            due: list[tuple[Subscription, datetime, str]] = []
            for subscription in subscriptions:
                tz = tz_of(subscription)
                occurrence = last_occurrence(now, subscription.hour, subscription.minute, tz)
                if occurrence >= subscription.created_at:
                    due.append((subscription, occurrence, local_day(occurrence, tz)))
            known = await rows.known_days(session, [(s.id, day) for s, _, day in due])
        new = []
        skipped = 0
        for subscription, occurrence, day in due:
            if (subscription.id, day) in known:
                continue
            late = now - occurrence > grace
            if late:
                skipped += 1
                log.warning(
                    "brief for chat %s on %s skipped: due %s, more than %s ago",
                    subscription.chat_id,
                    day,
                    occurrence.isoformat(timespec="minutes"),
                    grace,
                )
            new.append(
                {
                    "subscription_id": subscription.id,
                    "day": day,
                    "due_at": occurrence,
                    "status": "skipped" if late else "pending",
                    "messages_sent": 0,
                }
            )
        async with self.news.transaction() as session:
            await rows.add_deliveries(session, new)
        return len(new) - skipped, skipped

    # -- sending --------------------------------------------------------------------------
    async def tick(self, sender: Sender, now: datetime | None = None) -> TickReport:
        """Plan what is due, then send every claimable delivery."""
        now = now or datetime.now(UTC)
        report = TickReport()
        report.planned, report.skipped = await self.plan(now)
        self._stories.clear()
        gate = asyncio.Semaphore(SENDERS)

        async def one(delivery_id: int) -> None:
            async with gate:
                outcome = await self.deliver(delivery_id, sender, now)
            metrics.BRIEFS.labels(outcome).inc()
            setattr(report, outcome, getattr(report, outcome) + 1)

        while True:
            async with self.news.transaction() as session:
                claimed = await rows.claim(session, now, LEASE, self.worker, BATCH, self.chats)
            if not claimed:
                return report
            await asyncio.gather(*(one(delivery_id) for delivery_id in claimed))

    def start_tick(self, sender: Sender, also: Callable[[Sender], Awaitable[object]] | None = None) -> None:
        """Run a tick in the background unless one is still sending (the bot's scheduled job);
        `also` runs after it (the followed-entity alerts)."""

        async def run() -> TickReport:
            report = await self.tick(sender)
            if also is not None:
                await also(sender)
            return report

        if self._running is None or self._running.done():
            self._running = asyncio.create_task(run(), name="brief tick")

    async def stop(self) -> None:
        if self._running is not None and not self._running.done():
            self._running.cancel()
            await asyncio.gather(self._running, return_exceptions=True)

    async def deliver(self, delivery_id: int, sender: Sender, now: datetime) -> str:
        """Send what is left of one claimed delivery; "sent", "paused" or "released"."""
        async with self.news.session() as session:
            delivery, subscription = await rows.delivery_with_subscription(session, delivery_id)
            # The previous brief bounds this one's window; a resumed delivery has its messages.
            since = await rows.last_sent(session, subscription.id, delivery.day) if delivery.messages is None else None
        if delivery.messages is None:
            floor = delivery.due_at - timedelta(hours=48)
            start = max(since, floor) if since else delivery.due_at - timedelta(hours=24)
            with using(await self.language(subscription.chat_id)):  # the brief in the chat's language
                messages = await self.compose(subscription.topic_list, start, now, tz_of(subscription))
            async with self.news.transaction() as session:
                await rows.set_delivery(session, delivery_id, messages=messages)
        else:
            messages = json.loads(delivery.messages)
        for index in range(delivery.messages_sent, len(messages)):
            try:
                await self._send(sender, subscription, messages[index])
            except Blocked as exc:
                async with self.news.transaction() as session:
                    await rows.pause_chat(session, subscription.chat_id, str(exc))
                    await rows.set_delivery(session, delivery_id, status="failed", error=str(exc)[:500])
                log.info("chat %s paused: %s", subscription.chat_id, exc)
                return "paused"
            except (RetryLater, Transient) as exc:
                # Still flooded or unreachable after every retry: left claimed, so it is taken up
                # again once the lease runs out (not at once, by this same tick).
                async with self.news.transaction() as session:
                    await rows.set_delivery(session, delivery_id, claimed_at=_later(now), error=str(exc)[:500])
                return "released"
            async with self.news.transaction() as session:
                await rows.set_delivery(session, delivery_id, messages_sent=index + 1, claimed_at=_later(now))
        async with self.news.transaction() as session:
            await rows.set_delivery(session, delivery_id, status="sent", sent_at=datetime.now(UTC), error=None)
        return "sent"

    async def language(self, chat_id: int) -> str:
        """The chat's language (chosen with /language, or noted at /subscribe), else DEFAULT_LANGUAGE."""
        async with self.news.session() as session:
            stored = await languages.chat_languages(session, [chat_id])
        return language_for(stored.get(chat_id), self.news.settings.default_language)

    async def _send(self, sender: Sender, subscription: Subscription, text: str) -> None:
        for attempt in range(RETRIES):
            try:
                await sender.send(subscription.chat_id, subscription.thread_id, text)
                return
            except RetryLater as exc:
                if attempt == RETRIES - 1:
                    raise
                await asyncio.sleep(exc.seconds)
            except Transient:
                if attempt == RETRIES - 1:
                    raise
                await asyncio.sleep(min(2**attempt, 30))
