"""/ingest and plain messages in a chat (bot/ingesting.py): what is stored, and what each answer says."""

from __future__ import annotations

from bot.commands import Commands
from bot.reply import Caller, Where
from tests.conftest import fixture_text

ME, HERE = Caller(42, admin=False), Where(42)


async def test_pasted_text_is_stored_once_with_its_title_and_entities(core: Commands) -> None:
    article = fixture_text("aleppo-truce.txt")
    (stored,) = (await core.handle(f"/ingest {article}", caller=ME, where=HERE)).messages
    assert stored.startswith("Stored #1: <b>Ankara rules out new offensive as Aleppo truce talks stall</b>")
    assert "Mevlut Cavusoglu" in stored and "Try /summarize 1" in stored
    (again,) = (await core.handle("/ingest", article, caller=ME, where=HERE)).messages
    assert again.startswith("Already stored as #1")


async def test_a_reply_to_a_message_stores_that_message(core: Commands) -> None:
    (stored,) = (await core.handle("/ingest", fixture_text("rugby.txt"), caller=ME, where=HERE)).messages
    assert stored.startswith("Stored #1")
    (latest,) = (await core.questions.latest("")).messages
    assert "#1 · " in latest


async def test_nothing_to_store_too_much_to_paste_and_chatter_get_pointers(core: Commands) -> None:
    (empty,) = (await core.ingesting.ingest("")).messages
    assert empty == "Send /ingest with a link or the article's text, or reply /ingest to a message."
    limit = core.services.settings.max_message_chars
    (huge,) = (await core.ingesting.ingest("word " * limit)).messages
    assert huge.startswith("That is too long to paste") and f"the limit is {limit:,}" in huge
    (chatter,) = (await core.handle("hello there", caller=ME, where=HERE)).messages
    assert chatter.startswith("Send me a link to store it") and "/help" in chatter
    (latest,) = (await core.questions.latest("")).messages
    assert "No articles yet" in latest


async def test_a_malformed_link_gets_a_reason_not_an_apology(core: Commands) -> None:
    for link, reason in [
        ("http://[::1", "the URL is malformed"),  # an unclosed IPv6 host
        ("http://[::1/news", "the URL is malformed"),
        ("https://example.org:99999/story", "port is not a number from 0 to 65535"),
    ]:
        for message in (f"/ingest {link}", link):
            (answer,) = (await core.handle(message, caller=ME, where=HERE)).messages
            assert answer.startswith("Could not store") and reason in answer, (message, answer)
    (latest,) = (await core.questions.latest("")).messages
    assert "No articles yet" in latest


async def test_summarizing_a_malformed_link_names_it_as_text(core: Commands) -> None:
    (answer,) = (await core.handle("/summarize http://[::1/news", caller=ME, where=HERE)).messages
    assert answer.startswith("Could not read http://[::1/news: the URL is malformed")
    assert "<a " not in answer  # Telegram refuses a message whose link is malformed
