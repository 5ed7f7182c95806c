"""The chat commands, without Telegram: text in, Reply out. Handlers and the console share it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.ingest.pipeline import CHAT_LIMIT, Report, Stored, article_text, ingest
from bot.ingest.poll import Poller
from bot.ingest.sources import from_text, from_url
from bot.ingest.text import canonical_url, without_controls, without_userinfo
from bot.news import News
from bot.nlp.analyze import analyze_texts
from bot.render import replies
from bot.render.chart import bar_chart
from bot.render.html import bold, esc, link
from bot.reply import Caller, Choice, Reply, Where
from bot.subscriptions import Subscriptions
from bot.summarize import NewsDocument, summarize
from bot.summarize.multi import REPEAT, MultiDocumentMMR
from storage import feeds as feed_rows
from storage import queries
from storage.models import Article

URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)  # control characters end a link
ENTITY_ID = re.compile(r"^#([0-9]+)$")
# ASCII digits only: str.isdigit() accepts "²", which int() refuses. Ids are PostgreSQL integers,
# so a larger number names nothing (and would overflow the bind on PostgreSQL and SQLite alike).
_NUMBER = re.compile(r"[0-9]{1,30}")
MAX_ID = 2**31 - 1
MAX_SUMMARY_SENTENCES = 20
MAX_LIST = 50
T = TypeVar("T")
MAX_CHOICES = 12  # buttons offered for an ambiguous name
MAX_ALSO = 5  # others of the same name offered under a direct answer
TREND_DAYS = 30

# (command, what it does, example) — the /help text and Telegram's command menu.
COMMANDS: list[tuple[str, str, str]] = [
    ("who", "who is this person or organisation", "/who Lavrov"),
    ("status", "what is happening in a place or on a topic", "/status Idlib"),
    ("summarize", "a short summary of an article", "/summarize 3 12"),
    ("trend", "a chart of daily articles about someone or something", "/trend Idlib"),
    ("latest", "the newest stored articles", "/latest 5"),
    ("search", "find articles by words", "/search ceasefire Syria"),
    ("ingest", "store an article from a link or pasted text", "/ingest https://example.com/story"),
    ("brief", "today's brief: the day's stories, summarized, with sources", "/brief"),
    (
        "subscribe",
        "a daily brief here at a local time, optionally on topics",
        "/subscribe 07:30 Europe/Berlin topics: Syria",
    ),
    ("unsubscribe", "stop this chat's daily brief", "/unsubscribe"),
    ("settings", "this chat's brief: time, zone, topics, next delivery", "/settings"),
    ("topics", "what this chat's brief favours", "/topics add energy, Ukraine"),
    ("follow", "an alert when a new article mentions someone or something", "/follow Lavrov"),
    ("unfollow", "stop those alerts", "/unfollow Lavrov"),
    ("following", "what this chat follows", "/following"),
    ("channel", "send the daily brief to a channel you and the bot administer", "/channel add @mychannel 08:00"),
    ("feeds", "the feeds I follow and their state (operators)", "/feeds"),
    ("feed", "add or remove a feed (operators)", "/feed add https://feeds.bbci.co.uk/news/rss.xml"),
    ("help", "what I can do", "/help"),
]
CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's callback data


def split_command(text: str) -> tuple[str, str]:
    """("/who@mybot Lavrov") -> ("who", "Lavrov")."""
    head, _, rest = text.strip().partition(" ")
    return head.lstrip("/").split("@", 1)[0].lower(), rest.strip()


def user_number(text: str) -> int | None:
    """A count or an id as typed ("12", "007"), or None when it is not ASCII digits."""
    text = text.strip()
    return int(text) if _NUMBER.fullmatch(text) else None


def is_id(number: int | None) -> bool:
    """Whether a row could have this id (a bound check before any lookup)."""
    return number is not None and 1 <= number <= MAX_ID


def clean_input(text: str) -> str:
    """User text without characters no store keeps (NUL, other control characters, lone surrogates)."""
    return without_controls(text, lines=True)


@dataclass
class Picked:
    """A name resolved: the entity answered (None: nothing matched, or the user must choose
    first), the others of that name, the choice to ask (`ask`), and the others as buttons."""

    hit: queries.EntityHit | None
    others: list[queries.EntityHit]
    ask: Reply | None
    also: list[Choice] = field(default_factory=list)

    @property
    def hits(self) -> list[queries.EntityHit]:
        return ([self.hit] if self.hit else []) + self.others


def _when(moment: datetime | None) -> datetime:
    return moment or datetime.min.replace(tzinfo=UTC)


class Chat:
    def __init__(self, news: News) -> None:
        self.news = news
        self.poller = Poller(news)
        self.briefs = Briefs(news)
        self.subscriptions = Subscriptions(news, self.briefs)
        self.alerts = Alerts(news)

    def caller(self, user_id: int | None) -> Caller:
        """A Telegram user, admin when listed in ADMIN_USER_IDS."""
        return Caller(user_id, user_id is not None and user_id in self.news.settings.admin_user_ids)

    # -- help -----------------------------------------------------------------------------
    async def help(self) -> Reply:
        blocks = [
            bold("newsbrief") + " reads the news for you: send me articles, then ask about "
            "the people, places and topics in them.",
            "",
        ]
        blocks += [f"/{name} — {esc(what)}\n    e.g. <code>{esc(example)}</code>" for name, what, example in COMMANDS]
        blocks.append("\nIn a private chat, a plain link is stored too.")
        return Reply.of(*blocks)

    async def unknown(self, command: str) -> Reply:
        return Reply.of(f"I don't know the command /{esc(command[:40])}. Send /help for the list.")

    async def plain_text(self, text: str) -> Reply:
        """A message that is no command: a link is stored, anything else gets a pointer."""
        match = URL.search(text)
        if match:
            return await self.ingest(match.group(0))
        return Reply.of("Send me a link to store it, or ask me something: /who, /status, /search. /help lists all.")

    # -- ingest ---------------------------------------------------------------------------
    async def ingest(self, arg: str, replied_text: str | None = None) -> Reply:
        content = arg.strip() or (replied_text or "").strip()
        if not content:
            return Reply.of("Send /ingest with a link or the article's text, or reply /ingest to a message.")
        if len(content) > self.news.settings.max_message_chars:
            return Reply.of(
                f"That is too long to paste ({len(content):,} characters; the limit is "
                f"{self.news.settings.max_message_chars:,}). Send a link instead."
            )
        if URL.fullmatch(content):
            report = await self._ingest_url(content)
        else:
            report = await ingest(self.news, [from_text(content, "message")])
        return self._ingest_reply(report)

    async def _ingest_url(self, url: str) -> Report:
        url = without_userinfo(url)  # never stored, nor shown in a failure's line
        async with self.news.session() as session:
            known = await queries.article_by_url(session, canonical_url(url))
        if known is not None:
            return Report(duplicates=[Stored(known.id, known.title, [], duplicate=True)])
        return await ingest(self.news, await from_url(self.news.fetcher, url), limit=CHAT_LIMIT)

    def _ingest_reply(self, report: Report) -> Reply:
        blocks: list[str] = []
        for item in report.new[:10]:
            blocks += replies.stored(item.id, item.title, item.entities, duplicate=False)
            if item.truncated:
                blocks.append(f"The text was too long: I kept its first {report.max_chars:,} characters.")
        for item in report.duplicates[:5]:
            if item.id:
                blocks += replies.stored(item.id, item.title, [], duplicate=True)
        for failure in report.failed[:5]:
            blocks.append(f"Could not store {esc(failure.origin)}: {esc(failure.reason)}")
        if len(report.new) + len(report.duplicates) + len(report.failed) > 1:
            blocks.append(report.line())
        if report.capped:
            blocks.append(
                f"That link has {report.offered:,} articles; I read only the first {report.limit:,}. "
                "To follow all of it, ask an operator to add it as a feed (/feed add)."
            )
        return Reply.of(*(blocks or ["Nothing to store there."]))

    # -- questions ------------------------------------------------------------------------
    async def _resolve(self, query: str) -> list[queries.EntityHit]:
        """Every entity the query may mean, most prominent first ("#12": that one entity)."""
        return (await self._pick(query, "who")).hits

    async def _pick(self, query: str, command: str) -> Picked:
        """The one resolve step of /who, /status, /trend and /follow: the entity meant (the
        prominent one, see queries.prominent) with the others as buttons under the answer, or,
        when several are comparably prominent, the choice to ask first."""
        async with self.news.session() as session:
            match = ENTITY_ID.match(query)
            if match:
                entity_id = user_number(match.group(1))
                hit = await queries.entity_by_id(session, entity_id) if is_id(entity_id) else None
                return Picked(hit, [], None)
            resolution = await queries.resolve(session, query)
        if resolution.hit is None and resolution.others:
            others = resolution.others[:MAX_CHOICES]
            ask = Reply.of(f"Which {esc(query[:100])} do you mean?", choices=self._buttons(others, command))
            return Picked(None, resolution.others, ask)
        return Picked(resolution.hit, resolution.others, None, self._buttons(resolution.others[:MAX_ALSO], command))

    @staticmethod
    def _buttons(hits: list[queries.EntityHit], command: str) -> list[Choice]:
        return [
            Choice(
                f"{h.name} ({replies.KIND_WORDS.get(h.kind, 'entity')}, {replies.articles_phrase(h.articles)})",
                f"/{command} #{h.id}",
            )
            for h in hits
        ]

    async def who(self, query: str) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of("Whom should I look up? For example: /who Lavrov")
        picked = await self._pick(query, "who")
        if picked.ask is not None:
            return picked.ask
        if picked.hit is None:
            return Reply.of(
                f"I have not read about {bold(query[:100])} yet. Try /search {esc(query[:100])}, "
                "or send me an article with /ingest."
            )
        async with self.news.session() as session:
            profile = await queries.profile(session, picked.hit)
        return Reply.of(*replies.who(profile), *replies.also(picked.others), choices=picked.also)

    async def status(self, query: str) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of("Which place or topic? For example: /status Idlib")
        picked = await self._pick(query, "status")
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
        async with self.news.session() as session:
            total, lines = await queries.topic_sentences(session, query)
        if not lines:
            return Reply.of(f"Nothing about {bold(query[:100])} in what I have read. Send me articles with /ingest.")
        return Reply.of(*replies.status(query[:100], None, total, lines[0].published_at, lines))

    async def _read(self, query: Callable[..., Awaitable[T]], *args: object) -> T:
        """One read-only query in a session of its own (so several can run at once)."""
        async with self.news.session() as session:
            return await query(session, *args)

    @staticmethod
    def _overview(about: dict[int, list[tuple[str, str]]], shown: list[queries.Cited]) -> list[str]:
        """Two sentences from the week's coverage, central and early (the default ranking across
        articles), other than the dated lines already shown."""
        if len(about) < 2:
            return []
        listed = {line.text for line in shown}
        documents = [
            NewsDocument([t for t, _ in rows if t not in listed], [w.split() for t, w in rows if t not in listed])
            for rows in about.values()
        ]
        return [documents[d].sentences[i] for d, i in MultiDocumentMMR(repeat=REPEAT)(documents, 2)]

    async def trend(self, query: str, days: int = TREND_DAYS) -> Reply:
        """The daily articles about X as a bar chart (the sparkline of /status, as a picture)."""
        query = query.strip()
        if not query:
            return Reply.of("A trend of what? For example: /trend Idlib")
        picked = await self._pick(query, "trend")
        if picked.ask is not None:
            return picked.ask
        hit = picked.hit
        if hit is None:
            return Reply.of(f"I have not read about {bold(query[:100])} yet.")
        async with self.news.session() as session:
            counts = await queries.daily_mentions(session, hit.ids, hit.last_seen, days) if hit.last_seen else []
        if not any(counts):
            return Reply.of(f"No dated articles about {bold(hit.name)} yet.")
        caption = replies.trend(counts, hit.last_seen, [])[0].strip()
        # The others of the name as buttons under the chart: another's trend is one tap away.
        return Reply.of(f"{bold(hit.name)} — {caption}", image=bar_chart(counts), choices=picked.also)

    async def latest(self, arg: str) -> Reply:
        count = user_number(arg) if arg.strip() else 10
        if count is None:
            return Reply.of(f"How many articles? Give a number up to {MAX_LIST}, for example: /latest 5")
        count = max(1, min(count, MAX_LIST))
        async with self.news.session() as session:
            articles = await queries.latest(session, count * 3)
        if not articles:
            return Reply.of("No articles yet. Send me a link or use /ingest.")
        # Near duplicates (one story from several outlets) make one line.
        stories: dict[int, list[Article]] = {}
        for article in articles:
            stories.setdefault(article.story_id or article.id, []).append(article)
        groups = list(stories.values())[:count]
        return Reply.of(*replies.article_list([g[0] for g in groups], "Latest articles", [g[1:] for g in groups]))

    async def search(self, words: str) -> Reply:
        if not re.search(r"\w", words):
            return Reply.of("Search for what? For example: /search ceasefire Syria")
        async with self.news.session() as session:
            articles = await queries.search(session, words, limit=10)
        if not articles:
            return Reply.of(f"No article contains {bold(words[:100])}.")
        return Reply.of(*replies.article_list(articles, f"Articles with “{words[:100]}”, newest first"))

    # -- summaries ------------------------------------------------------------------------
    async def summarize(self, arg: str, replied_text: str | None = None) -> Reply:
        parts = arg.split()
        count = 3
        first = user_number(parts[0]) if parts else None
        if first is not None and (len(parts) > 1 or replied_text):
            count = max(1, min(first, MAX_SUMMARY_SENTENCES))
            parts = parts[1:]
        target = " ".join(parts)
        article_id = user_number(target.lstrip("#"))
        if article_id is not None:
            return await self._summarize_stored(article_id, count)
        if URL.fullmatch(target):
            return await self._summarize_url(target, count)
        text = target or (replied_text or "")
        if not text.strip():
            return Reply.of(
                "Summarize what? Send /summarize with an article id or a link, or reply /summarize to a message."
            )
        if not any(char.isalpha() for char in text):  # a mistyped id ("-1", "²"), not an article
            return Reply.of(
                f"“{esc(text.strip()[:40])}” is neither an article id nor text I can summarize. /latest lists the ids."
            )
        if len(text) > self.news.settings.max_message_chars:
            return Reply.of(
                f"That is too long to paste ({len(text):,} characters; the limit is "
                f"{self.news.settings.max_message_chars:,}). Send a link, or /ingest it and /summarize its id."
            )
        document = await self.document_from_text(text)
        sentences = summarize(document, count) if document.sentences else []
        if not sentences:  # a word or two: no summary, rather than an empty one
            return Reply.of("There is no text to summarize there.")
        return Reply.of(*replies.summary(document.title or "Summary", sentences))

    async def document_from_text(self, text: str) -> NewsDocument:
        raw = from_text(text, "message")
        nlp = await self.news.nlp()
        (analysis,) = await asyncio.to_thread(analyze_texts, nlp, [article_text(raw.text)[0]])
        return NewsDocument.from_analysis(analysis, raw.title)

    async def stored_document(self, article_id: int) -> tuple[NewsDocument, Article] | None:
        if not is_id(article_id):
            return None
        async with self.news.session() as session:
            article = await queries.get_article(session, article_id)
            if article is None:
                return None
            rows = await queries.article_sentences(session, article_id)
        document = NewsDocument([text for text, _ in rows], [words for _, words in rows], article.title)
        return document, article

    async def _summarize_stored(self, article_id: int, count: int) -> Reply:
        found = await self.stored_document(article_id)
        if found is None:
            return Reply.of(f"There is no article #{article_id}. /latest lists the ids.")
        document, article = found
        source = replies.cite(article.title, article.source, article.url, article.id)
        return Reply.of(*replies.summary(article.title, summarize(document, count), source))

    async def _summarize_url(self, url: str, count: int) -> Reply:
        report = await self._ingest_url(url)
        stored = next((s for s in report.new + report.duplicates if s.id), None)
        if stored is None:
            reason = report.failed[0].reason if report.failed else "no article found there"
            return Reply.of(f"Could not read {link(url, url)}: {esc(reason)}")
        return await self._summarize_stored(stored.id, count)

    # -- follows --------------------------------------------------------------------------
    async def follow(self, query: str, caller: Caller, where: Where | None) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of("Follow whom or what? For example: /follow Lavrov")
        picked = await self._pick(query, "follow")
        if picked.ask is not None:
            return picked.ask
        if picked.hit is None:
            return Reply.of(f"I have not read about {bold(query[:100])} yet, so I cannot follow it.")
        reply = await self.subscriptions.follow_entity(picked.hit.id, picked.hit.name, caller, where)
        reply.choices += picked.also  # another of the name is one tap away
        return reply

    async def unfollow(self, query: str, caller: Caller, where: Where | None) -> Reply:
        hits = await self._resolve(query.strip()) if query.strip() else []
        if not hits:
            return Reply.of("Unfollow whom? /following lists what this chat follows.")
        ids = [entity_id for hit in hits for entity_id in hit.ids]
        return await self.subscriptions.unfollow_entity(ids, hits[0].name, caller, where)

    # -- feeds (operators) ----------------------------------------------------------------
    @staticmethod
    def _refused() -> Reply:
        return Reply.of("Only the bot's operators can do that (their Telegram ids are in ADMIN_USER_IDS).")

    async def feeds(self, caller: Caller, arg: str = "") -> Reply:
        """/feeds [page]: a page of feeds, broken ones first, and how many there are."""
        if not caller.admin:
            return self._refused()
        broken_after = self.news.settings.feed_broken_after
        wanted = arg.strip().lstrip("#")
        async with self.news.session() as session:
            total, broken = await feed_rows.count_feeds(session, broken_after)
            pages = max(1, -(-total // replies.FEEDS_PER_PAGE))
            page = min(int(wanted), pages) if wanted.isascii() and wanted.isdigit() and len(wanted) < 10 else 1
            page = max(page, 1)
            states = await feed_rows.list_feeds(
                session,
                broken_after=broken_after,
                limit=replies.FEEDS_PER_PAGE,
                offset=(page - 1) * replies.FEEDS_PER_PAGE,
            )
        now = datetime.now(UTC)
        return Reply.of(*replies.feed_page(states, now, broken_after, page=page, total=total, broken=broken))

    async def feed(self, arg: str, caller: Caller) -> Reply:
        """/feed add <url> [name] · /feed remove <id|url>"""
        if not caller.admin:
            return self._refused()
        action, _, rest = arg.strip().partition(" ")
        rest = rest.strip()
        if action.lower() == "add" and rest:
            url, _, name = rest.partition(" ")
            return await self._add_feed(url, name.strip() or None)
        if action.lower() in ("remove", "rm", "delete") and rest:
            return await self._remove_feed(rest)
        return Reply.of(
            "Use <code>/feed add &lt;url&gt; [name]</code> or <code>/feed remove &lt;id|url&gt;</code>; "
            "/feeds lists them."
        )

    async def _add_feed(self, url: str, name: str | None) -> Reply:
        added = await self.poller.add(url, name)
        if added.error:
            return Reply.of(f"Could not add {esc(without_userinfo(url))}: {esc(added.error)}")
        if added.offers:
            commands = [(title or feed_url, f"/feed add {feed_url}") for title, feed_url in added.offers[:8]]
            lines = [f"That page is not a feed, but it advertises {len(commands)}:"]
            lines += [f"• {esc(title)}: <code>{esc(command)}</code>" for title, command in commands]
            choices = [
                Choice(f"Add {title}", command)
                for title, command in commands
                if len(command.encode()) <= CALLBACK_LIMIT
            ]
            return Reply.of(*lines, choices=choices)
        feed = added.feed
        assert feed is not None
        if added.existing:
            return Reply.of(f"Already following feed #{feed.id} {link(feed.title, feed.url)}.")
        await self.poller.poll_due(wait=False)  # its first poll starts now, in the background
        settings = self.news.settings
        return Reply.of(
            f"Added feed #{feed.id} {link(feed.title, feed.url)}. Polling it now: its newest "
            f"{settings.feed_initial_items} entries are stored, then new ones every "
            f"{settings.feed_interval_minutes:g} minutes. /feeds shows how it goes."
        )

    async def _remove_feed(self, target: str) -> Reply:
        async with self.news.transaction() as session:
            feed_id = user_number(target.lstrip("#"))
            if feed_id is None:
                feed = await feed_rows.feed_by_url(session, target)
            else:
                feed = await feed_rows.get_feed(session, feed_id) if is_id(feed_id) else None
            if feed is None:
                return Reply.of(f"No feed {esc(target)}. /feeds lists them.")
            await feed_rows.remove_feed(session, feed.id)
        return Reply.of(f"Removed feed #{feed.id} {esc(feed.title)}. The articles it brought stay.")

    # -- the console's way in -------------------------------------------------------------
    async def handle(
        self, text: str, replied_text: str | None = None, *, caller: Caller, where: Where | None = None
    ) -> Reply:
        """Answer one message as the bot would in a private chat (`where`: None in the console)."""
        text = clean_input(text)
        replied_text = clean_input(replied_text) if replied_text is not None else None
        if not text.strip().startswith("/"):
            return await self.plain_text(text)
        command, arg = split_command(text)
        subscriptions = self.subscriptions
        if command == "subscribe":
            return await subscriptions.subscribe(arg, caller, where)
        if command == "unsubscribe":
            return await subscriptions.unsubscribe(caller, where)
        if command == "settings":
            return await subscriptions.settings(where)
        if command == "topics":
            return await subscriptions.topics(arg, caller, where)
        if command == "brief":
            return await subscriptions.brief(where)
        if command == "follow":
            return await self.follow(arg, caller, where)
        if command == "unfollow":
            return await self.unfollow(arg, caller, where)
        if command == "following":
            return await subscriptions.following(where)
        if command in ("start", "help"):
            return await self.help()
        if command == "feed":
            return await self.feed(arg, caller)
        if command == "feeds":
            return await self.feeds(caller, arg)
        if command == "ingest":
            return await self.ingest(arg, replied_text)
        if command == "summarize":
            return await self.summarize(arg, replied_text)
        handler = {
            "who": self.who,
            "status": self.status,
            "trend": self.trend,
            "latest": self.latest,
            "search": self.search,
        }.get(command)
        if handler is None:
            return await self.unknown(command)
        return await handler(arg)
