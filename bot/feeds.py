"""/feeds and /feed: the operators' feeds, listed, added and removed (chat and command line)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.i18n import _
from bot.ingest.poll import Added, Poller
from bot.render import replies
from bot.render.html import esc, link
from bot.reply import Choice, Reply
from bot.services import Services
from bot.user_input import is_id, user_number
from domain.feeds import FeedRow
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
        action, _sep, rest = arg.strip().partition(" ")
        rest = rest.strip()
        if action.lower() == "add" and rest:
            url, _sep, name = rest.partition(" ")
            reply, _added = await self.add(url, name.strip() or None)
            return reply
        if action.lower() in ("remove", "rm", "delete") and rest:
            return await self.remove(rest)
        return Reply.of(
            _(
                "Use <code>/feed add &lt;url&gt; [name]</code> or <code>/feed remove &lt;id|url&gt;</code>; "
                "/feeds lists them."
            )
        )

    async def add(self, url: str, name: str | None, *, add: str = ADD, poll: bool = True) -> tuple[Reply, Added]:
        """Follow a feed, or offer the feeds a page advertises (as `add` commands). A new feed's
        first poll starts in the background unless `poll` is off (the caller polls it itself)."""
        added = await self.poller.add(url, name, claim=not poll)
        if added.error:
            failed = _("Could not add {url}: {error}").format(url=esc(without_userinfo(url)), error=esc(added.error))
            return Reply.of(failed), added
        if added.offers:
            commands = [(title or feed_url, f"{add} {feed_url}") for title, feed_url in added.offers[:8]]
            lines = [_("That page is not a feed, but it advertises {count}:").format(count=len(commands))]
            lines += [f"• {esc(title)}: <code>{esc(command)}</code>" for title, command in commands]
            choices = [
                Choice(_("Add {title}").format(title=title), command)
                for title, command in commands
                if command.startswith("/") and len(command.encode()) <= CALLBACK_LIMIT
            ]
            return Reply.of(*lines, choices=choices), added
        feed = added.feed
        assert feed is not None
        if added.existing:
            known = _("Already following feed #{id} {title}.").format(id=feed.id, title=link(feed.title, feed.url))
            return Reply.of(known), added
        if not poll:
            return Reply.of(_("Added feed #{id} {title}").format(id=feed.id, title=esc(feed.title))), added
        await self.poller.poll_due(wait=False)  # its first poll starts now, in the background
        settings = self.services.settings
        reply = Reply.of(
            _(
                "Added feed #{id} {title}. Polling it now: its newest {count} entries are stored, "
                "then new ones every {minutes} minutes. /feeds shows how it goes."
            ).format(
                id=feed.id,
                title=link(feed.title, feed.url),
                count=settings.feed_initial_items,
                minutes=f"{settings.feed_interval_minutes:g}",
            )
        )
        return reply, added

    async def remove(self, target: str) -> Reply:
        """Stop polling a feed, by id or URL; the articles it brought stay."""
        feed = await self.drop(target)
        if feed is None:
            return Reply.of(_("No feed {feed}. /feeds lists them.").format(feed=esc(target)))
        return Reply.of(
            _("Removed feed #{id} {title}. The articles it brought stay.").format(id=feed.id, title=esc(feed.title))
        )

    async def drop(self, target: str) -> FeedRow | None:
        """The feed with this id or URL, no longer polled; None if there is none. The terminal
        words its own replies (in CLI syntax), so it calls this rather than `remove`."""
        async with self.services.transaction() as session:
            feed_id = user_number(target.lstrip("#"))
            if feed_id is None:
                feed = await feed_rows.feed_by_url(session, target)
            else:
                feed = await feed_rows.get_feed(session, feed_id) if is_id(feed_id) else None
            if feed is not None:
                await feed_rows.remove_feed(session, feed.id)
        return feed
