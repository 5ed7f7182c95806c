"""Source -> clean -> NLP -> store, one transaction per article, in batches for spaCy."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spacy.language import Language
from sqlalchemy.exc import IntegrityError

from bot.ingest import dedup
from bot.ingest.sources import Failure, Item, RawArticle
from bot.ingest.text import canonical_url, clean_text, text_hash
from bot.news import News
from bot.nlp.analyze import Analysis, analyze_texts
from storage.writes import NewArticle, find_duplicate, find_duplicates, store_article

MIN_TEXT_CHARS = 40
BATCH = 32


@dataclass
class Stored:
    id: int
    title: str
    entities: list[str]
    duplicate: bool = False
    story_id: int | None = None  # the story this article is a near duplicate of
    origin: str = ""


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
        partial=raw.partial,
    )


def with_headline(article: NewArticle) -> bool:
    return bool(article.title) and not article.text.startswith(article.title[:60])


def analysis_text(article: NewArticle) -> str:
    """What the NLP pass reads: the headline as a paragraph of its own, then the text. A headline
    is often the one sentence that names the place or person ("… loses appeal in Iran"); it is
    stored as sentence 0, and summaries leave it out (it is the title already)."""
    if with_headline(article):
        # Without a full stop the parser reads a headline and the first words after it as one.
        stop = "" if article.title[-1] in ".!?" else "."
        return f"{article.title}{stop}\n\n{article.text}"
    return article.text


def _analyze(nlp: Language, articles: list[NewArticle]) -> list[Analysis]:
    """Parse the batch, and sign each text for near-duplicate lookup (in the same worker thread)."""
    for article in articles:
        article.signature = dedup.signature(article.text)
    texts = [analysis_text(article) for article in articles]
    return analyze_texts(nlp, texts, headlines=[with_headline(article) for article in articles])


async def _store(news: News, article: NewArticle, analysis: Analysis, origin: str) -> Stored:
    try:
        async with news.transaction() as session:
            article_id, story_id = await store_article(session, article, analysis)
            return Stored(article_id, article.title, analysis.entity_names(), story_id=story_id, origin=origin)
    except IntegrityError:
        # Stored meanwhile (by another writer since our check): the unique keys said so.
        async with news.session() as session:
            duplicate = await find_duplicate(session, article.url, article.text_hash)
        if duplicate is None:
            raise
        return Stored(duplicate.id, duplicate.title, [], duplicate=True, origin=origin)


async def ingest(
    news: News,
    items: Iterable[Item],
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Store every article in items; failures are collected, never fatal to the others.

    spaCy parses each batch in a worker thread (the bot keeps answering meanwhile), then the
    batch is written. Parsing the next batch while writing this one was measured slower on
    two cores: the threads contend, and CPU time doubled."""
    report = Report()

    async def flush(batch: list[tuple[NewArticle, str]]) -> None:
        if not batch:
            return
        nlp = await news.nlp()
        async with news.nlp_lock:
            analyses = await asyncio.to_thread(_analyze, nlp, [article for article, _ in batch])
        async with news.write_lock:
            for (article, origin), analysis in zip(batch, analyses, strict=True):
                try:
                    stored = await _store(news, article, analysis, origin)
                except Exception as exc:  # a bad article must not cost the rest of the batch
                    report.failed.append(Failure(origin, f"could not store it ({type(exc).__name__})"))
                    continue
                (report.duplicates if stored.duplicate else report.new).append(stored)
        if on_progress:
            on_progress(len(batch))

    async def check(candidates: list[tuple[NewArticle, str]]) -> None:
        """Skip NLP for what is already stored; parse and store the rest."""
        async with news.session() as session:
            known = await find_duplicates(session, [(a.url, a.text_hash) for a, _ in candidates])
        fresh = []
        for article, origin in candidates:
            stored = known.get(article.text_hash) or (known.get(article.url) if article.url else None)
            if stored is None:
                fresh.append((article, origin))
            else:
                report.duplicates.append(Stored(stored.id, stored.title, [], duplicate=True, origin=origin))
        if on_progress and len(fresh) < len(candidates):
            on_progress(len(candidates) - len(fresh))
        await flush(fresh)

    now = datetime.now(UTC)
    seen: set[str] = set()
    batch: list[tuple[NewArticle, str]] = []
    for item in items:
        prepared = prepare(item, now) if isinstance(item, RawArticle) else item
        if isinstance(prepared, Failure):
            report.failed.append(prepared)
            if on_progress:
                on_progress(1)
            continue
        if prepared.text_hash in seen or (prepared.url and prepared.url in seen):
            # twice in this run: no row to point to yet
            report.duplicates.append(Stored(0, prepared.title, [], duplicate=True, origin=item.origin))
            if on_progress:
                on_progress(1)
            continue
        seen.update(filter(None, (prepared.url, prepared.text_hash)))
        batch.append((prepared, item.origin))
        if len(batch) >= BATCH:
            await check(batch)
            batch = []
    await check(batch)
    return report
