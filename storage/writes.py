"""Writing an analysed article: every row of it in the caller's one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, case, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from domain import signatures
from domain.analysis import Analysis, EntityInfo
from domain.text import without_controls
from storage.models import Alias, Article, Base, Entity, Mention, Quote, Role, Sentence, StoryBand

# A cut URL or cache validator would name another page or version: one too long is dropped
# (no link; no validator sent). Other text is cut to its column.
DROPPED_WHEN_TOO_LONG = frozenset({"url", "site_url", "etag", "last_modified"})


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
    partial: bool = False
    signature: bytes | None = None
    language: str | None = None  # ISO 639-1, told from the text when it is parsed


async def find_duplicate(session: AsyncSession, url: str | None, text_hash: str) -> Article | None:
    """The stored article with this canonical URL or this text, if any."""
    found = await find_duplicates(session, [(url, text_hash)])
    return found.get(text_hash) or (found.get(url) if url else None)


async def find_duplicates(session: AsyncSession, identities: list[tuple[str | None, str]]) -> dict[str, Article]:
    """Stored articles matching any (canonical URL, text hash), by URL and by hash."""
    urls = [url for url, _ in identities if url]
    hashes = [text_hash for _, text_hash in identities]
    condition = Article.text_hash.in_(hashes)
    if urls:
        condition = condition | Article.url.in_(urls)
    found: dict[str, Article] = {}
    for article in await session.scalars(select(Article).where(condition)):
        found[article.text_hash] = article
        if article.url:
            found[article.url] = article
    return found


def fitted(model: type[Base], values: dict[str, object]) -> dict[str, object]:
    """Column values from outside made storable, in one place for every row written: control
    characters removed (PostgreSQL refuses NUL; tab and newline stay in unbounded text), and
    each within its column's length (PostgreSQL refuses longer, SQLite would keep it)."""
    columns = model.__table__.columns
    fit: dict[str, object] = {}
    for name, value in values.items():
        column_type = columns[name].type if name in columns else None
        if isinstance(value, str) and isinstance(column_type, String):
            length = column_type.length
            value = without_controls(value, lines=length is None)
            if length is not None and len(value) > length:
                value = None if name in DROPPED_WHEN_TOO_LONG and columns[name].nullable else value[:length]
        fit[name] = value
    return fit


def insert_for(session: AsyncSession):  # type: ignore[no-untyped-def]
    """INSERT with the dialect's ON CONFLICT clause available."""
    return postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert


async def upsert_entities(session: AsyncSession, analyses: Iterable[Analysis]) -> dict[tuple[str, str], int]:
    """Entity ids for every entity of these analyses, creating the missing ones and their
    aliases, in two statements.

    ON CONFLICT DO UPDATE (a no-op update) makes RETURNING give existing rows' ids too. The rows
    stay locked until the transaction ends; taking them all at once, in key order, is what keeps
    two writers from deadlocking (each would wait for the other's next article otherwise)."""
    entities: dict[tuple[str, str], EntityInfo] = {}
    for analysis in analyses:
        for ref, info in analysis.entities.items():
            known = entities.setdefault(ref, EntityInfo(info.name, info.kind, set()))
            known.aliases |= info.aliases
    refs = sorted(entities)
    if not refs:
        return {}
    statement = insert_for(session)(Entity).values(
        [{"key": key, "kind": kind, "name": entities[(key, kind)].name} for key, kind in refs]
    )
    statement = statement.on_conflict_do_update(
        index_elements=["key", "kind"], set_={"key": statement.excluded.key}
    ).returning(Entity.id, Entity.key, Entity.kind)
    ids = {(key, kind): id_ for id_, key, kind in await session.execute(statement)}
    aliases = sorted({(alias, ids[ref]) for ref, info in entities.items() for alias in info.aliases | {ref[0]}})
    await session.execute(
        insert_for(session)(Alias)
        .values([{"alias": alias, "entity_id": entity_id} for alias, entity_id in aliases])
        .on_conflict_do_nothing()
    )
    return ids


