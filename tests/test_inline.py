"""Inline mode (bot/inline.py, handlers/inline.py): `@bot Lavrov` in any chat offers the /who
answer, `@bot status Idlib` the /status one, ready to send, with their sources."""

from __future__ import annotations

from bot import inline
from bot.commands import Commands
from bot.render.html import to_plain
from tests.conftest import fixture_text
from tests.support.articles import store
from tests.support.botapi import FakeBotAPI
from tests.support.telegram_html import assert_sendable

LAVROV = """Lavrov holds grain talks in Ankara

Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday to discuss grain shipments.
Lavrov told reporters after the meeting that the talks on grain had been useful.
"We agreed to keep the corridor open," Lavrov said."""


async def test_a_name_offers_the_who_answer_with_role_and_sources(core: Commands) -> None:
    await store(core.services, [LAVROV], ["Wire A"])
    found = await inline.answer(core.questions, "Lavrov")
    (result,) = found.results
    assert result.title == "Sergei Lavrov — Russian Foreign Minister"
    assert result.description.startswith("1 article, last seen ")
    assert_sendable(result.html)
    assert result.html.startswith("<b>Sergei Lavrov</b> — Russian Foreign Minister")
    assert "Wire A · #1" in to_plain(result.html)  # the message names where it comes from
    assert found.hint is None


async def test_status_and_a_topic_answer_like_status(core: Commands) -> None:
    await store(core.services, [LAVROV], ["Wire A"])
    (place,) = (await inline.answer(core.questions, "status Ankara")).results
    assert place.title == "Ankara — place · 1 article"
    assert place.html.startswith("<b>Ankara</b> — place · 1 article") and "Wire A · #1" in to_plain(place.html)
    assert_sendable(place.html)
    # "/status", any case, works too; words that name no entity answer as a topic.
    (topic,) = (await inline.answer(core.questions, "/Status grain shipments")).results
    assert topic.title.startswith("grain shipments — topic")
    assert "grain shipments" in topic.html and "#1" in topic.html
    assert_sendable(topic.html)


async def test_a_shared_name_offers_each_bearer(core: Commands) -> None:
    await store(core.services, [fixture_text("rugby.txt")], ["Rugby Wire"])
    results = (await inline.answer(core.questions, "Robinson")).results
    titles = [r.title for r in results]
    assert any(t.startswith("Andy Robinson — ") for t in titles) and any(
        t.startswith("Jason Robinson — ") for t in titles
    )
    assert len({r.id for r in results}) == len(results) <= inline.MAX_RESULTS
    for result in results:
        assert_sendable(result.html)
        assert result.html.startswith(f"<b>{result.title.split(' — ')[0]}</b>")


async def test_an_empty_or_unknown_query_gets_a_hint_not_results(core: Commands) -> None:
    for query in ("", "  ", "L", "status "):
        found = await inline.answer(core.questions, query)
        assert found.results == [] and found.hint == inline.HINT
    unknown = await inline.answer(core.questions, "Nobody <Atall>")
    assert unknown.results == [] and unknown.hint is not None and "Nobody <Atall>" in unknown.hint


async def test_inline_queries_in_telegram(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=fixture_text("aleppo-truce.txt"))

    answer = await bot.ask_inline("Cavusoglu", chat_type="group")
    (result,) = answer["results"]
    assert result["type"] == "article" and result["title"] == "Mevlut Cavusoglu — Turkish Foreign Minister"
    content = result["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["message_text"].startswith("<b>Mevlut Cavusoglu</b> — Turkish Foreign Minister")
    assert "#1" in content["message_text"]
    # Cached per asker: a Russian speaker's answer is never shown to someone typing the same words.
    assert (answer["cache_time"], answer["is_personal"]) == ("30", "true"), answer

    status = await bot.ask_inline("status Aleppo")
    assert status["results"][0]["input_message_content"]["message_text"].startswith("<b>Aleppo</b> — place")

    empty = await bot.ask_inline("")
    assert empty["results"] == [] and empty["button"]["start_parameter"] == inline.START
    assert not bot.rejected
