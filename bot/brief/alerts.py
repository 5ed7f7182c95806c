"""Alerts for followed entities: new articles, one alert per chat and story, batched per chat."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

from bot.brief.deliver import Blocked, RetryLater, Sender, Transient
from bot.i18n import language_for, using
from bot.render.brief import alert
from bot.services import Services
from domain.briefs import AlertItem
from domain.chats import TELEGRAM_CHATS, Audience
from storage import briefs as rows
from storage import languages

log = logging.getLogger(__name__)


class Alerts:
    def __init__(self, news: Services, chats: Audience = TELEGRAM_CHATS) -> None:
        self.news = news
        self.chats = chats  # the bot alerts Telegram's chats, the console its own

    async def tick(self, sender: Sender, now: datetime | None = None) -> int:
        """Send what arrived since the last tick; the number of chats alerted. At most once:
        an alert whose send fails is not retried (the next brief carries the story anyway)."""
        async with self.news.transaction() as session:
            items = await rows.take_alerts(session, now or datetime.now(UTC), self.chats)
        by_chat: defaultdict[tuple[int, int], list[AlertItem]] = defaultdict(list)
        for item in items:
            by_chat[(item.chat_id, item.thread_id)].append(item)
        alerted = 0
        async with self.news.session() as session:
            spoken = await languages.chat_languages(session, [chat_id for chat_id, _thread in by_chat])
        default = self.news.settings.default_language
        for (chat_id, thread_id), chat_items in by_chat.items():
            try:
                with using(language_for(spoken.get(chat_id), default)):  # each chat's alert in its language
                    messages = alert(chat_items)
                for message in messages:
                    await sender.send(chat_id, thread_id, message)
                alerted += 1
            except (Blocked, RetryLater, Transient) as exc:
                log.info("alert to chat %s not sent: %s", chat_id, exc)
        return alerted
