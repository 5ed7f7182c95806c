"""The chat's language kept in the process (bot/chat_language.py): read once, not on every
message; /language takes effect on the very next message; another replica follows within
CACHE_SECONDS."""

from __future__ import annotations

import pytest

from bot import chat_language
from bot.commands import Commands
from bot.reply import Caller, Where
from bot.services import Services
from bot.settings import Settings
from storage import languages as rows

UNKNOWN_EN = "I don't know the command /frobnicate. Send /help for the list."
CHAT = 42


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The chat ids whose stored language is read from the database from now on."""
    reads: list[int] = []
    original = rows.chat_language

    async def counted(session, chat_id: int):  # type: ignore[no-untyped-def]
        reads.append(chat_id)
        return await original(session, chat_id)

    monkeypatch.setattr(rows, "chat_language", counted)
    return reads


async def ask(core: Commands, text: str, language_code: str | None = None, chat: int = CHAT) -> str:
    reply = await core.handle(text, caller=Caller(chat, admin=False, language_code=language_code), where=Where(chat))
    return reply.messages[0]


async def test_the_chat_language_is_read_once_and_language_takes_effect_on_the_next_message(
    core: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_reads(monkeypatch)
    assert await ask(core, "/frobnicate") == UNKNOWN_EN
    assert await ask(core, "/frobnicate") == UNKNOWN_EN
    assert await ask(core, "/frobnicate") == UNKNOWN_EN
    assert reads == [CHAT]  # three messages, one read (a chat with no row is remembered too)

    chosen = await ask(core, "/language ru")
    assert "Теперь в этом чате я говорю" in chosen
    russian = await ask(core, "/frobnicate", language_code="en")  # the chat's choice outranks Telegram's
    assert "/frobnicate" in russian and "I don't know" not in russian
    assert reads == [CHAT]  # /language filled the cache itself

    back = await ask(core, "/language en")
    assert "From now on I speak <b>English</b>" in back
    assert await ask(core, "/frobnicate") == UNKNOWN_EN
    assert await ask(core, "/frobnicate", chat=43) == UNKNOWN_EN  # another chat: its own read
    assert reads == [CHAT, 43]


async def test_a_noted_language_is_read_again_and_never_hides_a_chosen_one(
    core: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ask(core, "/language ru")
    reads = count_reads(monkeypatch)
    # An English speaker subscribes the chat: the noted language loses to the chosen one.
    subscribed = await ask(core, "/subscribe 07:30 Europe/Moscow", language_code="en")
    assert "Подписка оформлена." in subscribed
    after = await ask(core, "/frobnicate")
    assert "I don't know" not in after
    assert reads == [CHAT]  # read again once after the note, then remembered


async def test_another_replica_follows_a_new_choice_within_the_time_to_live(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(chat_language, "clock", lambda: now[0])
    first = await Services(settings).open()
    second = await Services(settings).open()  # another process on the same store
    try:
        here, there = Commands(first), Commands(second)
        assert await ask(there, "/frobnicate") == UNKNOWN_EN  # the replica remembers: no row
        assert "Теперь в этом чате" in await ask(here, "/language ru")
        assert "I don't know" not in await ask(here, "/frobnicate")  # at once where it was chosen
        now[0] += chat_language.CACHE_SECONDS / 2
        assert await ask(there, "/frobnicate") == UNKNOWN_EN  # stale there, but for a bounded time
        now[0] += chat_language.CACHE_SECONDS / 2
        assert "I don't know" not in await ask(there, "/frobnicate")
    finally:
        await first.close()
        await second.close()
