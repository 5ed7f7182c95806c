"""The bot through python-telegram-bot and the fake Bot API, as a Telegram user sees it."""

from __future__ import annotations

from tests.conftest import fixture_text
from tests.support.botapi import FakeBotAPI


async def test_help_lists_every_command_and_menu_is_registered(bot: FakeBotAPI) -> None:
    (reply,) = await bot.ask("/help")
    for command in ("/who", "/status", "/summarize", "/latest", "/search", "/ingest"):
        assert command in reply
    assert "/who Lavrov" in reply  # an example for each command
    commands = [params for name, params in bot.calls if name == "setMyCommands"]
    assert commands and {c["command"] for c in commands[0]["commands"]} >= {"who", "status", "summarize"}


async def test_ingest_then_who_status_summarize(bot: FakeBotAPI) -> None:
    (stored,) = await bot.ask("/ingest", reply_to_text=fixture_text("aleppo-truce.txt"))
    assert "Stored #1" in stored and "Mevlut Cavusoglu" in stored

    (who,) = await bot.ask("/who Cavusoglu")
    assert who.splitlines()[0] == "<b>Mevlut Cavusoglu</b> — Turkish Foreign Minister"
    assert "Mentioned in 1 article" in who
    assert "We are not preparing any operation with Russia or Iran around Aleppo" in who
    assert "#1" in who  # every statement names its source

    (status,) = await bot.ask("/status Aleppo")
    lines = status.split("\n\n")[0].splitlines()  # the dated lines; trend and who is involved follow
    assert lines[0].startswith("<b>Aleppo</b>")
    assert all(line[:4].isdigit() and line[4] == "-" for line in lines[1:])
    assert any("government artillery shelled two villages" in line and "#1" in line for line in lines)
    assert "<b>Trend</b>: " in status and "<b>Most involved</b>: " in status

    (summary,) = await bot.ask("/summarize 1")
    assert summary.count("• ") == 3
    assert "Advertisement" not in summary and "newsletter" not in summary and "Sign up" not in summary

    (longer,) = await bot.ask("/summarize 5 1")
    assert longer.count("• ") == 5


async def test_unknown_command_and_plain_text_get_pointers(bot: FakeBotAPI) -> None:
    (reply,) = await bot.ask("/frobnicate")
    assert "/frobnicate" in reply and "/help" in reply
    (reply,) = await bot.ask("hello there")
    assert "/help" in reply
    (reply,) = await bot.ask("/who Nobody Atall")
    assert "not read about" in reply


async def test_ambiguous_name_offers_buttons(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=fixture_text("rugby.txt"))
    bot.user_message("/who Robinson")
    (offer,) = await bot.replies()
    buttons = [b for row in offer["params"]["reply_markup"]["inline_keyboard"] for b in row]
    labels = " | ".join(b["text"] for b in buttons)
    assert "Andy Robinson" in labels and "Jason Robinson" in labels
    jason = next(b for b in buttons if "Jason" in b["text"])
    bot.press_button(jason["callback_data"])
    (who,) = await bot.replies()
    assert who["text"].splitlines()[0] == "<b>Jason Robinson</b> — England captain"


async def test_link_to_loopback_is_refused_and_nothing_stored(bot: FakeBotAPI) -> None:
    (reply,) = await bot.ask("http://127.0.0.1:9/story.html")
    assert "private or local address" in reply
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest


async def test_markup_in_articles_is_escaped(bot: FakeBotAPI) -> None:
    text = (
        'Tags <b>and</b> ampersands & "quotes\n\n'
        "The <script>alert(1)</script> council of Smith & Sons met in Leeds on Monday, "
        'chairman Tom Baker said. He said the "deal is <done>.'
    )
    (stored,) = await bot.ask("/ingest", reply_to_text=text)
    assert "Stored #1" in stored
    (summary,) = await bot.ask("/summarize 1")
    assert "&lt;script&gt;" in summary and "Smith &amp; Sons" in summary
    assert not bot.rejected


