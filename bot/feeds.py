"""/feeds and /feed: the operators' feeds, listed, added and removed (chat and command line)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ingest.poll import Added, Poller
from bot.render import replies
from bot.render.html import esc, link
from bot.reply import Choice, Reply
from bot.services import Services
from bot.user_input import is_id, user_number
from domain.text import without_userinfo
from storage import feeds as feed_rows

CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's callback data
ADD = "/feed add"


class Feeds:
    """The feeds the bot polls; the guard (operators only) is the command table's."""

    def __init__(self, services: Services, poller: Poller) -> None:
        self.services = services
        self.poller = poller

    async def page(self, arg: str = "") -> Reply:
        """/feeds [page]: a page of feeds, broken ones first, and how many there are."""
        broken_after = self.services.settings.feed_broken_after
        wanted = arg.strip().lstrip("#")
        async with self.services.session() as session:
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

    async def feed(self, arg: str) -> Reply:
        """/feed add <url> [name] · /feed remove <id|url>"""
        action, _, rest = arg.strip().partition(" ")
        rest = rest.strip()
        if action.lower() == "add" and rest:
            url, _, name = rest.partition(" ")
            reply, _ = await self.add(url, name.strip() or None)
            return reply
        if action.lower() in ("remove", "rm", "delete") and rest:
            return await self.remove(rest)
        return Reply.of(
            "Use <code>/feed add &lt;url&gt; [name]</code> or <code>/feed remove &lt;id|url&gt;</code>; "
            "/feeds lists them."
        )

    async def add(self, url: str, name: str | None, *, add: str = ADD, poll: bool = True) -> tuple[Reply, Added]:
        """Follow a feed, or offer the feeds a page advertises (as `add` commands). A new feed's
        first poll starts in the background unless `poll` is off (the caller polls it itself)."""
        added = await self.poller.add(url, name, claim=not poll)
        if added.error:
            return Reply.of(f"Could not add {esc(without_userinfo(url))}: {esc(added.error)}"), added
        if added.offers:
            commands = [(title or feed_url, f"{add} {feed_url}") for title, feed_url in added.offers[:8]]
            lines = [f"That page is not a feed, but it advertises {len(commands)}:"]
            lines += [f"• {esc(title)}: <code>{esc(command)}</code>" for title, command in commands]
            choices = [
                Choice(f"Add {title}", command)
                for title, command in commands
                if command.startswith("/") and len(command.encode()) <= CALLBACK_LIMIT
            ]
            return Reply.of(*lines, choices=choices), added
        feed = added.feed
        assert feed is not None
        if added.existing:
            return Reply.of(f"Already following feed #{feed.id} {link(feed.title, feed.url)}."), added
        if not poll:
            return Reply.of(f"Added feed #{feed.id} {esc(feed.title)}"), added
        await self.poller.poll_due(wait=False)  # its first poll starts now, in the background
        settings = self.services.settings
        reply = Reply.of(
            f"Added feed #{feed.id} {link(feed.title, feed.url)}. Polling it now: its newest "
            f"{settings.feed_initial_items} entries are stored, then new ones every "
            f"{settings.feed_interval_minutes:g} minutes. /feeds shows how it goes."
        )
        return reply, added

    async def remove(self, target: str) -> Reply:
        """Stop polling a feed, by id or URL; the articles it brought stay."""
        async with self.services.transaction() as session:
            feed_id = user_number(target.lstrip("#"))
            if feed_id is None:
                feed = await feed_rows.feed_by_url(session, target)
            else:
                feed = await feed_rows.get_feed(session, feed_id) if is_id(feed_id) else None
            if feed is None:
                return Reply.of(f"No feed {esc(target)}. /feeds lists them.")
            await feed_rows.remove_feed(session, feed.id)
        return Reply.of(f"Removed feed #{feed.id} {esc(feed.title)}. The articles it brought stay.")
