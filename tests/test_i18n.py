"""The bot's own words in English and Russian (bot/i18n.py, bot/locales): every marked string
translated, and a Russian user answered in Russian through the fake Bot API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select
from telegram.ext import Application

from bot import i18n
from bot.commands import Commands
from bot.render.html import to_plain
from bot.render.replies import articles_phrase
from bot.reply import Caller, Where
from storage.models import Article, Entity, Quote, Role, Sentence
from tests.conftest import fixture_text
from tests.support.articles import FIXTURES, store, store_brief_news
from tests.support.botapi import FakeBotAPI
from tests.support.briefs import brief_time, tick

ROOT = Path(__file__).parent.parent
RUSSIAN_PO = ROOT / "bot" / "locales" / "ru" / "LC_MESSAGES" / "newsbrief.po"
# {name}, {count:,}; %s, %(name)d: what .format() and % fill in, which a translation must keep.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\(\w+\))?[sdr]")
TAG = re.compile(r"</?\w+>|&\w+;")


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every msgid marked in the code (_(), ngettext(), N_()), with where it is, as `make messages` finds them."""
    found: dict[str | tuple[str, ...], list[str]] = {}
    for package in ("bot", "handlers"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")]
        ):
            found.setdefault(message, []).append(f"{package}/{filename}:{lineno}")
    return found


