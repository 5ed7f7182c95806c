"""Source -> clean -> NLP -> store, one transaction per article, in batches for spaCy."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spacy.language import Language
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.i18n import _
from bot.ingest import dedup
from bot.ingest.sources import Item, RawArticle
from bot.ingest.text import MAX_URL_CHARS, canonical_url, clean_text, cut_text, one_line, outside_url, text_hash
from bot.nlp.analyze import analyze_texts
from bot.nlp.analyzers import Analyze, analyze_by_language
from bot.nlp.language import language_of
from bot.nlp.parse import BATCH_CHARS
from bot.services import Services
from domain.analysis import Analysis
from domain.sources import Failure
from storage.writes import NewArticle, find_duplicate, find_duplicates, store_article, upsert_entities

MIN_TEXT_CHARS = 40
BATCH = 32
OLDEST = datetime(1900, 1, 1, tzinfo=UTC)  # an earlier "published" date is a placeholder or junk

log = logging.getLogger(__name__)


@dataclass
class Stored:
    id: int
    title: str
    entities: list[str]
    duplicate: bool = False
    story_id: int | None = None  # the story this article is a near duplicate of
    origin: str = ""
    truncated: bool = False  # only the first max_text_chars of its text were kept


@dataclass
class Prepared(NewArticle):
    """A cleaned article, and whether its text was cut to max_text_chars."""

    truncated: bool = False


@dataclass
class Report:
    new: list[Stored] = field(default_factory=list)
    duplicates: list[Stored] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    offered: int = 0  # articles the source had
    limit: int | None = None  # articles one request may store, when capped
    max_chars: int = 0  # characters of an article's text kept at most (Settings.max_text_chars)

    @property
    def truncated(self) -> list[Stored]:
        return [stored for stored in self.new if stored.truncated]

    @property
    def capped(self) -> bool:
        return self.limit is not None and self.offered > self.limit

    def line(self) -> str:
        counts = f"{len(self.new)} new, {len(self.duplicates)} duplicates, {len(self.failed)} failed"
        if self.truncated:
            counts += f"; {len(self.truncated)} cut to their first {self.max_chars:,} characters"
        return counts


def published_date(value: datetime | None, now: datetime) -> datetime:
    """In UTC, not in the future; a date before 1900 or out of range counts as missing (now)."""
    if value is None:
        return now
    try:
        moment = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except (OverflowError, ValueError):  # 0001-01-01T00:00+14:00 is in year 0 in UTC
        return now
    return now if moment < OLDEST else min(moment, now)


def article_text(raw: str, max_chars: int) -> tuple[str, bool]:
    """The cleaned text kept of an article (at most max_chars), and whether it was cut."""
    # Cleaning only shrinks a text: cleaning more than a few times what is kept is wasted work
    # (a second per 4 MB, on the event loop).
    raw_limit = 4 * max_chars
    text, truncated = cut_text(clean_text(raw[:raw_limit]), max_chars)
    return text, truncated or len(raw) > raw_limit


def prepare(raw: RawArticle, now: datetime, max_chars: int) -> Prepared | Failure:
    """Cleaned text and identity, or why the article cannot be stored."""
    text, truncated = article_text(raw.text, max_chars)
    if len(text) < MIN_TEXT_CHARS:
        return Failure(raw.origin, _("too little text to be an article"))
    # Every field from outside is made storable here: no credentials, no control characters,
    # within its column. An over-long link is no link (cut, it would name another page).
    url = outside_url(raw.url)
    url = canonical_url(url) if url else None
    title = one_line(raw.title, 500) or text.split("\n", 1)[0][:120]
    return Prepared(
        text=text,
        text_hash=text_hash(text),
        title=title,
        source=one_line(raw.source, 300),
        url=url if url and len(url) <= MAX_URL_CHARS else None,
        author=one_line(raw.author, 300) or None,
        published_at=published_date(raw.published, now),
        ingested_at=now,
        partial=raw.partial,
        truncated=truncated,
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


@dataclass
class Analysed:
    """What a parse job returns: per article its analysis (or why it failed) and its signature."""

    analyses: list[Analysis | Exception]
    signatures: list[bytes]
    retried: str = ""  # why the batch failed, when its articles were then parsed one by one
    languages: list[str] = field(default_factory=list)  # each article's, ISO 639-1


def analyze_batch(nlp: Language, articles: list[NewArticle]) -> Analysed:
    """Tell each text's language, parse it with that language's analyzer (bot/nlp/analyzers.py),
    and sign it for near-duplicate lookup (in a worker process or thread). A text too short to
    tell is taken to be in the model's language. Should the batch fail, each text is parsed
    alone: only the one at fault fails."""
    signatures = [dedup.signature(article.text) for article in articles]
    texts = [analysis_text(article) for article in articles]
    headlines = [with_headline(article) for article in articles]
    # Detected here, not in prepare(): in the workers it runs on every core, off the event loop.
    languages = [language_of(text, nlp.lang) for text in texts]
    try:
        analyses = analyze_by_language(texts, headlines, languages, model_analyzer(nlp), nlp.lang)
        return Analysed(list(analyses), signatures, languages=languages)
    except Exception as exc:
        analyses = [_analyze_one(nlp, *each) for each in zip(texts, headlines, languages, strict=True)]
        return Analysed(analyses, signatures, retried=f"{type(exc).__name__}: {exc}", languages=languages)


def model_analyzer(nlp: Language) -> Analyze:
    """The spaCy model's analyzer, for texts in its own language."""
    return lambda texts, headlines: analyze_texts(nlp, texts, headlines=headlines)