async def same_story(session: AsyncSession, signature: bytes) -> int | None:
    """The story a near duplicate of this text belongs to: candidates sharing an LSH band,
    confirmed by their estimated similarity."""
    candidates = (
        select(Article.id, Article.story_id, Article.signature)
        .join(StoryBand, StoryBand.article_id == Article.id)
        .where(StoryBand.band.in_(signatures.bands(signature)))
        .distinct()
    )
    best: tuple[float, int] | None = None
    for article_id, story_id, other in await session.execute(candidates):
        score = signatures.similarity(signature, other or b"")
        if score >= signatures.THRESHOLD and (best is None or score > best[0]):
            best = (score, story_id or article_id)
    return best[1] if best else None


async def store_article(
    session: AsyncSession,
    article: NewArticle,
    analysis: Analysis,
    entity_ids: dict[tuple[str, str], int] | None = None,
) -> tuple[int, int | None]:
    """Add the article with its sentences, mentions, roles and quotes; its id and the story it
    joins, if it is a near duplicate (caller commits). A stored duplicate (same canonical URL or
    text) makes it raise IntegrityError. `entity_ids`: its entities, already upserted in this
    transaction (a batch locks all of its entities first, see upsert_entities).

    Bulk INSERT statements rather than the ORM unit of work: a write is ~40 rows, and this
    keeps storing well below the cost of parsing."""
    story_id = await same_story(session, article.signature) if article.signature else None
    article_id = await session.scalar(
        insert(Article).returning(Article.id),
        [
            fitted(
                Article,
                {
                    "url": article.url,
                    "text_hash": article.text_hash,
                    "title": article.title,
                    "source": article.source,
                    "author": article.author,
                    "published_at": article.published_at,
                    "ingested_at": article.ingested_at,
                    "text": article.text,
                    "partial": article.partial,
                    "story_id": story_id,
                    "signature": article.signature,
                    "language": article.language,
                },
            )
        ],
    )
    if article.signature:
        await session.execute(
            insert(StoryBand),
            [{"band": band, "article_id": article_id} for band in signatures.bands(article.signature)],
        )
    sentence_ids: list[int] = []
    if analysis.sentences:
        rows = [
            {"article_id": article_id, "position": i, "text": s.text, "words": " ".join(s.words)}
            for i, s in enumerate(analysis.sentences)
        ]
        result = await session.scalars(insert(Sentence).returning(Sentence.id, sort_by_parameter_order=True), rows)
        sentence_ids = list(result)
    if entity_ids is None:
        entity_ids = await upsert_entities(session, [analysis])
    when = article.published_at

    def rows_for(items, extra):  # type: ignore[no-untyped-def]
        return [
            {
                "entity_id": entity_ids[item[0]],
                "article_id": article_id,
                "sentence_id": sentence_ids[item[1]],
                "published_at": when,
                **extra(item),
            }
            for item in items
        ]

    for model, items, extra in (
        (Mention, analysis.mentions, lambda m: {"surface": m[2]}),
        (Role, analysis.roles, lambda r: {"role": r[2][:200], "loose": r in analysis.loose_roles}),
        (Quote, analysis.quotes, lambda q: {"text": q[2], "direct": q[3]}),
    ):
        if items:
            await session.execute(insert(model), rows_for(items, extra))
    await count_mentioned(session, sorted({entity_ids[m[0]] for m in analysis.mentions}), when)
    return article_id, story_id


async def count_mentioned(session: AsyncSession, entity_ids: list[int], when: datetime) -> None:
    """One more article for each entity it mentions, and their last date. Their rows are already
    locked by upsert_entities in this transaction, so this waits for no other writer."""
    if not entity_ids:
        return
    at = literal(when, Entity.last_seen.type)
    await session.execute(
        update(Entity)
        .where(Entity.id.in_(entity_ids))
        .values(
            article_count=Entity.article_count + 1,
            last_seen=case((Entity.last_seen.is_(None) | (Entity.last_seen < at), at), else_=Entity.last_seen),
        )
        .execution_options(synchronize_session=False)
    )
