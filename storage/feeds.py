"""Feed rows: subscriptions, their poll state, and the entries each has listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Article, Feed, FeedItem
from storage.writes import insert_for


@dataclass
class FeedState:
    feed: Feed
    stored: int  # articles this feed brought


async def add_feed(session: AsyncSession, url: str, title: str, site_url: str | None, now: datetime) -> Feed:
    feed = Feed(url=url, title=title[:300], site_url=site_url, added_at=now, next_poll_at=now, min_interval=0, errors=0)
    session.add(feed)
    await session.flush()
    return feed


async def get_feed(session: AsyncSession, feed_id: int) -> Feed | None:
    return await session.get(Feed, feed_id)


async def feed_by_url(session: AsyncSession, url: str) -> Feed | None:
    return await session.scalar(select(Feed).where(Feed.url == url))


async def remove_feed(session: AsyncSession, feed_id: int) -> bool:
    """Unsubscribe; the articles it brought stay."""
    result = await session.execute(delete(Feed).where(Feed.id == feed_id))
    return bool(result.rowcount)


async def list_feeds(session: AsyncSession) -> list[FeedState]:
    stored = (
        select(FeedItem.feed_id, func.count(FeedItem.article_id).label("n"))
        .where(FeedItem.article_id.is_not(None))
        .group_by(FeedItem.feed_id)
        .subquery()
    )
    rows = await session.execute(
        select(Feed, func.coalesce(stored.c.n, 0)).outerjoin(stored, stored.c.feed_id == Feed.id).order_by(Feed.id)
    )
    return [FeedState(feed, count) for feed, count in rows]


async def due_feeds(session: AsyncSession, now: datetime) -> list[int]:
    return list(await session.scalars(select(Feed.id).where(Feed.next_poll_at <= now).order_by(Feed.next_poll_at)))


async def seen_guids(session: AsyncSession, feed_id: int, guids: list[str]) -> set[str]:
    """Which of these entries the feed has listed before."""
    if not guids:
        return set()
    rows = await session.scalars(select(FeedItem.guid).where(FeedItem.feed_id == feed_id, FeedItem.guid.in_(guids)))
    return set(rows)


async def articles_for_guids(session: AsyncSession, guids: list[str]) -> dict[str, int]:
    """Articles other feeds already stored for these GUIDs."""
    if not guids:
        return {}
    rows = await session.execute(
        select(FeedItem.guid, FeedItem.article_id).where(FeedItem.guid.in_(guids), FeedItem.article_id.is_not(None))
    )
    return {guid: article_id for guid, article_id in rows}


async def articles_for_urls(session: AsyncSession, urls: list[str]) -> dict[str, int]:
    if not urls:
        return {}
    rows = await session.execute(select(Article.url, Article.id).where(Article.url.in_(urls)))
    return {url: article_id for url, article_id in rows}


async def record_items(session: AsyncSession, feed_id: int, items: dict[str, int | None], now: datetime) -> None:
    """Remember entries as seen (guid -> the article stored for it, if any)."""
    if items:
        # Another poll of the same feed (the CLI while the bot runs) may have recorded some.
        await session.execute(
            insert_for(session)(FeedItem).on_conflict_do_nothing(),
            [{"feed_id": feed_id, "guid": guid, "article_id": id_, "seen_at": now} for guid, id_ in items.items()],
        )


async def update_feed(session: AsyncSession, feed_id: int, **values: object) -> None:
    await session.execute(update(Feed).where(Feed.id == feed_id).values(**values))
