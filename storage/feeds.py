"""Feed rows: subscriptions, their poll state, and the entries each has listed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.feeds import FeedState
from storage.models import Article, Feed, FeedItem, PageClaim
from storage.writes import fitted, insert_for

T = TypeVar("T")
# Values bound in one query: PostgreSQL takes at most 32,767 parameters, and a feed may list 40,000 entries.
CHUNK = 1000


def _chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    # itertools.batched comes with Python 3.12; the project supports 3.11.
    for start in range(0, len(values), size):
        yield values[start : start + size]


async def add_feed(
    session: AsyncSession,
    url: str,
    title: str,
    site_url: str | None,
    now: datetime,
    claimed_until: datetime | None = None,
) -> Feed:
    """Subscribe; the first poll is due now, or, claimed for the caller's own poll, after the lease."""
    values = fitted(Feed, {"url": url, "title": title, "site_url": site_url})
    feed = Feed(**values, added_at=now, next_poll_at=claimed_until or now, min_interval=0, errors=0)
    session.add(feed)
    await session.flush()
    return feed


async def add_feeds(session: AsyncSession, feeds: list[tuple[str, str]], now: datetime) -> list[Feed]:
    """Subscribe to many (url, title) at once (an OPML import), each due for its first poll now."""
    added = [
        Feed(**fitted(Feed, {"url": url, "title": title}), added_at=now, next_poll_at=now, min_interval=0, errors=0)
        for url, title in feeds
    ]
    session.add_all(added)
    await session.flush()
    return added


async def known_urls(session: AsyncSession, urls: list[str]) -> set[str]:
    """Which of these feed URLs are followed already."""
    known: set[str] = set()
    for chunk in _chunks(urls):
        known.update(await session.scalars(select(Feed.url).where(Feed.url.in_(chunk))))
    return known


async def get_feed(session: AsyncSession, feed_id: int) -> Feed | None:
    return await session.get(Feed, feed_id)


async def feed_by_url(session: AsyncSession, url: str) -> Feed | None:
    return await session.scalar(select(Feed).where(Feed.url == url))


async def remove_feed(session: AsyncSession, feed_id: int) -> bool:
    """Unsubscribe; the articles it brought stay."""
    result = await session.execute(delete(Feed).where(Feed.id == feed_id))
    return bool(result.rowcount)


async def list_feeds(
    session: AsyncSession, *, broken_after: int | None = None, limit: int | None = None, offset: int = 0
) -> list[FeedState]:
    """Every feed by id; with broken_after, the broken ones (that many failed polls in a row) first.
    limit and offset take one page."""
    stored = (
        select(FeedItem.feed_id, func.count(FeedItem.article_id).label("n"))
        .where(FeedItem.article_id.is_not(None))
        .group_by(FeedItem.feed_id)
        .subquery()
    )
    order = [Feed.id] if broken_after is None else [case((Feed.errors >= broken_after, 0), else_=1), Feed.id]
    query = select(Feed, func.coalesce(stored.c.n, 0)).outerjoin(stored, stored.c.feed_id == Feed.id).order_by(*order)
    rows = await session.execute(query.limit(limit).offset(offset))
    return [FeedState(feed, count) for feed, count in rows]


async def count_feeds(session: AsyncSession, broken_after: int) -> tuple[int, int]:
    """How many feeds there are, and how many of them are broken."""
    total, broken = (
        await session.execute(select(func.count(Feed.id), func.count(Feed.id).filter(Feed.errors >= broken_after)))
    ).one()
    return total, broken


async def claim_due_feeds(
    session: AsyncSession, now: datetime, lease_until: datetime, latest: datetime | None = None, limit: int = 1
) -> list[int]:
    """Take up to `limit` feeds whose poll time has come, the longest waiting first; with latest,
    also those scheduled after it (an older version obeyed refresh hints of years).

    The claim is the schedule itself: next_poll_at moves to `lease_until`, so no other replica
    sees the feed due until its poll reschedules it, or, if the poller died, until the lease
    runs out. One UPDATE ... RETURNING: on PostgreSQL the inner SELECT ... FOR UPDATE SKIP
    LOCKED lets replicas claim side by side; SQLite runs one writer at a time (BEGIN IMMEDIATE)."""
    due = Feed.next_poll_at <= now
    if latest is not None:
        due = or_(due, Feed.next_poll_at > latest)
    candidates = (
        select(Feed.id).where(due).order_by(Feed.next_poll_at, Feed.id).limit(limit).with_for_update(skip_locked=True)
    )
    claimed = await session.scalars(
        update(Feed)
        .where(Feed.id.in_(candidates.scalar_subquery()), due)
        .values(next_poll_at=lease_until)
        .returning(Feed.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed)


async def seen_guids(session: AsyncSession, feed_id: int, guids: list[str]) -> set[str]:
    """Which of these entries the feed has listed before."""
    seen: set[str] = set()
    for chunk in _chunks(guids):
        query = select(FeedItem.guid).where(FeedItem.feed_id == feed_id, FeedItem.guid.in_(chunk))
        seen.update(await session.scalars(query))
    return seen


async def articles_for_guids(session: AsyncSession, guids: list[str]) -> dict[str, int]:
    """Articles other feeds already stored for these GUIDs."""
    found: dict[str, int] = {}
    for chunk in _chunks(guids):
        query = select(FeedItem.guid, FeedItem.article_id).where(
            FeedItem.guid.in_(chunk), FeedItem.article_id.is_not(None)
        )
        found.update({guid: article_id for guid, article_id in await session.execute(query)})
    return found


async def articles_for_urls(session: AsyncSession, urls: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(urls):
        rows = await session.execute(select(Article.url, Article.id).where(Article.url.in_(chunk)))
        found.update({url: article_id for url, article_id in rows})
    return found


async def record_items(session: AsyncSession, feed_id: int, items: dict[str, int | None], now: datetime) -> None:
    """Remember entries as seen (guid -> the article stored for it, if any)."""
    rows = [
        fitted(FeedItem, {"feed_id": feed_id, "guid": guid, "article_id": id_, "seen_at": now})
        for guid, id_ in items.items()
    ]
    for chunk in _chunks(rows):
        # Another poll of the same feed (the CLI while the bot runs) may have recorded some.
        await session.execute(insert_for(session)(FeedItem).on_conflict_do_nothing(), list(chunk))


async def update_feed(session: AsyncSession, feed_id: int, **values: object) -> None:
    # An ETag or Last-Modified too long for its column is not kept, so not sent back: the next
    # poll fetches the whole feed, instead of every poll failing to save its state.
    await session.execute(update(Feed).where(Feed.id == feed_id).values(**fitted(Feed, values)))


async def claim_pages(session: AsyncSession, urls: list[str], now: datetime, until: datetime) -> set[str]:
    """The pages of `urls` this poller may fetch: those no other poller is fetching (a claim
    past its lease is taken over). The caller releases them once the articles are stored."""
    if not urls:
        return set()
    claimed: set[str] = set()
    for chunk in _chunks(sorted(set(urls))):
        await session.execute(delete(PageClaim).where(PageClaim.url.in_(chunk), PageClaim.claimed_until < now))
        insert = insert_for(session)(PageClaim).values([{"url": url, "claimed_until": until} for url in chunk])
        rows = await session.execute(insert.on_conflict_do_nothing(index_elements=["url"]).returning(PageClaim.url))
        claimed.update(rows.scalars())
    return claimed


async def release_pages(session: AsyncSession, urls: list[str]) -> None:
    for chunk in _chunks(sorted(set(urls))):
        await session.execute(delete(PageClaim).where(PageClaim.url.in_(chunk)))
