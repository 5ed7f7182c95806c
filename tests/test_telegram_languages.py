"""Russian and French news through Telegram (issue 15): a user sends an article in either language
to the running bot through the fake Bot API, then asks /who, /status and /summarize about it; a
Russian user is answered in Russian, an English one in English."""

from __future__ import annotations

from bot.render.html import to_plain
from tests.support.botapi import FakeBotAPI
from tests.test_french import MARSEILLE
from tests.test_russian import TALKS

RUSSIAN = {"language_code": "ru"}


async def test_a_russian_article_sent_by_a_russian_user(bot: FakeBotAPI) -> None:
    (stored,) = await bot.ask("/ingest", reply_to_text=TALKS, **RUSSIAN)
    assert "Сохранено #1" in stored, stored
    # A name in the genitive finds the person, named in the nominative, with the role before it.
    (who,) = await bot.ask("/who Зеленского", **RUSSIAN)
    assert to_plain(who).startswith("Владимир Зеленский — президент Украины"), who
    assert "Упоминается в 1 статье" in who
    # A place in the locative, with what was said there and the source.
    (status,) = await bot.ask("/status в Киеве", **RUSSIAN)
    assert to_plain(status).startswith("Киев"), status
    assert "Киев ждет от Москвы письменных гарантий до конца месяца" in status
    # Whole Russian sentences, in the article's own order of importance.
    (summary,) = await bot.ask("/summarize 3 1", **RUSSIAN)
    bullets = [line.removeprefix("• ") for line in to_plain(summary).splitlines() if line.startswith("• ")]
    body = TALKS.split("\n", 2)[2].splitlines()
    assert len(bullets) == 3 and all(bullet in body for bullet in bullets), summary


async def test_a_french_article_sent_by_an_english_user(bot: FakeBotAPI) -> None:
    (stored,) = await bot.ask("/ingest", reply_to_text=MARSEILLE, language_code="en")
    assert "Stored #1" in stored, stored
    (who,) = await bot.ask("/who Darmanin", language_code="en")
    assert to_plain(who).startswith("Gérald Darmanin — ministre de l'Intérieur"), who
    assert "Mentioned in 1 article" in to_plain(who)
    (status,) = await bot.ask("/status Marseille", language_code="en")
    assert to_plain(status).startswith("Marseille — place"), status
    assert "Deux cents policiers supplémentaires seront déployés à Marseille" in status
    (summary,) = await bot.ask("/summarize 3 1", language_code="en")
    bullets = [line.removeprefix("• ") for line in to_plain(summary).splitlines() if line.startswith("• ")]
    body = MARSEILLE.split("\n", 2)[2].splitlines()
    assert len(bullets) == 3 and all(bullet in body for bullet in bullets), summary
