"""Alerts for followed entities: new articles, one alert per chat and story, batched per chat."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

from bot.brief.deliver import Blocked, RetryLater, Sender, Transient
from bot.render.brief import alert
from bot.services import Services
from domain.briefs import AlertItem
from storage import briefs as rows

log = logging.getLogger(__name__)


class Alerts:
    def __init__(self, news: Services) -> None:
        self.news = news

    async def tick(self, sender: Sender, now: datetime | None = None) -> int:
        """Send what arrived since the last tick; the number of chats alerted. At most once:
        an alert whose send fails is not retried (the next brief carries the story anyway)."""
        async with self.news.transaction() as session:
            items = await rows.take_alerts(session, now or datetime.now(UTC))
        by_chat: defaultdict[tuple[int, int], list[AlertItem]] = defaultdict(list)
        for item in items:
            by_chat[(item.chat_id, item.thread_id)].append(item)
        alerted = 0
        for (chat_id, thread_id), chat_items in by_chat.items():
            try:
                for message in alert(chat_items):
                    await sender.send(chat_id, thread_id, message)
                alerted += 1
            except (Blocked, RetryLater, Transient) as exc:
                log.info("alert to chat %s not sent: %s", chat_id, exc)
        return alerted
