"""Writing an analysed article: every row of it in the caller's one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
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


async def store_article(session: AsyncSession, article: NewArticle, analysis: Analysis) -> int:
    """Add the article with its sentences, mentions, roles and quotes; its id (caller commits).

    Bulk INSERT statements rather than the ORM unit of work: a write is ~40 rows, and this
    keeps storing well below the cost of parsing."""
    article_id = await session.scalar(
        insert(Article).returning(Article.id),
        [{
            "url": article.url, "text_hash": article.text_hash, "title": article.title,
            "source": article.source, "author": article.author, "published_at": article.published_at,
            "ingested_at": article.ingested_at, "text": article.text,
        }],
    )
    sentence_ids: list[int] = []
    if analysis.sentences:
        rows = [
            {"article_id": article_id, "position": i, "text": s.text, "words": " ".join(s.words)}
            for i, s in enumerate(analysis.sentences)
        ]
        result = await session.scalars(
            insert(Sentence).returning(Sentence.id, sort_by_parameter_order=True), rows
        )
        sentence_ids = list(result)
    entity_ids = await upsert_entities(session, analysis)
    when = article.published_at

    def rows_for(items, extra):  # type: ignore[no-untyped-def]
        return [
            {"entity_id": entity_ids[item[0]], "article_id": article_id, "sentence_id": sentence_ids[item[1]],
             "published_at": when, **extra(item)}
            for item in items
        ]

    for model, items, extra in (
        (Mention, analysis.mentions, lambda m: {"surface": m[2]}),
        (Role, analysis.roles, lambda r: {"role": r[2][:200]}),
        (Quote, analysis.quotes, lambda q: {"text": q[2], "direct": q[3]}),
    ):
        if items:
            await session.execute(insert(model), rows_for(items, extra))
    return article_id
