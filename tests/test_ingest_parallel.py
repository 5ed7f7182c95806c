"""Ingest in worker processes (NLP_PROCESSES > 1): the same rows as in one process, a bad
article fails alone, and the chat is answered while the workers parse."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import text

from bot.commands import Commands
from bot.ingest import pipeline
from bot.ingest.sources import RawArticle, from_path
from bot.nlp.workers import Parsers
from bot.services import Services
from bot.settings import Settings
from storage.writes import NewArticle

FIXTURES = Path(__file__).parent / "fixtures"
GATE = "NEWSBRIEF_TEST_PARSE_GATE"
# What a stored analysis is, by names rather than ids.
TABLES = {
    "articles": "SELECT title, story_id IS NULL, signature FROM articles ORDER BY title",
    "sentences": "SELECT a.title, s.position, s.text, s.words FROM sentences s JOIN articles a ON a.id = s.article_id "
    "ORDER BY a.title, s.position",
    "mentions": "SELECT a.title, s.position, e.name, e.kind, m.surface FROM mentions m JOIN entities e ON "
    "e.id = m.entity_id JOIN sentences s ON s.id = m.sentence_id JOIN articles a ON a.id = m.article_id "
    "ORDER BY 1, 2, 3, 4, 5",
    "roles": "SELECT a.title, s.position, e.name, r.role FROM roles r JOIN entities e ON e.id = r.entity_id "
    "JOIN sentences s ON s.id = r.sentence_id JOIN articles a ON a.id = r.article_id ORDER BY 1, 2, 3, 4",
    "quotes": "SELECT a.title, s.position, e.name, q.text, q.direct FROM quotes q JOIN entities e ON "
    "e.id = q.entity_id JOIN sentences s ON s.id = q.sentence_id JOIN articles a ON a.id = q.article_id "
    "ORDER BY 1, 2, 3, 4",
    "aliases": "SELECT e.name, e.kind, x.alias FROM aliases x JOIN entities e ON e.id = x.entity_id ORDER BY 1, 2, 3",
}


def _gate() -> Path:
    """A file the test creates to let a gated parse go on (the workers inherit its name)."""
    return Path(os.environ[GATE])


def refusing_batch(nlp: Language, articles: list[NewArticle]) -> pipeline.Analysed:
    """The real job, in a worker whose parser refuses texts over 2,000 characters (as
    test_ingest_hostile does in one process)."""
    limit, nlp.max_length = nlp.max_length, 2_000
    try:
        return pipeline.analyze_batch(nlp, articles)
    finally:
        nlp.max_length = limit


def crashing_batch(nlp: Language, articles: list[NewArticle]) -> pipeline.Analysed:
    """The real job, except that a worker given the article titled "Crash" dies on it."""
    if any(article.title == "Crash" for article in articles):
        os._exit(1)
    return pipeline.analyze_batch(nlp, articles)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def gated_batch(nlp: Language, articles: list[NewArticle]) -> pipeline.Analysed:
    """The real job, once the test opens the gate (a parse that lasts as long as the test wants)."""
    gate = _gate()
    gate.with_suffix(".started").touch()
    _wait_for(gate)
    return pipeline.analyze_batch(nlp, articles)


@pytest.fixture(scope="module")
def workers() -> Iterator[Parsers]:
    """Two worker processes for the whole module: starting them (a model each) is the slow part."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(GATE, str(Path(tempfile.gettempdir()) / f"newsbrief-parse-gate-{os.getpid()}"))
        parsers = Parsers(Settings(_env_file=None).spacy_model, 2)
        parsers.start()
        yield parsers
        parsers.close()


async def _services(tmp_path: Path, name: str, processes: int) -> Services:
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path / name}", nlp_processes=processes)
    return await Services(settings).open()


@pytest.fixture
async def parallel(tmp_path: Path, workers: Parsers) -> AsyncIterator[Services]:
    """Services whose ingest parses in the module's two workers."""
    news = await _services(tmp_path, "parallel.db", 2)
    own, news.parsers = news.parsers, workers
    yield news
    news.parsers = own
    await news.close()


