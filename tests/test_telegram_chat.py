"""Telegram's chat conventions, through the fake Bot API: a short greeting on /start, deep links
(t.me/<bot>?start=who_Lavrov) and the share link under /who, the pressed choice shown in place of
its buttons, and "typing…" while a reply takes long."""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot import deep_links
from bot.commands import UNKNOWN_LINK, Commands
from bot.questions import Questions
from bot.reply import CONSOLE
from bot.user_input import clean_input
from handlers import messages
from tests.conftest import fixture_text
from tests.support.botapi import BOT_USER, FakeBotAPI
from tests.support.botapi.world import METHODS, error

LAVROV = """Russia rules out joint operation in Syria, Lavrov says

MOSCOW – Russia, Turkey and Iran are not planning joint military actions in Syria, Russian Foreign \
Minister Sergei Lavrov said on Monday.
“We are not planning joint military operations of Russia, Turkey and Iran in Syria,” Lavrov said in an \
interview ahead of his visit to China.
He added that the three countries remain the guarantors of the truce in the Syrian province of Idlib.
"""
ÇAVUŞOĞLU = """Ankara keeps its observers near Aleppo

ANKARA – Turkey will keep its observers near Aleppo, Turkish Foreign Minister Mevlüt Çavuşoğlu said on Tuesday.
“Our soldiers will stay as long as the civilians need them,” Çavuşoğlu told reporters in Ankara.
"""
SHARE = re.compile(r'<a href="https://t\.me/' + BOT_USER["username"] + r'\?start=([^"]+)">')
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def share_payload(answer: str) -> str:
    """The start payload of the share link under a /who answer."""
    found = SHARE.search(answer)
    assert found, answer
    return found.group(1)


# -- /start ---------------------------------------------------------------------------------


async def test_start_greets_in_a_few_lines_and_is_not_the_help(bot: FakeBotAPI) -> None:
    (greeting,) = await bot.ask("/start")
    (help_text,) = await bot.ask("/help")
    assert len(greeting) < 600 and len(help_text) > 2 * len(greeting)
    assert 3 <= len(greeting.splitlines()) <= 5
    assert "/who Lavrov" in greeting and "/status Idlib" in greeting and "/help" in greeting
    assert "/start" not in help_text  # Telegram sends it; /help lists what to ask
    assert UNKNOWN_LINK not in greeting


async def test_an_unknown_or_garbled_link_gets_the_greeting_and_one_line(bot: FakeBotAPI) -> None:
    (greeting,) = await bot.ask("/start")
    for payload in ("frobnicate_Lavrov", "who-%%%", "who-A", "who_", "who-gICA"):  # "who-gICA": not UTF-8
        (reply,) = await bot.ask(f"/start {payload}")
        assert reply == f"{UNKNOWN_LINK}\n\n{greeting}", payload
    assert not bot.rejected


# -- deep links and share links -------------------------------------------------------------


async def test_deep_links_run_who_status_and_summarize(bot: FakeBotAPI) -> None:
    (stored,) = await bot.ask("/ingest", reply_to_text=LAVROV)
    assert "Stored #1" in stored

    (who,) = await bot.ask("/start who_Sergei_Lavrov")
    assert who.splitlines()[0] == "<b>Sergei Lavrov</b> — Russian Foreign Minister"
    assert "#1" in who  # sources named, as in a typed /who
    assert share_payload(who) == "who_Sergei_Lavrov"
    assert who == (await bot.ask("/who Lavrov"))[0]

    (status,) = await bot.ask("/start status_Idlib")
    assert status.startswith("<b>Idlib</b> — place") and "Syrian province of Idlib" in status

    (summary,) = await bot.ask("/start summarize_1")
    assert summary.count("• ") == 3 and "#1" in summary
    assert not bot.rejected


async def test_a_non_ascii_name_round_trips_through_its_share_link(bot: FakeBotAPI) -> None:
    await bot.ask("/ingest", reply_to_text=ÇAVUŞOĞLU)
    (who,) = await bot.ask("/who Çavuşoğlu")
    assert who.splitlines()[0] == "<b>Mevlüt Çavuşoğlu</b> — Turkish Foreign Minister"
    payload = share_payload(who)
    assert PAYLOAD.fullmatch(payload)  # what Telegram accepts in a start parameter
    # Telegram opens the chat with "/start <payload>": the same answer, share link and all.
    (linked,) = await bot.ask(f"/start {payload}")
    assert linked == who


async def test_the_console_has_no_bot_name_so_no_share_link(core: Commands) -> None:
    await core.handle("/ingest", LAVROV, caller=CONSOLE)
    who = "\n".join((await core.handle("/who Lavrov", caller=CONSOLE)).messages)
    assert who.startswith("<b>Sergei Lavrov</b>") and "t.me/" not in who
    linked = "\n".join((await core.handle("/start who_Sergei_Lavrov", caller=CONSOLE)).messages)
    assert linked == who


NAMES = st.text(st.characters(codec="utf-8"), min_size=1, max_size=70).filter(
    lambda name: clean_input(name) == name and name.strip() != ""
)


@given(name=NAMES, command=st.sampled_from(deep_links.LINKED))
@example(name="Владимир Зеленский", command="who")
@example(name="Sergei Lavrov", command="who")
@example(name="Jean-Yves Le Drian", command="status")
@example(name="snake_case name", command="who")
def test_a_payload_is_telegrams_alphabet_and_decodes_to_the_name(name: str, command: str) -> None:
    payload = deep_links.encode(command, name)
    if payload is None:  # every name of up to 40 bytes gets a link (base64 of 40 bytes: 54 characters)
        assert len(name.encode()) > 40
        return
    assert PAYLOAD.fullmatch(payload)
    assert deep_links.decode(payload) == (command, name)