def _analyze_one(nlp: Language, text: str, headline: bool, language: str) -> Analysis | Exception:
    try:
        return analyze_by_language([text], [headline], [language], model_analyzer(nlp), nlp.lang)[0]
    except Exception as exc:  # returned, not raised: it is this article's failure, not the batch's
        return exc


def _in_workers(news: Services, articles: int) -> bool:
    """Whether to parse in the worker processes: once they run, or for a full batch, or when
    another parse holds the in-thread pipeline (concurrent feed polls). A lone small ingest is
    parsed in a thread: starting the workers (a few seconds, a model each) would cost it more."""
    parsers = news.parsers
    return parsers.processes > 1 and (parsers.started or articles >= BATCH or news.nlp_lock.locked())


def _jobs(articles: list[NewArticle], workers: int) -> list[list[NewArticle]]:
    """The batch shared among the workers: as many jobs as workers, each within the parser's
    memory bound of BATCH_CHARS characters (one article at least)."""
    per_job = math.ceil(len(articles) / workers)
    jobs: list[list[NewArticle]] = []
    chars = 0
    for article in articles:
        size = len(article.text) + len(article.title)
        if not jobs or len(jobs[-1]) >= per_job or (jobs[-1] and chars + size > BATCH_CHARS):
            jobs.append([])
            chars = 0
        jobs[-1].append(article)
        chars += size
    return jobs


def _signed(articles: list[NewArticle], analysed: Analysed, where: str) -> list[Analysis | Exception]:
    if analysed.retried:
        log.warning(
            "parsing a batch of %d articles failed %s (%s); parsed them one by one",
            len(articles),
            where,
            analysed.retried,
        )
    for article, signature in zip(articles, analysed.signatures, strict=True):
        article.signature = signature
    for article, language in zip(articles, analysed.languages, strict=True):
        article.language = language
    return analysed.analyses


async def _parse_in_worker(news: Services, articles: list[NewArticle]) -> list[Analysis | Exception]:
    try:
        analysed = await news.parsers.run(analyze_batch, articles)
    except Exception as exc:  # the worker died (BrokenProcessPool), or a result would not pickle
        log.warning("a parse job of %d articles failed (%r); parsing them one at a time", len(articles), exc)
        # One at a time, each once more: a worker killed by one article then takes no other with it.
        async with news.nlp_retry_lock:
            return [await _parse_alone(news, article) for article in articles]
    return _signed(articles, analysed, "in a worker")


async def _parse_alone(news: Services, article: NewArticle) -> Analysis | Exception:
    try:
        analysed = await news.parsers.run(analyze_batch, [article])
    except Exception as exc:  # returned, not raised: it is this article's failure, not the batch's
        return exc
    return _signed([article], analysed, "in a worker")[0]


async def _parse(news: Services, articles: list[NewArticle], workers: bool) -> list[Analysis | Exception]:
    """Each article's analysis (or its failure), in order; each article's signature is set."""
    if workers:
        jobs = _jobs(articles, news.parsers.processes)
        parsed = await asyncio.gather(*(_parse_in_worker(news, job) for job in jobs))
        return [analysis for job in parsed for analysis in job]
    nlp = await news.nlp()
    async with news.nlp_lock:
        analysed = await asyncio.to_thread(analyze_batch, nlp, articles)
    return _signed(articles, analysed, "in a thread")


async def _store_batch(
    news: Services, batch: list[tuple[NewArticle, Analysis | Exception, str]]
) -> list[Stored | Failure]:
    """Write a parsed batch in one transaction, each article in a savepoint of its own: one
    article that fails costs only itself, and a batch costs one commit, not one per article
    (on PostgreSQL, 32 fewer WAL flushes and round trips). Nothing is reported stored before
    the commit; a failed commit fails the whole batch, which a re-run stores again."""
    parsed = [analysis for _, analysis, _ in batch if not isinstance(analysis, Exception)]
    try:
        async with news.transaction() as session:
            entity_ids = await upsert_entities(session, parsed)
            return [await _store(session, article, analysis, origin, entity_ids) for article, analysis, origin in batch]
    except Exception as exc:  # the commit (or the connection) failed: none of it is stored
        log.warning("a batch of %d articles could not be written: %s", len(batch), type(exc).__name__)
        return [Failure(origin, _could_not_store(type(exc).__name__)) for _, _, origin in batch]


