"""The bot's own words in the reader's language: gettext catalogs (bot/locales/<lang>/LC_MESSAGES/
newsbrief.po) read at first use, and the language of the request or delivery under way."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "newsbrief"
LOCALES = Path(__file__).parent / "locales"
ENGLISH = "en"  # the language of the source strings
LANGUAGES = (ENGLISH, "ru")  # the languages the bot speaks, as /language offers them
NAMES = {"en": "English", "ru": "Русский"}  # each in its own language, as a reader looks for it

# Set once per request (Commands.handle) or delivery (a brief, an alert): every `_()` below it
# answers in that language, without a parameter threaded through every render function.
_language: ContextVar[str] = ContextVar("language", default=ENGLISH)


def language_for(code: str | None, default: str = ENGLISH) -> str:
    """The bot's language for a Telegram `language_code`: "ru", "ru-RU" → Russian, any other → English;
    `default` when Telegram gives none (the console, a channel)."""
    if not code:
        return default if default in LANGUAGES else ENGLISH
    return "ru" if code.strip().lower().startswith("ru") else ENGLISH


def spoken(code: str) -> str | None:
    """The language a user names ("ru", "RU", "русский", "English"), or None if the bot does not speak it."""
    word = code.strip().lower()
    for language, name in NAMES.items():
        if word in (language, name.lower(), Locale.parse(ENGLISH).languages.get(language, "").lower()):
            return language
    return None


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language`, compiled in memory from its .po file (no compile step to run);
    English, and a language without a catalog, answer with the source strings."""
    po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == ENGLISH or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy (unchecked) translation stays English
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def current() -> str:
    """The language of the request or delivery under way."""
    return _language.get()


@contextmanager
def using(language: str) -> Iterator[None]:
    """Everything within speaks `language` (set and reset in the same task)."""
    token = _language.set(language if language in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language (Russian has three: статья, статьи, статей)."""
    return translations(_language.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a constant for the catalog; it is translated where it is shown, with `_()`."""
    return message


def format_day(day: date | datetime, pattern: str) -> str:
    """A date in the current language, by a CLDR pattern (shipped in Babel): "EEEE d MMMM y" is
    "Friday 27 November 2026", "пятница 27 ноября 2026"; "dd MMM" is "04 Nov", "04 нояб."."""
    return format_date(day, pattern, locale=_language.get())


def language_name(code: str) -> str:
    """A language's name in the current language ("Russian", "русский"); an unknown code as it is."""
    return Locale.parse(_language.get()).languages.get(code, code)
