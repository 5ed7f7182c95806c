"""/summarize (bot/summaries.py): a stored article, pasted text or a replied message, in n sentences."""

from __future__ import annotations

from bot.commands import Commands
from bot.reply import CONSOLE
from tests.conftest import fixture_text
from tests.support.articles import store


async def summary(core: Commands, text: str, replied: str | None = None) -> str:
    return "\n".join((await core.handle(text, replied, caller=CONSOLE)).messages)


async def test_a_stored_article_in_three_sentences_or_n(core: Commands) -> None:
    await store(core.services, [fixture_text("aleppo-truce.txt")])
    three = await summary(core, "/summarize 1")
    assert three.startswith("<b>Ankara rules out new offensive") and three.count("• ") == 3
    assert "Advertisement" not in three and "newsletter" not in three
    assert (await summary(core, "/summarize 5 1")).count("• ") == 5
    assert (await summary(core, "/summarize #1")) == three


async def test_a_replied_message_is_summarized_without_being_stored(core: Commands) -> None:
    answer = await summary(core, "/summarize 2", fixture_text("aleppo-truce.txt"))
    assert answer.count("• ") == 2 and "Cavusoglu" in answer
    assert "No articles yet" in await summary(core, "/latest")


async def test_a_missing_article_or_nothing_to_summarize_says_what_to_send(core: Commands) -> None:
    assert await summary(core, "/summarize 9") == "There is no article #9. /latest lists the ids."
    assert (await summary(core, "/summarize")).startswith("Summarize what? Send /summarize with an article id")