def test_names_of_ordinary_length_always_get_a_link() -> None:
    assert deep_links.encode("who", "Sergei Lavrov") == "who_Sergei_Lavrov"
    assert deep_links.encode("who", "Владимир Зеленский") is not None  # 18 letters, 2 bytes each
    assert deep_links.encode("who", "A" * 60) is not None
    assert deep_links.encode("feed", "x") is None  # only who, status and summarize are linked


@given(payload=st.text(max_size=80))
def test_decoding_anything_never_fails(payload: str) -> None:
    decoded = deep_links.decode(payload)
    assert decoded is None or (decoded[0] in deep_links.LINKED and decoded[1].strip())


# -- choice buttons -------------------------------------------------------------------------


def buttons(message: dict) -> list[dict]:
    return [b for row in message["params"]["reply_markup"]["inline_keyboard"] for b in row]


async def offered_robinsons(bot: FakeBotAPI) -> tuple[dict, dict]:
    """The choice `/who Robinson` offers after the rugby article, and its Jason Robinson button."""
    await bot.ask("/ingest", reply_to_text=fixture_text("rugby.txt"))
    bot.user_message("/who Robinson")
    (offer,) = await bot.replies()
    return offer, next(b for b in buttons(offer) if "Jason" in b["text"])


async def test_a_pressed_choice_replaces_the_buttons_with_the_choice(bot: FakeBotAPI) -> None:
    offer, jason = await offered_robinsons(bot)

    bot.press_button(jason["callback_data"], under=offer)
    (who,) = await bot.replies()
    assert who["text"].splitlines()[0] == "<b>Jason Robinson</b> — England captain"

    # The question stays, without its buttons, and says what was picked.
    shown = bot.as_shown(offer["chat_id"], offer["message_id"])
    assert "reply_markup" not in shown
    assert shown["text"].startswith("Which Robinson do you mean?")
    assert shown["text"].endswith("→ " + jason["text"])
    (edit,) = bot.edits
    assert edit["message_id"] == offer["message_id"] and edit["part"] == "text"
    methods = bot.methods()
    answered = max(i for i, method in enumerate(methods) if method == "sendMessage")
    assert methods.index("editMessageText") < answered  # the choice is shown at once, before the answer
    assert not bot.rejected


async def test_a_press_on_a_message_that_cannot_be_edited_is_still_answered(bot: FakeBotAPI) -> None:
    offer, jason = await offered_robinsons(bot)
    bot.press_button(jason["callback_data"], under=offer)
    await bot.replies()
    # The same button pressed again on a stale screen: Telegram says "message is not modified".
    bot.press_button(jason["callback_data"], under=offer)
    (again,) = await bot.replies()
    assert again["text"].splitlines()[0] == "<b>Jason Robinson</b> — England captain"
    # And under a message the bot can no longer edit (too old, deleted).
    bot.press_button(jason["callback_data"])
    (old,) = await bot.replies()
    assert old["text"] == again["text"]
    assert len(bot.edits) == 1


async def test_a_press_is_answered_when_telegram_fails_to_acknowledge_it_or_to_edit(
    bot: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    offer, jason = await offered_robinsons(bot)
    # The press's acknowledgement expired, and the edit of the message hits a Telegram outage.
    expired = error(400, "Bad Request: query is too old and response timeout expired or query id is invalid")
    monkeypatch.setitem(METHODS, "answerCallbackQuery", ((), lambda world, params: expired))
    monkeypatch.setitem(METHODS, "editMessageText", ((), lambda world, params: error(502, "Bad Gateway")))
    bot.press_button(jason["callback_data"], under=offer)
    (who,) = await bot.replies()
    assert who["text"].splitlines()[0] == "<b>Jason Robinson</b> — England captain"
    assert {"answerCallbackQuery", "editMessageText"} <= set(bot.methods())


# -- typing ---------------------------------------------------------------------------------


def typing_calls(bot: FakeBotAPI) -> list[dict]:
    return [params for name, params in bot.calls if name == "sendChatAction"]


async def test_a_fast_reply_shows_no_typing(bot: FakeBotAPI) -> None:
    await bot.ask("/help")
    await bot.ask("/latest")
    assert typing_calls(bot) == []


async def test_a_slow_reply_shows_typing_until_it_is_sent(bot: FakeBotAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "TYPING_AFTER", 0.1)
    monkeypatch.setattr(messages, "TYPING_EVERY", 0.2)
    latest = Questions.latest

    async def slow_latest(self: Questions, arg: str) -> object:
        await asyncio.sleep(1.0)
        return await latest(self, arg)

    monkeypatch.setattr(Questions, "latest", slow_latest)
    (reply,) = await bot.ask("/latest")
    assert "No articles yet" in reply
    typing = typing_calls(bot)
    # At 0.1 s, then every 0.2 s while the reply is made: renewed before Telegram's 5 s run out.
    assert 3 <= len(typing) <= 6 and {str(t["action"]) for t in typing} == {"typing"}
    methods = bot.methods()
    assert max(i for i, m in enumerate(methods) if m == "sendChatAction") < methods.index("sendMessage")
    await asyncio.sleep(0.5)
    assert len(typing_calls(bot)) == len(typing)  # and none once the reply is sent
