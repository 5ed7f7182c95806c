"""Source -> clean -> NLP -> store, one transaction per article, in batches for spaCy."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from bot.ingest.sources import Failure, Item, RawArticle
from bot.ingest.text import canonical_url, clean_text, text_hash
from bot.news import News
from bot.nlp.analyze import Analysis, analyze_texts
from storage.writes import NewArticle, find_duplicate, store_article

MIN_TEXT_CHARS = 40
BATCH = 32


@dataclass
class Stored:
    id: int
    title: str
    entities: list[str]
    duplicate: bool = False


@dataclass
class Report:
    new: list[Stored] = field(default_factory=list)
    duplicates: list[Stored] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.new)} new, {len(self.duplicates)} duplicates, {len(self.failed)} failed"


def prepare(raw: RawArticle, now: datetime) -> NewArticle | Failure:
    """Cleaned text and identity, or why the article cannot be stored."""
    text = clean_text(raw.text)
    if len(text) < MIN_TEXT_CHARS:
        return Failure(raw.origin, "too little text to be an article")
    url = canonical_url(raw.url) if raw.url and raw.url.startswith(("http://", "https://")) else None
    title = " ".join(raw.title.split())[:500] or text.split("\n", 1)[0][:120]
    return NewArticle(
        text=text,
        text_hash=text_hash(text),
        title=title,
        source=(raw.source or "")[:300],
        url=url,
        author=(raw.author or None) and raw.author[:300],
        published_at=min(raw.published or now, now),
        ingested_at=now,
    )


async def _store(news: News, article: NewArticle, analysis: Analysis) -> Stored:
    try:
        async with news.transaction() as session:
            duplicate = await find_duplicate(session, article.url, article.text_hash)
            if duplicate is not None:
                return Stored(duplicate.id, duplicate.title, [], duplicate=True)
            article_id = await store_article(session, article, analysis)
            return Stored(article_id, article.title, analysis.entity_names())
    except IntegrityError:
        # Another writer stored the same article between our check and our insert.
        async with news.session() as session:
            duplicate = await find_duplicate(session, article.url, article.text_hash)
        if duplicate is None:
            raise
        return Stored(duplicate.id, duplicate.title, [], duplicate=True)


async def ingest(
    news: News,
    items: Iterable[Item],
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Store every article in items; failures are collected, never fatal to the others.

    spaCy parses one batch in a worker thread while the previous batch is being written."""
    report = Report()
    nlp = None
    parsing: tuple[list[tuple[NewArticle, str]], asyncio.Task[list[Analysis]]] | None = None

    async def write(batch: list[tuple[NewArticle, str]], analyses: list[Analysis]) -> None:
        async with news.write_lock:
            for (article, origin), analysis in zip(batch, analyses, strict=True):
                try:
                    stored = await _store(news, article, analysis)
                except Exception as exc:  # a bad article must not cost the rest of the batch
                    report.failed.append(Failure(origin, f"could not store it ({type(exc).__name__})"))
                    continue
                (report.duplicates if stored.duplicate else report.new).append(stored)
        if on_progress:
            on_progress(len(batch))

    async def rotate(batch: list[tuple[NewArticle, str]]) -> None:
        """Start parsing `batch`, then write the batch parsed before it."""
        nonlocal parsing, nlp
        previous = parsing
        parsing = None
        if batch:
            nlp = nlp or await news.nlp()
            texts = [article.text for article, _ in batch]
            parsing = (batch, asyncio.create_task(asyncio.to_thread(analyze_texts, nlp, texts)))
        if previous is not None:
            await write(previous[0], await previous[1])

    now = datetime.now(UTC)
    seen: set[str] = set()
    batch: list[tuple[NewArticle, str]] = []
    try:
        for item in items:
            prepared = prepare(item, now) if isinstance(item, RawArticle) else item
            if isinstance(prepared, Failure):
                report.failed.append(prepared)
                if on_progress:
                    on_progress(1)
                continue
            # Skip NLP for what is already stored or already in this run.
            async with news.session() as session:
                known = await find_duplicate(session, prepared.url, prepared.text_hash)
            if known is not None or prepared.text_hash in seen or (prepared.url and prepared.url in seen):
                if known is not None:
                    report.duplicates.append(Stored(known.id, known.title, [], duplicate=True))
                else:
                    report.duplicates.append(Stored(0, prepared.title, [], duplicate=True))
                if on_progress:
                    on_progress(1)
                continue
            seen.update(filter(None, (prepared.url, prepared.text_hash)))
            batch.append((prepared, item.origin))
            if len(batch) >= BATCH:
                await rotate(batch)
                batch = []
        await rotate(batch)
        await rotate([])
    finally:
        if parsing is not None:  # an error above: do not leave a parse running
            await asyncio.gather(parsing[1], return_exceptions=True)
    return report