def _could_not_store(error: str) -> str:
    return _("could not store it ({error})").format(error=error)


async def _store(
    session: AsyncSession,
    article: NewArticle,
    analysis: Analysis | Exception,
    origin: str,
    entity_ids: dict[tuple[str, str], int],
) -> Stored | Failure:
    if isinstance(analysis, Exception):
        return Failure(origin, _("could not analyse it ({error})").format(error=type(analysis).__name__))
    try:
        async with session.begin_nested():
            article_id, story_id = await store_article(session, article, analysis, entity_ids)
    except IntegrityError:
        # Stored meanwhile (by another writer since our check, or earlier in this batch).
        duplicate = await find_duplicate(session, article.url, article.text_hash)
        if duplicate is None:
            return Failure(origin, _could_not_store("IntegrityError"))
        return Stored(duplicate.id, duplicate.title, [], duplicate=True, origin=origin)
    except Exception as exc:  # a bad article must not cost the rest of the batch
        return Failure(origin, _could_not_store(type(exc).__name__))
    return Stored(article_id, article.title, analysis.entity_names(), story_id=story_id, origin=origin)


@metrics.measured_ingest
async def ingest(
    news: Services,
    items: Iterable[Item],
    on_progress: Callable[[int], None] | None = None,
    limit: int | None = None,
) -> Report:
    """Store every article in items (the first `limit` of them, when given; the rest are only
    counted); failures are collected, never fatal to the others.

    With worker processes (NLP_PROCESSES > 1), they parse the next batch while this process
    writes the last one, every core busy and the event loop free for chat. In a thread, a batch
    is parsed, then written: overlapping the two was measured slower on two cores (the threads
    contend for the interpreter, and CPU time doubled)."""
    report = Report(limit=limit, max_chars=news.settings.max_text_chars)
    writing: asyncio.Task[None] | None = None  # the last batch handed on: being parsed, then written

    async def flush(batch: list[tuple[Prepared, str]]) -> None:
        nonlocal writing
        if not batch:
            return
        workers = _in_workers(news, len(batch))
        if writing is not None and not workers:
            await writing
            writing = None
        previous = writing
        writing = asyncio.create_task(parse_and_write(batch, workers, previous))
        if previous is not None:
            await previous  # two batches in flight at most
        if not workers:
            await writing  # in a thread: parsed and written before the next batch is read

    async def parse_and_write(
        batch: list[tuple[Prepared, str]], workers: bool, previous: asyncio.Task[None] | None
    ) -> None:
        # Parsed while the previous batch is written; written after it, in order.
        parsing = _parse(news, [article for article, _ in batch], workers)
        analyses, _ = await asyncio.gather(parsing, previous or asyncio.sleep(0))
        async with news.write_lock:
            written = await _store_batch(
                news, [(article, analysis, origin) for (article, origin), analysis in zip(batch, analyses, strict=True)]
            )
        for (article, _), result in zip(batch, written, strict=True):
            if isinstance(result, Failure):
                report.failed.append(result)
                continue
            result.truncated = article.truncated and not result.duplicate
            (report.duplicates if result.duplicate else report.new).append(result)
        if on_progress:
            on_progress(len(batch))

    async def check(candidates: list[tuple[Prepared, str]]) -> None:
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

    try:
        await _read(news, items, limit, report, check, on_progress)
        if writing is not None:
            await writing
    finally:  # cancelled (a feed poll's timeout) or failed: no batch goes on in the background
        if writing is not None:
            writing.cancel()
    return report


async def _read(
    news: Services,
    items: Iterable[Item],
    limit: int | None,
    report: Report,
    check: Callable[[list[tuple[Prepared, str]]], Awaitable[None]],
    on_progress: Callable[[int], None] | None,
) -> None:
    """Prepare each item and hand them to `check` in batches; what cannot be stored is reported."""
    now = datetime.now(UTC)
    seen: set[str] = set()
    batch: list[tuple[Prepared, str]] = []
    for item in _counted(items, limit, report):
        prepared = prepare(item, now, report.max_chars) if isinstance(item, RawArticle) else item
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


def _counted(items: Iterable[Item], limit: int | None, report: Report) -> Iterable[Item]:
    """The first `limit` items; all of them counted in report.offered."""
    rest = iter(items)
    for item in itertools.islice(rest, limit):
        report.offered += 1
        yield item
    report.offered += sum(1 for _ in rest)
