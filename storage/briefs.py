"""Rows of the daily brief: subscriptions, the delivery log, and the articles of a time window."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.briefs import AlertItem, WindowArticle
from domain.chats import CONSOLE_CHAT_ID, TELEGRAM_CHATS, Audience
from storage.models import AlertSent, Article, Delivery, Entity, Follow, Mention, Sentence, Subscription
from storage.queries import not_headline
from storage.writes import insert_for

WINDOW_LIMIT = 1000  # newest articles a brief considers


def _among(chat_id: InstrumentedAttribute[int], chats: Audience) -> ColumnElement[bool]:
    """The rows of the chats `chats` reaches: the console's chat alone, or every other."""
    return chat_id == CONSOLE_CHAT_ID if chats.console else chat_id != CONSOLE_CHAT_ID


# -- subscriptions ------------------------------------------------------------------------
async def get_subscription(session: AsyncSession, chat_id: int, thread_id: int) -> Subscription | None:
    return await session.scalar(
        select(Subscription).where(Subscription.chat_id == chat_id, Subscription.thread_id == thread_id)
    )


async def save_subscription(session: AsyncSession, values: dict[str, object]) -> Subscription:
    """Create the chat's subscription, or update it (time, zone, topics), active again."""
    found = await get_subscription(session, int(values["chat_id"]), int(values["thread_id"]))
    if found is None:
        found = Subscription(**values)
        session.add(found)
    else:
        for key, value in values.items():
            if key != "created_at":
                setattr(found, key, value)
    await session.flush()
    return found


async def remove_subscription(session: AsyncSession, chat_id: int, thread_id: int) -> bool:
    result = await session.execute(
        delete(Subscription).where(Subscription.chat_id == chat_id, Subscription.thread_id == thread_id)
    )
    return bool(result.rowcount)


async def pause_chat(session: AsyncSession, chat_id: int, reason: str) -> int:
    """Pause every subscription of a chat (the bot was removed or blocked there)."""
    result = await session.execute(
        update(Subscription)
        .where(Subscription.chat_id == chat_id, Subscription.active.is_(True))
        .values(active=False, paused_reason=reason[:300])
    )
    return result.rowcount


async def resume_chat(session: AsyncSession, chat_id: int) -> int:
    result = await session.execute(
        update(Subscription)
        .where(Subscription.chat_id == chat_id, Subscription.active.is_(False))
        .values(active=True, paused_reason=None)
    )
    return result.rowcount


async def active_subscriptions(session: AsyncSession, chats: Audience = TELEGRAM_CHATS) -> list[Subscription]:
    return list(
        await session.scalars(
            select(Subscription).where(Subscription.active.is_(True), _among(Subscription.chat_id, chats))
        )
    )


# -- the delivery log ---------------------------------------------------------------------
async def known_days(session: AsyncSession, keys: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which (subscription, day) pairs have a delivery row already."""
    days = sorted({day for _, day in keys})
    if not days:
        return set()
    rows = await session.execute(select(Delivery.subscription_id, Delivery.day).where(Delivery.day.in_(days)))
    return {(subscription_id, day) for subscription_id, day in rows}


async def add_deliveries(session: AsyncSession, rows: list[dict[str, object]]) -> None:
    """New delivery rows; one already there (another replica planned it) is left as it is."""
    if rows:
        await session.execute(insert_for(session)(Delivery).on_conflict_do_nothing(), rows)


async def claim(
    session: AsyncSession,
    now: datetime,
    lease: timedelta,
    worker: str,
    limit: int,
    chats: Audience = TELEGRAM_CHATS,
) -> list[int]:
    """Take up to `limit` deliveries to send: pending ones, and ones whose sender stopped
    mid-way (lease expired). One UPDATE ... RETURNING, so two claimers never take the same
    row: on PostgreSQL the inner SELECT ... FOR UPDATE SKIP LOCKED lets replicas claim side by
    side without waiting on each other's rows; SQLite runs one writer at a time."""
    claimable = and_(
        Delivery.due_at <= now,
        Delivery.subscription_id.in_(select(Subscription.id).where(_among(Subscription.chat_id, chats))),
        or_(
            Delivery.status == "pending",
            and_(Delivery.status == "sending", Delivery.claimed_at < now - lease),
        ),
    )
    candidates = (
        select(Delivery.id)
        .where(claimable)
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = await session.scalars(
        update(Delivery)
        .where(Delivery.id.in_(candidates), claimable)
        .values(status="sending", claimed_at=now, claimed_by=worker)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed)


async def delivery_with_subscription(session: AsyncSession, delivery_id: int) -> tuple[Delivery, Subscription]:
    row = (
        await session.execute(
            select(Delivery, Subscription)
            .join(Subscription, Subscription.id == Delivery.subscription_id)
            .where(Delivery.id == delivery_id)
        )
    ).one()
    return row[0], row[1]


async def set_delivery(session: AsyncSession, delivery_id: int, **values: object) -> None:
    if "messages" in values and isinstance(values["messages"], list):
        values["messages"] = json.dumps(values["messages"])
    await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(**values))


async def last_sent(session: AsyncSession, subscription_id: int, before: str) -> datetime | None:
    """When the chat's previous brief went out."""
    return await session.scalar(
        select(func.max(Delivery.sent_at)).where(
            Delivery.subscription_id == subscription_id, Delivery.status == "sent", Delivery.day < before
        )
    )


# -- what the brief is made of --------------------------------------------------------------
async def window_articles(session: AsyncSession, since: datetime, until: datetime) -> list[WindowArticle]:
    """The newest articles published in [since, until], with their entities and lead words."""
    rows = await session.execute(
        select(
            Article.id,
            Article.title,
            Article.source,
            Article.url,
            Article.published_at,
            Article.story_id,
            Article.language,
        )
        .where(Article.published_at >= since, Article.published_at <= until)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(WINDOW_LIMIT)
    )
    articles = {row[0]: WindowArticle(*row[:6], language=row[6]) for row in rows}
    if not articles:
        return []
    ids = list(articles)
    mentions = await session.execute(
        select(Mention.article_id, Entity.id, Entity.name)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id.in_(ids))
        .distinct()
    )
    for article_id, entity_id, name in mentions:
        articles[article_id].entities[entity_id] = name
    leads = await session.execute(
        select(Sentence.article_id, Sentence.words).where(Sentence.article_id.in_(ids), Sentence.position < 3)
    )
    for article_id, words in leads:
        articles[article_id].lead.extend(words.split())
    return list(articles.values())