async def test_empty_and_huge_ingest_get_clear_answers(bot: FakeBotAPI) -> None:
    (reply,) = await bot.ask("/ingest")
    assert "Send /ingest with a link" in reply
    (reply,) = await bot.ask("/ingest " + "word " * 5000)
    assert "too long" in reply
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest


async def test_long_answers_are_split_under_the_limit(bot: FakeBotAPI) -> None:
    for number in range(45):
        title = f"Story {number} " + "about the long winding road to the harbour " * 3
        body = f"Report number {number} says the harbour of Tallinn reopened after {number} days of repairs."
        (reply,) = await bot.ask("/ingest", reply_to_text=f"{title}\n\n{body}")
        assert "Stored" in reply
    bot.user_message("/latest 45")
    messages = await bot.replies(count=2)
    assert all(len(m["text"]) <= 4096 for m in messages)
    assert sum(m["text"].count("#") for m in messages) == 45
    assert not bot.rejected


async def test_trend_sends_a_chart(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=fixture_text("aleppo-truce.txt"))
    bot.user_message("/trend Aleppo")
    photo = await bot.photo()
    assert len(bot.photos) == 1
    assert photo["photo"].startswith(b"\x89PNG\r\n\x1a\n") and len(photo["photo"]) > 200
    assert photo["caption"].startswith("<b>Aleppo</b> — <b>Trend</b>: ") and "articles a day" in photo["caption"]


def buttons(message: dict) -> list[dict]:
    return [b for row in message["params"]["reply_markup"]["inline_keyboard"] for b in row]


async def test_a_follow_picked_from_buttons_is_followed(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=fixture_text("rugby.txt"))
    bot.user_message("/follow Robinson")
    (offer,) = await bot.replies()
    assert "Which Robinson do you mean?" in offer["text"]
    jason = next(b for b in buttons(offer) if "Jason" in b["text"])
    assert jason["callback_data"].startswith("/follow #")
    bot.press_button(jason["callback_data"])
    (followed,) = await bot.replies()
    assert followed["text"].startswith("Following <b>Jason Robinson</b>")
    (following,) = await bot.ask("/following")
    assert following == "<b>Following</b>: Jason Robinson"


async def test_a_button_in_a_group_carries_the_pressers_rights(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=fixture_text("rugby.txt"))
    group = -300
    bot.members[(group, 43)] = "administrator"
    bot.user_message("/follow Robinson", chat_id=group, chat_type="group", user_id=43)
    (offer,) = await bot.replies(group)
    jason = next(b for b in buttons(offer) if "Jason" in b["text"])
    bot.press_button(jason["callback_data"], chat_id=group, user_id=44, chat_type="group")  # a member, no admin
    (refused,) = await bot.replies(group)
    assert refused["text"] == "Only this chat's administrators can change what it receives."
    bot.press_button(jason["callback_data"], chat_id=group, user_id=43, chat_type="group")
    (followed,) = await bot.replies(group)
    assert followed["text"].startswith("Following <b>Jason Robinson</b>")
    (following,) = await bot.ask("/following", chat_id=group, chat_type="group", user_id=44)
    assert following == "<b>Following</b>: Jason Robinson"


async def test_a_command_for_another_bot_in_a_group_is_left_to_it(bot: FakeBotAPI) -> None:
    group = {"chat_id": -300, "chat_type": "group"}
    bot.user_message("/frobnicate@OtherBot", **group)
    bot.user_message("/help@OtherBot", **group)
    (mine,) = await bot.ask("/latest@newsbrief_test_bot", **group)
    assert "No articles yet" in mine
    # A forged button that carries no command is ignored, as plain text in a group is.
    bot.press_button("hello there", chat_id=-300, chat_type="group")
    (again,) = await bot.ask("/latest", **group)
    assert "No articles yet" in again
