"""Each entity's article count and last date, kept in its row by the write path (so /who and
/status do not count mentions as the store grows), agree with its mentions however articles arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.render.html import to_plain
from bot.services import Services
from storage.models import Entity, Mention
from tests.support.migrations import downgrade_and_upgrade

NOW = datetime.now(UTC).replace(microsecond=0)


def visit(number: int, days_ago: float) -> RawArticle:
    """An article naming Tessa Marsh twice (two mentions, one article)."""
    when = NOW - timedelta(days=days_ago)
    text = (
        f"Prime Minister Tessa Marsh visited the harbour of Port {number} on day {number}. "
        f"Tessa Marsh said {number + 3} new berths would open there next year."
    )
    return RawArticle(text=text, title=f"Marsh visits Port {number}", published=when, origin=f"{number}.txt")


async def counts_by_mentions(news: Services) -> dict[str, tuple[int, datetime | None]]:
    """Each entity's distinct articles and newest date, counted from its mention rows."""
    async with news.session() as session:
        rows = await session.execute(
            select(Entity.key, func.count(func.distinct(Mention.article_id)), func.max(Mention.published_at))
            .join(Mention, Mention.entity_id == Entity.id)
            .group_by(Entity.key)
        )
        return {key: (articles, last) for key, articles, last in rows}


async def counts_in_rows(news: Services) -> dict[str, tuple[int, datetime | None]]:
    async with news.session() as session:
        rows = await session.execute(select(Entity.key, Entity.article_count, Entity.last_seen))
        return {key: (articles, last) for key, articles, last in rows if articles}


async def test_who_counts_articles_not_mentions_and_keeps_the_newest_date(news: Services) -> None:
    # Newest first, then older ones, then a duplicate of one already stored.
    await ingest(news, [visit(1, days_ago=2)])
    await ingest(news, [visit(2, days_ago=9), visit(3, days_ago=40)])
    report = await ingest(news, [visit(1, days_ago=2)])
    assert not report.new
    reply = await Commands(news).questions.who("Tessa Marsh")
    first = to_plain(reply.messages[0])
    newest = (NOW - timedelta(days=2)).strftime("%Y-%m-%d")
    assert f"Mentioned in 3 articles, last seen {newest}" in first, first
    assert await counts_in_rows(news) == await counts_by_mentions(news)


async def test_the_migration_counts_a_store_written_before_the_columns(news: Services) -> None:
    await ingest(news, [visit(n, days_ago=n) for n in range(1, 5)])
    expected = await counts_by_mentions(news)
    async with news.engine.begin() as connection:
        await downgrade_and_upgrade(connection, "0003")
    assert expected["tessa marsh"][0] == 4
    assert await counts_in_rows(news) == expected
