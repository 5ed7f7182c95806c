"""An ingest is all or nothing per article, and one bad article never costs the others."""

from __future__ import annotations

import pytest

from bot.commands import Commands
from bot.ingest import pipeline
from bot.ingest.sources import RawArticle
from bot.services import Services
from storage import queries


async def test_a_failure_mid_write_leaves_nothing_of_that_article(
    news: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.analyze_texts

    def broken_second(nlp, texts, **options):  # type: ignore[no-untyped-def]
        analyses = real(nlp, texts, **options)
        # A mention pointing past the last sentence: the write fails after the article row.
        ref = next(iter(analyses[1].entities))
        analyses[1].mentions.append((ref, 999, "ghost"))
        return analyses

    monkeypatch.setattr(pipeline, "analyze_texts", broken_second)
    items = [
        RawArticle(text="Mayor Ilze Ozola opened the new bridge in Riga on Monday, officials said.", title="One"),
        RawArticle(text="Mayor Ilze Ozola closed the old bridge in Riga on Tuesday, officials said.", title="Two"),
        RawArticle(text="Mayor Ilze Ozola visited the harbour in Riga on Wednesday, officials said.", title="Three"),
    ]
    report = await pipeline.ingest(news, items)
    assert report.line() == "2 new, 0 duplicates, 1 failed"
    async with news.session() as session:
        assert await queries.count_articles(session) == 2
        titles = [a.title for a in await queries.latest(session)]
        assert sorted(titles) == ["One", "Three"]
    who = await Commands(news).questions.who("Ozola")
    assert "Mentioned in 2 articles" in who.messages[0]


async def test_summarize_a_replied_message_without_storing_it(news: Services) -> None:
    text = (
        "Harbour reopens\n\nThe harbour of Tallinn reopened on Monday after repairs. "
        "Ships queued overnight to enter. Officials said the work cost two million euros. "
        "Fishermen welcomed the news and the weather was calm."
    )
    reply = await Commands(news).summaries.summarize("2", replied_text=text)
    assert reply.messages[0].startswith("<b>Harbour reopens</b>")
    assert reply.messages[0].count("• ") == 2
    async with news.session() as session:
        assert await queries.count_articles(session) == 0


async def test_the_same_text_twice_in_one_batch_is_stored_once(news: Services) -> None:
    text = "Mayor Ilze Ozola opened the new bridge in Riga on Monday, officials said."
    items = [RawArticle(text=text, title="First"), RawArticle(text=text, title="Again")]
    report = await pipeline.ingest(news, items)
    assert report.line() == "1 new, 1 duplicates, 0 failed"
    async with news.session() as session:
        assert [a.title for a in await queries.latest(session)] == ["First"]
    who = await Commands(news).questions.who("Ozola")
    assert "Mentioned in 1 article" in who.messages[0]
