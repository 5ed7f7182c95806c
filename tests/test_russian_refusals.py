"""Refusals a Russian chat gets in Russian, through the fake Bot API: a damaged or scanned PDF, a
binary file, an unreachable link, too little text, a feed that is none (bot/ingest/*.py worded
through the catalog, also in the threads and the PDF reader's process)."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.conftest import running_bot
from tests.support.botapi import FakeBotAPI
from tests.support.pdfs import article_pdf, text_pdf
from tests.support.site import FakeSite, Page
from tests.test_i18n import english_words

RUSSIAN = {"language_code": "ru"}
HARBOUR = (
    "The harbour of Tallinn reopened on Monday after forty days of repairs, the port authority said. "
    "Harbour master Jaan Tamm said ferries to Helsinki would run every hour from the spring. "
)


async def in_russian(bot: FakeBotAPI) -> None:
    """The chat chooses Russian: files carry no sender's language, the chat's choice counts."""
    (chosen,) = await bot.ask("/language ru", **RUSSIAN)
    assert chosen.startswith("Теперь в этом чате я говорю")


async def answer_to_file(bot: FakeBotAPI, data: bytes, name: str, mime: str) -> str:
    bot.send_document(data, name, mime)
    (reply,) = await bot.replies(42)
    return reply["text"]


def left_in_english(reply: str, *quoted: str) -> list[str]:
    """The reply's Latin words besides what it quotes (a file name, a host) and "PDF"."""
    return [word for word in english_words(reply, list(quoted)) if word != "PDF"]


async def test_refused_files_are_explained_in_russian(bot: FakeBotAPI) -> None:
    await in_russian(bot)
    whole = article_pdf(HARBOUR * 3)
    damaged = await answer_to_file(bot, whole[: len(whole) // 3], "cut.pdf", "application/pdf")
    assert damaged == "Не удалось сохранить cut.pdf: этот PDF повреждён или это вовсе не PDF"
    scanned = await answer_to_file(bot, text_pdf([[]]), "scan.pdf", "application/pdf")
    assert scanned.startswith("Не удалось сохранить scan.pdf: текста в нём не найдено")
    binary = await answer_to_file(bot, bytes(range(256)) * 8, "data.txt", "text/plain")
    assert binary == "Не удалось сохранить data.txt: похоже, это двоичный файл, а не текст"
    empty = await answer_to_file(bot, b"  \n\n ", "empty.txt", "text/plain")
    assert empty == "Не удалось сохранить empty.txt: слишком мало текста для статьи"
    for reply, name in [(damaged, "cut"), (scanned, "scan"), (binary, "data"), (empty, "empty")]:
        assert not left_in_english(reply, name), reply


async def test_links_and_pasted_text_are_refused_in_russian(bot: FakeBotAPI) -> None:
    await in_russian(bot)
    (unreachable,) = await bot.ask("/ingest http://no-such-host.invalid/news", **RUSSIAN)
    assert "не удаётся найти сервер no-such-host.invalid" in unreachable
    (local,) = await bot.ask("/ingest http://127.0.0.1:9/story", **RUSSIAN)
    assert "это частный или локальный адрес" in local
    (short,) = await bot.ask("/ingest Всем привет.", **RUSSIAN)
    assert short == "Не удалось сохранить сообщение: слишком мало текста для статьи"
    for reply in (unreachable, local, short):
        assert not left_in_english(reply, "http://no-such-host.invalid/news", "no-such-host.invalid"), reply


@pytest.fixture
def operator(settings: Settings) -> Settings:
    return settings.model_copy(update={"admin_user_ids": [42]})


async def test_feed_errors_reach_a_russian_operator_in_russian(operator: Settings, fake_api: FakeBotAPI) -> None:
    site = FakeSite({"/news.txt": Page(b"Plain words, not a feed.", content_type="text/plain")})
    with site.serving() as base:
        async with running_bot(operator, fake_api, fetch_allow_loopback=True) as bot:
            await in_russian(bot)
            (not_a_feed,) = await bot.ask(f"/feed add {base}/news.txt", **RUSSIAN)
            (not_http,) = await bot.ask("/feed add ftp://example.com/rss", **RUSSIAN)
    assert "это не лента RSS или Atom" in not_a_feed, not_a_feed
    assert not_http == "Не удалось добавить ftp://example.com/rss: адрес не начинается с http(s)"
