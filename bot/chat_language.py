"""Which language the bot speaks in a chat, and /language to choose it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.i18n import LANGUAGES, NAMES, _, current, language_for, spoken, using
from bot.render.html import bold, esc
from bot.reply import Caller, Choice, Reply, Where
from bot.services import Services
from storage import languages as rows


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
        stored = None
        if where is not None:
            async with self.services.session() as session:
                stored = await rows.chat_language(session, where.chat_id)
        if stored is not None and (stored.chosen or not caller.language_code):
            return language_for(stored.language, self.default)
        return language_for(caller.language_code, self.default)

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
        with using(language):  # the answer already in the new language
            return Reply.of(
                _("From now on I speak {language} in this chat, briefs and alerts included.").format(
                    language=bold(NAMES[language])
                )
            )