async def sentences_of(session: AsyncSession, article_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each article's (text, words) in order."""
    rows = await session.execute(
        select(Sentence.article_id, Sentence.text, Sentence.words)
        .where(Sentence.article_id.in_(article_ids), not_headline())
        .order_by(Sentence.article_id, Sentence.position)
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for article_id, text, words in rows:
        found.setdefault(article_id, []).append((text, words))
    return found


# -- follows and alerts ---------------------------------------------------------------------
async def follow(session: AsyncSession, chat_id: int, thread_id: int, entity_id: int, now: datetime) -> bool:
    """Follow an entity from now on (older articles never alert); False if already followed."""
    newest = await session.scalar(select(func.max(Article.id))) or 0
    result = await session.execute(
        insert_for(session)(Follow)
        .values(chat_id=chat_id, thread_id=thread_id, entity_id=entity_id, created_at=now, seen_up_to=newest)
        .on_conflict_do_nothing()
    )
    return bool(result.rowcount)


async def unfollow(session: AsyncSession, chat_id: int, thread_id: int, entity_ids: list[int]) -> int:
    result = await session.execute(
        delete(Follow).where(Follow.chat_id == chat_id, Follow.thread_id == thread_id, Follow.entity_id.in_(entity_ids))
    )
    return result.rowcount


async def following(session: AsyncSession, chat_id: int, thread_id: int) -> list[str]:
    rows = await session.scalars(
        select(Entity.name)
        .join(Follow, Follow.entity_id == Entity.id)
        .where(Follow.chat_id == chat_id, Follow.thread_id == thread_id)
        .order_by(Entity.name)
    )
    return list(rows)


async def take_alerts(session: AsyncSession, now: datetime, chats: Audience = TELEGRAM_CHATS) -> list[AlertItem]:
    """New articles mentioning followed entities, at most one per chat and story ever; the
    follows move past them in the same transaction (only the follows of the chats `chats` reaches)."""
    rows = await session.execute(
        select(Follow.id, Follow.chat_id, Follow.thread_id, Entity.name, Article)
        .join(Entity, Entity.id == Follow.entity_id)
        .join(Mention, Mention.entity_id == Follow.entity_id)
        .join(Article, Article.id == Mention.article_id)
        .where(Article.id > Follow.seen_up_to, _among(Follow.chat_id, chats))
        .distinct()
        .order_by(Article.id)
    )
    items: list[AlertItem] = []
    newest: dict[int, int] = {}
    for follow_id, chat_id, thread_id, entity, article in rows:
        newest[follow_id] = max(newest.get(follow_id, 0), article.id)
        story = article.story_id or article.id
        claimed = await session.execute(
            insert_for(session)(AlertSent).values(chat_id=chat_id, story_id=story, sent_at=now).on_conflict_do_nothing()
        )
        if claimed.rowcount:
            items.append(
                AlertItem(chat_id, thread_id, entity, article.id, story, article.title, article.source, article.url)
            )
    for follow_id, article_id in newest.items():
        await session.execute(update(Follow).where(Follow.id == follow_id).values(seen_up_to=article_id))
    return items
