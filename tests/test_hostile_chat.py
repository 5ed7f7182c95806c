"""Numbers and odd text from users (issue 11, item 5): each gets a clear reply, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from typer.testing import CliRunner

from bot.cli import cli
from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_text
from bot.reply import Caller, Where
from bot.services import Services
from bot.settings import Settings
from tests.conftest import fixture_text
from tests.support.botapi import FakeBotAPI
from tests.support.telegram_html import assert_sendable

ME = Caller(42, admin=True)
HERE = Where(42, 0, "private", "tester")


@pytest.fixture
async def chat(news: Services) -> AsyncIterator[Commands]:
    await ingest(news, [from_text(fixture_text("aleppo-truce.txt"), "aleppo-truce.txt")])
    yield Commands(news)


async def say(chat: Commands, text: str, replied: str | None = None) -> str:
    reply = await chat.handle(text, replied, caller=ME, where=HERE)
    for message in reply.messages:
        assert_sendable(message)
    return "\n".join(reply.messages)


@pytest.mark.parametrize(
    "text",
    ["/summarize 99999999999999999999", "/summarize 2147483648", "/summarize 3 9223372036854775808"],
)
async def test_an_id_past_the_integer_range_is_no_article(chat: Commands, text: str) -> None:
    number = text.split()[-1]
    assert await say(chat, text) == f"There is no article #{number}. /latest lists the ids."


@pytest.mark.parametrize("command", ["who", "trend", "follow"])
@pytest.mark.parametrize("number", ["9223372036854775808", "2147483648"])
async def test_an_entity_id_past_the_integer_range_is_not_known(chat: Commands, command: str, number: str) -> None:
    assert (await say(chat, f"/{command} #{number}")).startswith(f"I have not read about <b>#{number}</b> yet")


async def test_status_of_a_huge_entity_id_finds_nothing(chat: Commands) -> None:
    assert (await say(chat, "/status #2147483648")).startswith("Nothing about <b>#2147483648</b>")


async def test_counts_and_ids_are_ascii_digits(chat: Commands) -> None:
    # "²".isdigit() is true, but int("²") raises.
    assert await say(chat, "/latest ²") == "How many articles? Give a number up to 50, for example: /latest 5"
    assert "Ankara rules out new offensive" in await say(chat, "/latest 99999999999999999999")  # clamped
    assert (await say(chat, "/summarize ²")).startswith("“²” is neither an article id nor text I can summarize")
    assert await say(chat, "/feed remove ²") == "No feed ². /feeds lists them."


async def test_a_negative_id_is_refused_not_an_empty_summary(chat: Commands) -> None:
    reply = await say(chat, "/summarize -1")
    assert "Summary" not in reply
    assert reply == "“-1” is neither an article id nor text I can summarize. /latest lists the ids."


async def test_two_words_get_no_empty_summary(chat: Commands) -> None:
    assert await say(chat, "/summarize Aleppo truce") == "There is no text to summarize there."


@pytest.mark.parametrize("name", ["Europe", "A" * 300])
async def test_a_zone_that_is_no_iana_key_is_unknown(chat: Commands, name: str) -> None:
    reply = await say(chat, f"/subscribe 07:30 {name}")
    assert reply.startswith(f"I don't know the time zone “{name[:60]}”")
    assert await say(chat, "/settings") == "No daily brief here yet. /subscribe 08:00 Europe/London starts one."


async def test_a_zone_in_lower_case_is_found(chat: Commands) -> None:
    assert "<b>07:30</b> Europe/Berlin" in await say(chat, "/subscribe 07:30 europe/berlin")


async def test_nul_and_control_characters_are_dropped(chat: Commands) -> None:
    # PostgreSQL refuses NUL in text: the words around it must still be found.
    assert (await say(chat, "/who Cavu\x00soglu")).startswith("<b>Mevlut Cavusoglu</b> — Turkish Foreign Minister")
    assert (await say(chat, "/status Alep\x00po")).startswith("<b>Aleppo</b>")
    assert (await say(chat, "/trend Alep\x01po")).startswith("<b>Aleppo</b> — <b>Trend</b>")
    assert "#1 · " in await say(chat, "/search truce\x00 Aleppo")
    assert "Topics: a b, energy" in await say(chat, "/subscribe 07:30 topics: a\x00 b, energy\x7f")
    stored = await say(chat, "/ingest", replied=fixture_text("rugby.txt").replace(" ", " \x00", 5))
    assert stored.startswith("Stored #2")


async def test_nul_from_telegram_is_dropped(bot: FakeBotAPI) -> None:
    bot.user_message("/ingest", reply_to_text=fixture_text("aleppo-truce.txt"))
    await bot.replies(42, 1)
    bot.user_message("/status Alep\x00po")
    (status,) = [m["text"] for m in await bot.replies(42, 1)]
    assert status.startswith("<b>Aleppo</b>")


def test_show_a_huge_id(settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["show", "99999999999999999999"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "There is no article #99999999999999999999" in result.output


def test_feed_poll_of_a_huge_id(settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["feed", "poll", "9223372036854775808"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "No feed #9223372036854775808. `newsbrief feed list` lists them." in result.stderr


async def test_pasted_text_too_long_to_summarize_is_refused_quickly(chat: Commands) -> None:
    article = fixture_text("aleppo-truce.txt")
    pasted = article * (chat.services.settings.max_message_chars // len(article) + 1)
    answer = await say(chat, "/summarize " + pasted)
    assert answer.startswith("That is too long to paste")


def test_summarize_of_a_huge_file_keeps_its_first_part(tmp_path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    huge = tmp_path / "huge.txt"
    paragraph = "The council of Port Ellery voted on Monday to rebuild the old ferry pier before winter.\n\n"
    huge.write_text("Port Ellery rebuilds its pier\n\n" + paragraph * 25_000, encoding="utf-8")  # 2.2 MB
    result = CliRunner().invoke(cli, ["summarize", str(huge), "-n", "2"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Port Ellery rebuilds its pier" in result.output
    assert "• The council of Port Ellery" in result.output


def test_terminal_escape_codes_in_an_article_never_reach_the_terminal(tmp_path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "odd.jsonl"
    title = "Harbour \u001b[31mred\u001b]0;pwned\u0007 news"
    text = fixture_text("aleppo-truce.txt")
    line = json.dumps({"title": title, "text": text, "source": "Odd \u009b2J Wire"})
    source.write_text(line + "\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(source)], catch_exceptions=False).exit_code == 0
    for command in (["ask", "/latest"], ["ask", "/search harbour"], ["summarize", str(source)]):
        output = CliRunner().invoke(cli, command, catch_exceptions=False).output
        assert "Harbour" in output, command
        assert "\u001b" not in output and "\u0007" not in output and "\u009b" not in output, command


async def test_topics_past_the_limit_are_reported_not_dropped_silently(chat: Commands) -> None:
    await say(chat, "/subscribe 08:00 UTC")
    answer = await say(chat, "/topics add " + ", ".join(f"topic{n}" for n in range(25)))
    assert "topic19" in answer and "topic20" not in answer
    assert "5 more not added: a chat keeps at most 20 topics." in answer
