"""Questions answered from the store: /who, /status, /trend, /latest, /search."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from bot import deep_links
from bot.choose import resolve_or_choose
from bot.i18n import _
from bot.render import replies
from bot.render.chart import trend_chart
from bot.render.html import bold, esc
from bot.reply import Reply
from bot.services import Services
from bot.summarize import NewsDocument
from bot.summarize.multi import REPEAT, MultiDocumentMMR
from bot.user_input import user_number
from domain.languages import DEFAULT_LANGUAGE
from storage import queries
from storage.models import Article

MAX_LIST = 50
TREND_DAYS = 30
T = TypeVar("T")


def _when(moment: datetime | None) -> datetime:
    return moment or datetime.min.replace(tzinfo=UTC)


class Questions:
    """What the bot knows about a name, a place or a topic, and which articles it has."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def who(self, query: str, bot_username: str | None = None) -> Reply:
        """The profile of the name meant, with a link to share it when the bot has a Telegram @name."""
        query = query.strip()
        if not query:
            return Reply.of(_("Whom should I look up? For example: /who Lavrov"))
        picked = await resolve_or_choose(self.services, query, "who", people_first=True)
        if picked.ask is not None:
            return picked.ask
        if picked.hit is None:
            return Reply.of(
                _("I have not read about {name} yet. Try /search {words}, or send me an article with /ingest.").format(
                    name=bold(query[:100]), words=esc(query[:100])
                )
            )
        async with self.services.session() as session:
            profile = await queries.profile(session, picked.hit)
        share = deep_links.share_url(bot_username, "who", picked.hit.name) if bot_username else None
        return Reply.of(*replies.who(profile), *replies.also(picked.others), *replies.share(share), choices=picked.also)

    async def status(self, query: str) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of(_("Which place or topic? For example: /status Idlib"))
        picked = await resolve_or_choose(self.services, query, "status")
        if picked.ask is not None:
            return picked.ask
        if picked.hit is not None:
            hit = picked.hit
            # Independent reads, each in its own session, side by side: the reply waits for the
            # slowest, not for their sum.
            lines, named, about, involved = await asyncio.gather(
                self._read(queries.entity_sentences, hit.ids),
                # The model misses some mentions (a headline in title case, a name it does not
                # know): sentences of the newest articles that use the name itself count too.
                self._read(queries.named_sentences, hit.name, (hit.last_seen or datetime.now(UTC)) - timedelta(days=1)),
                self._read(queries.overview_sentences, hit.ids),
                self._read(queries.related, hit.ids),
            )
            lines = queries.merge_cited(lines, named)
            last_seen = max([hit.last_seen, *(line.published_at for line in lines)], key=_when)
            daily = await self._read(queries.daily_mentions, hit.ids, last_seen) if last_seen else []
            blocks = replies.status(hit.name, hit.kind, hit.articles, last_seen, lines)
            blocks += replies.overview(self._overview(about, lines), len(about))
            blocks += replies.trend(daily, last_seen, involved)
            return Reply.of(*blocks, *replies.also(picked.others), choices=picked.also)
        async with self.services.session() as session:
            total, lines = await queries.topic_sentences(session, query)
        if not lines:
            return Reply.of(
                _("Nothing about {name} in what I have read. Send me articles with /ingest.").format(
                    name=bold(query[:100])
                )
            )
        return Reply.of(*replies.status(query[:100], None, total, lines[0].published_at, lines))

    async def _read(self, query: Callable[..., Awaitable[T]], *args: object) -> T:
        """One read-only query in a session of its own (so several can run at once)."""
        async with self.services.session() as session:
            return await query(session, *args)

    @staticmethod
    def _overview(about: dict[tuple[int, str | None], list[tuple[str, str]]], shown: list[queries.Cited]) -> list[str]:
        """Two sentences from the week's coverage, central and early (the default ranking across
        articles, each article with its own language's stop words), other than the dated lines
        already shown."""
        if len(about) < 2:
            return []
        listed = {line.text for line in shown}
        documents = [
            NewsDocument(
                [t for t, _ in rows if t not in listed],
                [w.split() for t, w in rows if t not in listed],
                language=language or DEFAULT_LANGUAGE,
            )
            for (_, language), rows in about.items()
        ]
        return [documents[d].sentences[i] for d, i in MultiDocumentMMR(repeat=REPEAT)(documents, 2)]

    async def trend(self, query: str, days: int = TREND_DAYS) -> Reply:
        """The daily articles about X as a bar chart (the sparkline of /status, as a picture)."""
        query = query.strip()
        if not query:
            return Reply.of(_("A trend of what? For example: /trend Idlib"))
        picked = await resolve_or_choose(self.services, query, "trend")
        if picked.ask is not None:
            return picked.ask
        hit = picked.hit
        if hit is None:
            return Reply.of(_("I have not read about {name} yet.").format(name=bold(query[:100])))
        async with self.services.session() as session:
            counts = await queries.daily_mentions(session, hit.ids, hit.last_seen, days) if hit.last_seen else []
        if not any(counts):
            return Reply.of(_("No dated articles about {name} yet.").format(name=bold(hit.name)))
        caption = replies.trend(counts, hit.last_seen, [])[0].strip()
        # Drawing takes a moment (matplotlib's first import, most of all): off the event loop.
        image = await asyncio.to_thread(trend_chart, counts, hit.last_seen.date(), hit.name)
        # The others of the name as buttons under the chart: another's trend is one tap away.
        return Reply.of(f"{bold(hit.name)} — {caption}", image=image, choices=picked.also)

    async def latest(self, arg: str) -> Reply:
        count = user_number(arg) if arg.strip() else 10
        if count is None:
            return Reply.of(
                _("How many articles? Give a number up to {most}, for example: /latest 5").format(most=MAX_LIST)
            )
        count = max(1, min(count, MAX_LIST))
        async with self.services.session() as session:
            articles = await queries.latest(session, count * 3)
        if not articles:
            return Reply.of(_("No articles yet. Send me a link or use /ingest."))
        # Near duplicates (one story from several outlets) make one line.
        stories: dict[int, list[Article]] = {}
        for article in articles:
            stories.setdefault(article.story_id or article.id, []).append(article)
        groups = list(stories.values())[:count]
        return Reply.of(*replies.article_list([g[0] for g in groups], _("Latest articles"), [g[1:] for g in groups]))

    async def search(self, words: str) -> Reply:
        if not re.search(r"\w", words):
            return Reply.of(_("Search for what? For example: /search ceasefire Syria"))
        async with self.services.session() as session:
            articles = await queries.search(session, words, limit=10)
        if not articles:
            return Reply.of(_("No article contains {words}.").format(words=bold(words[:100])))
        heading = _("Articles with “{words}”, newest first").format(words=words[:100])
        return Reply.of(*replies.article_list(articles, heading))
