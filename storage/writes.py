"""Writing an analysed article: every row of it in the caller's one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nlp.analyze import Analysis
from storage.models import Alias, Article, Entity, Mention, Quote, Role, Sentence


@dataclass
class NewArticle:
    """A cleaned article ready to store."""

    text: str
    text_hash: str
    title: str
    source: str
    url: str | None
    author: str | None
    published_at: datetime
    ingested_at: datetime


async def find_duplicate(session: AsyncSession, url: str | None, text_hash: str) -> Article | None:
    """The stored article with this canonical URL or this text, if any."""
    condition = Article.text_hash == text_hash
    if url:
        condition = condition | (Article.url == url)
    return (await session.scalars(select(Article).where(condition).limit(1))).first()


async def _insert_ignoring_conflicts(session: AsyncSession, model: type, rows: list[dict]) -> None:
    # Concurrent ingests may add the same entity; the unique key decides, nobody fails.
    if not rows:
        return
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(insert(model).values(rows).on_conflict_do_nothing())


async def upsert_entities(session: AsyncSession, analysis: Analysis) -> dict[tuple[str, str], int]:
    """Entity ids for every entity of the analysis, creating the missing ones."""
    refs = list(analysis.entities)
    if not refs:
        return {}
    rows = [{"key": key, "kind": kind, "name": analysis.entities[(key, kind)].name} for key, kind in refs]
    await _insert_ignoring_conflicts(session, Entity, rows)
    keys = {key for key, _ in refs}
    found = await session.execute(select(Entity.id, Entity.key, Entity.kind).where(Entity.key.in_(keys)))
    ids = {(key, kind): id_ for id_, key, kind in found if (key, kind) in analysis.entities}
    aliases = [
        {"alias": alias, "entity_id": ids[ref]}
        for ref, info in analysis.entities.items()
        for alias in info.aliases | {ref[0]}
    ]
    await _insert_ignoring_conflicts(session, Alias, aliases)
    return ids


async def store_article(session: AsyncSession, article: NewArticle, analysis: Analysis) -> Article:
    """Add the article with its sentences, mentions, roles and quotes (caller commits)."""
    row = Article(
        url=article.url,
        text_hash=article.text_hash,
        title=article.title,
        source=article.source,
        author=article.author,
        published_at=article.published_at,
        ingested_at=article.ingested_at,
        text=article.text,
    )
    session.add(row)
    sentences = [Sentence(position=i, text=s.text, words=" ".join(s.words)) for i, s in enumerate(analysis.sentences)]
    row.sentences = sentences
    await session.flush()
    entity_ids = await upsert_entities(session, analysis)
    when = article.published_at
    session.add_all(
        Mention(
            entity_id=entity_ids[ref],
            article_id=row.id,
            sentence_id=sentences[pos].id,
            surface=surface,
            published_at=when,
        )
        for ref, pos, surface in analysis.mentions
    )
    session.add_all(
        Role(
            entity_id=entity_ids[ref],
            article_id=row.id,
            sentence_id=sentences[pos].id,
            role=role[:200],
            published_at=when,
        )
        for ref, pos, role in analysis.roles
    )
    session.add_all(
        Quote(
            entity_id=entity_ids[ref],
            article_id=row.id,
            sentence_id=sentences[pos].id,
            text=text,
            direct=direct,
            published_at=when,
        )
        for ref, pos, text, direct in analysis.quotes
    )
    await session.flush()
    return row