def _fixture_articles() -> list[RawArticle]:
    files = [FIXTURES / "aleppo-truce.txt", FIXTURES / "rugby.txt", FIXTURES / "hewitt-latin1.txt"]
    files += sorted((FIXTURES / "brief").glob("*.txt"))
    articles = [item for path in files for item in from_path(path) if isinstance(item, RawArticle)]
    # One long read, parsed in pieces of 10,000 characters.
    long = "\n\n".join(article.text for article in articles * 6)
    assert len(long) > 20_000
    return [*articles, RawArticle(text=long, title="Everything at once", origin="long")]


async def _rows(news: Services) -> dict[str, list[tuple[object, ...]]]:
    async with news.session() as session:
        return {name: [tuple(row) for row in await session.execute(text(query))] for name, query in TABLES.items()}


async def test_worker_processes_store_what_one_process_stores(tmp_path: Path, parallel: Services) -> None:
    alone = await _services(tmp_path, "alone.db", 1)
    try:
        expected = await pipeline.ingest(alone, _fixture_articles())
        rows = await _rows(alone)
    finally:
        await alone.close()
    report = await pipeline.ingest(parallel, _fixture_articles())
    assert report.line() == expected.line() == f"{len(_fixture_articles())} new, 0 duplicates, 0 failed"
    assert await _rows(parallel) == rows
    assert all(rows.values()), {name: len(found) for name, found in rows.items()}
    # Parsed in the workers: this process never loaded a model of its own.
    assert parallel._nlp is None


async def test_an_article_the_parser_refuses_fails_alone_in_a_worker(
    parallel: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "analyze_batch", refusing_batch)
    items = [
        RawArticle(text="The harbour of Tallinn reopened on Monday after repairs, officials said.", title="Harbour"),
        RawArticle(text="Budget talks went on. " * 250, title="Budget talks", origin="long"),
        RawArticle(text="Mayor Ilze Ozola opened the new bridge in Riga on Monday, officials said.", title="Bridge"),
    ]
    report = await pipeline.ingest(parallel, items)
    assert report.line() == "2 new, 0 duplicates, 1 failed"
    assert [(f.origin, f.reason) for f in report.failed] == [("long", "could not analyse it (ValueError)")]
    assert parallel._nlp is None  # refused in a worker, retried there one by one
    who = await Commands(parallel).questions.who("Ozola")
    assert "Ilze Ozola" in who.messages[0]


async def test_the_chat_is_answered_while_workers_parse(parallel: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = Commands(parallel)
    await pipeline.ingest(parallel, [RawArticle(text=(FIXTURES / "aleppo-truce.txt").read_text(), title="")])
    gate = _gate()
    gate.unlink(missing_ok=True)
    started = gate.with_suffix(".started")
    started.unlink(missing_ok=True)
    monkeypatch.setattr(pipeline, "analyze_batch", gated_batch)
    ingesting = asyncio.create_task(pipeline.ingest(parallel, _fixture_articles()[1:]))
    try:
        await asyncio.to_thread(_wait_for, started)  # the workers have the batch
        began = time.perf_counter()
        latest = await commands.questions.latest("5")
        who = await commands.questions.who("Cavusoglu")
        answered = time.perf_counter() - began
        assert not ingesting.done()  # the parse is still held at the gate
        assert "Ankara rules out new offensive" in latest.messages[0]
        assert "Mevlut Cavusoglu" in who.messages[0]
        assert answered < 1.0
        gate.touch()
        report = await ingesting
        assert report.line() == f"{len(_fixture_articles()) - 1} new, 0 duplicates, 0 failed"
    finally:
        gate.touch()
        await asyncio.gather(ingesting, return_exceptions=True)
        gate.unlink(missing_ok=True)
        started.unlink(missing_ok=True)


async def test_a_worker_that_dies_costs_only_its_article(parallel: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "analyze_batch", crashing_batch)
    items = [
        RawArticle(text=f"Mayor Ilze Ozola opened bridge number {n} in Riga on Monday, officials said.", title=title)
        for n, title in enumerate(["One", "Two", "Crash", "Four"])
    ]
    report = await pipeline.ingest(parallel, items)
    assert report.line() == "3 new, 0 duplicates, 1 failed"
    assert [f.reason for f in report.failed] == ["could not analyse it (BrokenProcessPool)"]
    # The pool was replaced: the next ingest parses in fresh workers.
    monkeypatch.undo()
    again = await pipeline.ingest(parallel, [RawArticle(text="Officials in Riga said the bridge is open.", title="5")])
    assert again.line() == "1 new, 0 duplicates, 0 failed"
