"""Which language the bot speaks in a chat, and /language to choose it.

A chat's stored language is read on every message, so it is kept in the process (per Services:
one store, one cache) for CACHE_SECONDS, a chat without a row included. /language and a noted
language update this process's cache at once. Another replica keeps what it read until its
entry expires: there, a new choice takes effect at most CACHE_SECONDS later."""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.i18n import LANGUAGES, NAMES, _, current, language_for, spoken, using
from bot.render.html import bold, esc
from bot.reply import Caller, Choice, Reply, Where
from bot.services import Services
from storage import languages as rows

CACHE_SECONDS = 60.0  # how stale another replica's /language can be here
CACHE_CHATS = 10_000  # chats remembered; the oldest entry goes first beyond that
clock = time.monotonic  # module-level so that a test can move time on


@dataclass(frozen=True)
class _Stored:
    language: str
    chosen: bool


# chat id -> (its stored language, None for no row; when that was read, by `clock`).
_Entries = dict[int, tuple[_Stored | None, float]]
_caches: weakref.WeakKeyDictionary[Services, _Entries] = weakref.WeakKeyDictionary()


def _cache(services: Services) -> _Entries:
    """The process's cache for this store: shared by every ChatLanguages made from it."""
    return _caches.setdefault(services, {})


class ChatLanguages:
    """A chat's language: the one chosen there with /language, else the sender's Telegram
    language, else the one noted when the chat subscribed, else DEFAULT_LANGUAGE."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def default(self) -> str:
        return self.services.settings.default_language

    async def of(self, caller: Caller, where: Where | None) -> str:
        """The language to answer `caller` in, in `where`."""
        stored = await self._stored(where.chat_id) if where is not None else None
        if stored is not None and (stored.chosen or not caller.language_code):
            return language_for(stored.language, self.default)
        return language_for(caller.language_code, self.default)

    async def _stored(self, chat_id: int) -> _Stored | None:
        """The chat's stored language, from the cache while it is fresh."""
        cache = _cache(self.services)
        hit = cache.get(chat_id)
        if hit is not None and clock() - hit[1] < CACHE_SECONDS:
            return hit[0]
        async with self.services.session() as session:
            row = await rows.chat_language(session, chat_id)
        stored = _Stored(row.language, row.chosen) if row is not None else None
        now = cache.get(chat_id)
        if now is not hit and now is not None:  # /language answered meanwhile: its choice is newer
            return now[0]
        self._remember(chat_id, stored)
        return stored

    def _remember(self, chat_id: int, stored: _Stored | None) -> None:
        cache = _cache(self.services)
        cache.pop(chat_id, None)  # re-inserted last: the dict's order is the age order
        if len(cache) >= CACHE_CHATS:
            del cache[next(iter(cache))]
        cache[chat_id] = (stored, clock())

    async def of_chats(self, chat_ids: list[int]) -> dict[int, str]:
        """Each chat's language for a delivery (a brief, alerts): no sender to ask, so the stored one."""
        async with self.services.session() as session:
            stored = await rows.chat_languages(session, chat_ids)
        return {chat_id: language_for(stored.get(chat_id), self.default) for chat_id in chat_ids}

    async def note(self, chat_id: int) -> None:
        """Remember the language of the request under way as the chat's, unless one was chosen
        there: the chat's brief and alerts then come in the language of whoever set them up."""
        async with self.services.transaction() as session:
            await rows.set_chat_language(session, chat_id, current(), datetime.now(UTC), chosen=False)
        # A chosen language outranks the noted one, which the row may or may not hold now:
        # read again on the next message.
        _cache(self.services).pop(chat_id, None)

    async def command(self, arg: str, where: Where) -> Reply:
        """/language: the current language and the choices; /language ru|en: choose it for this chat."""
        wanted = arg.strip()
        if not wanted:
            choices = [Choice(NAMES[language], f"/language {language}") for language in LANGUAGES]
            return Reply.of(
                _("I speak {language} here. Choose another for this chat:").format(language=bold(NAMES[current()])),
                choices=choices,
            )
        language = spoken(wanted)
        if language is None:
            names = ", ".join(f"{NAMES[code]} (<code>/language {code}</code>)" for code in LANGUAGES)
            return Reply.of(
                _("I don't speak “{language}”. I speak {names}.").format(language=esc(wanted[:40]), names=names)
            )
        async with self.services.transaction() as session:
            await rows.set_chat_language(session, where.chat_id, language, datetime.now(UTC), chosen=True)
        self._remember(where.chat_id, _Stored(language, chosen=True))  # the next message is in it
        with using(language):  # the answer already in the new language
            return Reply.of(
                _("From now on I speak {language} in this chat, briefs and alerts included.").format(
                    language=bold(NAMES[language])
                )
            )