def test_every_marked_string_has_a_checked_russian_translation() -> None:
    with RUSSIAN_PO.open("rb") as source:
        catalog = read_po(source, locale="ru")
    marked = extracted()
    assert len(marked) > 150  # the scan found the code's strings, not an empty folder
    problems = []
    for msgid, where in marked.items():
        entry = catalog.get(msgid)
        strings = [] if entry is None else list(entry.string) if isinstance(entry.string, tuple) else [entry.string]
        if entry is None or entry.fuzzy or not strings or not all(s.strip() for s in strings):
            problems.append(f"untranslated {msgid!r} ({where[0]})")
            continue
        if isinstance(msgid, tuple) and len(strings) != 3:
            problems.append(f"{msgid!r}: Russian has 3 plural forms, not {len(strings)}")
        sources = msgid if isinstance(msgid, tuple) else (msgid,)
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        tags = sorted(TAG.findall(sources[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{msgid!r}: placeholders {wanted} but {string!r}")
            if sorted(TAG.findall(string)) != tags:
                problems.append(f"{msgid!r}: HTML {tags} but {string!r}")
    assert not problems, "\n".join(problems)


def test_russian_plurals_take_three_forms_and_english_stays_the_default() -> None:
    with i18n.using("ru"):
        assert [articles_phrase(n) for n in (1, 2, 5, 11, 21, 22)] == [
            "1 статья",
            "2 статьи",
            "5 статей",
            "11 статей",
            "21 статья",
            "22 статьи",
        ]
    assert [articles_phrase(n) for n in (1, 2)] == ["1 article", "2 articles"]


@pytest.mark.parametrize(
    ("code", "language"), [("ru", "ru"), ("ru-RU", "ru"), ("RU", "ru"), ("en-GB", "en"), ("uk", "en"), ("de", "en")]
)
def test_telegram_language_codes_choose_russian_or_english(code: str, language: str) -> None:
    assert i18n.language_for(code) == language


def test_no_language_code_means_the_default_language() -> None:
    assert i18n.language_for(None) == "en" and i18n.language_for(None, "ru") == "ru"


# -- a Russian user, through the fake Bot API --------------------------------------------------
RUSSIAN = {"language_code": "ru"}
# Latin words a Russian reply may hold besides commands, URLs, zones and article text: names.
NAMES = {"Telegram", "newsbrief", "UTC"}
# Command syntax shown in examples ("/topics add …", "/subscribe 07:30 topics: …").
SYNTAX = {"add", "remove", "list", "topics", "en", "ru"}


async def article_strings(app: Application) -> list[str]:
    """Everything an answer may quote from what was read: titles, sources, names, roles, quotes, sentences."""
    async with app.bot_data.commands.services.session() as session:
        found = []
        for column in (Article.title, Article.source, Entity.name, Role.role, Quote.text, Sentence.text):
            found += [value for value in await session.scalars(select(column)) if value]
    return sorted(set(found), key=len, reverse=True)


def english_words(html: str, quoted: list[str]) -> list[str]:
    """The Latin-letter words of a reply once what it quotes from articles (and from the user) is
    taken out, with commands, URLs, @handles, time zones and file extensions: the bot's own
    words left in English."""
    text = to_plain(html)
    for part in quoted:  # longest first: a sentence goes whole before a name inside it
        text = text.replace(part, " ")
        clipped = part[:200]  # a long sentence is shown cut short ("…")
        text = text.replace(clipped.rsplit(" ", 1)[0], " ") if len(part) > 200 else text
    text = re.sub(r"https?://\S+|t\.me/\S+", " ", text)
    text = re.sub(r"\b[A-Z][A-Za-z_]+/[A-Za-z_]+\b", " ", text)  # Europe/Moscow
    text = re.sub(r"[/@]\w+|\.(?:txt|html|md|pdf)\b|\b[A-Z][A-Z_]{3,}\b", " ", text)  # commands, handles, settings
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in NAMES | SYNTAX]


async def test_a_russian_user_is_answered_in_russian(bot: FakeBotAPI, telegram: Application) -> None:
    (stored,) = await bot.ask("/ingest", reply_to_text=fixture_text("aleppo-truce.txt"), **RUSSIAN)
    assert "Сохранено #1" in stored
    quoted = await article_strings(telegram)
    asked = ["Cavusoglu", "Aleppo", "Nowhere", "frobnicate", "abc"]  # what the user typed, echoed back
    replies = {"/ingest": stored}
    for text in (
        "/help",
        "/start",
        "/who Cavusoglu",
        "/status Aleppo",
        "/latest",
        "/summarize 1",
        "/subscribe 07:30 Europe/Moscow",
        "/settings",
        "/topics",
        "/following",
        "/follow Cavusoglu",
        "/frobnicate",  # an unknown command
        "/latest abc",  # bad arguments
        "/subscribe 07:30 Nowhere",
        "/summarize 99",
        "/who",
        "Привет",  # plain text in a private chat
    ):
        (replies[text],) = await bot.ask(text, **RUSSIAN)
    left = {text: english_words(reply, quoted + asked) for text, reply in replies.items()}
    assert not {text: words for text, words in left.items() if words}, left
    # The check sees English where there is some: the same question from an English user.
    (english,) = await bot.ask("/who Cavusoglu", language_code="en")
    assert {"Mentioned", "last", "seen"} <= set(english_words(english, quoted + asked))
    # Russian, with Russian plurals, in the messages that count things.
    assert "Упоминается в 1 статье" in replies["/who Cavusoglu"]
    assert "Подписка оформлена." in replies["/subscribe 07:30 Europe/Moscow"]
    assert "/who Лавров" in replies["/help"] and "например" in replies["/help"]
    # The menu Telegram shows to Russian users, besides the default English one.
    menus = {params.get("language_code"): params for name, params in bot.calls if name == "setMyCommands"}
    russian = {c["command"]: c["description"] for c in menus["ru"]["commands"]}
    assert russian["who"] == "кто этот человек или что это за организация"
    assert {c["command"] for c in menus[None]["commands"]} == set(russian)


async def test_language_en_switches_the_chat_to_english_and_back(bot: FakeBotAPI) -> None:
    bot.user_message("/language", **RUSSIAN)
    (shown,) = await bot.replies()
    assert "Русский" in shown["text"]
    buttons = [b["callback_data"] for row in shown["params"]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["/language en", "/language ru"]

    bot.press_button("/language en", under=shown, **RUSSIAN)
    switched = [m["text"] for m in await bot.replies()]
    assert "From now on I speak <b>English</b> in this chat" in switched[0]
    (typed,) = await bot.ask("/language en", **RUSSIAN)
    assert typed == switched[0]
    # The chat's choice outranks the user's Telegram language.
    (help_text,) = await bot.ask("/help", **RUSSIAN)
    assert "who is this person or organisation" in help_text and "кто" not in help_text
    (unknown,) = await bot.ask("/frobnicate", **RUSSIAN)
    assert unknown == "I don't know the command /frobnicate. Send /help for the list."

    (back,) = await bot.ask("/language русский")
    assert "Теперь в этом чате я говорю на языке: <b>Русский</b>" in back
    (help_text,) = await bot.ask("/help")  # no Telegram language: the chat's choice still holds
    assert "кто этот человек" in help_text
    (refused,) = await bot.ask("/language klingon")
    assert "klingon" in refused and "/language en" in refused and "/language ru" in refused


async def test_an_english_user_is_answered_in_english(bot: FakeBotAPI) -> None:
    (unknown,) = await bot.ask("/frobnicate", language_code="en")
    assert unknown == "I don't know the command /frobnicate. Send /help for the list."
    (another,) = await bot.ask("/frobnicate", language_code="de")  # a language the bot does not speak
    assert another == unknown


async def test_the_brief_comes_in_the_language_of_whoever_subscribed(bot: FakeBotAPI, telegram: Application) -> None:
    await store_brief_news(telegram.bot_data.commands.services)
    at, due = brief_time()
    (reply,) = await bot.ask(f"/subscribe {at} Europe/Berlin", **RUSSIAN)
    assert "Подписка оформлена." in reply
    (english,) = await bot.ask(f"/subscribe {at} Europe/Berlin", chat_id=43, user_id=43, language_code="en")
    assert "Subscribed." in english

    assert (await tick(telegram, due)).sent == 2
    (russian,) = await bot.replies(42)
    assert russian["text"].startswith("<b>Ежедневная сводка — ")
    assert "3 события из 4 статей" in russian["text"]
    (group,) = await bot.replies(43)
    assert group["text"].startswith("<b>Daily brief — ") and "3 stories from 4 articles" in group["text"]


async def test_alerts_come_in_the_chat_language(core: Commands) -> None:
    news = core.services
    await store_brief_news(news)
    russian = Caller(42, admin=False, language_code="ru")
    reply = await core.handle("/follow Skuodis", caller=russian, where=Where(42))
    assert "Слежу: <b>Marius Skuodis</b>" in reply.messages[0]
    text = (FIXTURES / "brief" / "kaunas-rail-ledger.txt").read_text()
    await store(news, [text.replace("Monday", "Tuesday") + "\nMore trains follow in May."], ["Wire A"], all_new=False)

    class Sent:
        def __init__(self) -> None:
            self.messages: list[str] = []

        async def send(self, chat_id: int, thread_id: int, text: str) -> None:
            self.messages.append(text)

    sender = Sent()
    assert await core.alerts.tick(sender) == 1
    assert sender.messages[0].startswith("<b>Новое: Marius Skuodis</b>")


async def test_the_console_speaks_default_language(core: Commands) -> None:
    console = Caller(None, admin=True)
    assert (await core.handle("/frobnicate", caller=console, where=Where(0))).messages[0].startswith("I don't know")
    core.services.settings = core.services.settings.model_copy(update={"default_language": "ru"})
    assert (await core.handle("/frobnicate", caller=console, where=Where(0))).messages[0].startswith("Я не знаю")


def test_settings_refuse_a_language_the_bot_does_not_speak() -> None:
    from pydantic import ValidationError

    from bot.settings import Settings

    assert Settings(_env_file=None, default_language="RU").default_language == "ru"
    with pytest.raises(ValidationError, match="en or ru"):
        Settings(_env_file=None, default_language="fr")
