"""Storing what users send: /ingest, and a link sent as a plain message."""

from __future__ import annotations

from bot.ingest.pipeline import Report, Stored, ingest
from bot.ingest.sources import from_text, from_url
from bot.ingest.text import canonical_url
from bot.render import replies
from bot.render.html import esc
from bot.reply import Reply
from bot.services import Services
from bot.user_input import URL
from domain.text import without_userinfo
from storage import queries


class Ingesting:
    """Articles from a chat: a link, pasted text, or the message replied to."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def plain_text(self, text: str) -> Reply:
        """A message that is no command: a link is stored, anything else gets a pointer."""
        match = URL.search(text)
        if match:
            return await self.ingest(match.group(0))
        return Reply.of("Send me a link to store it, or ask me something: /who, /status, /search. /help lists all.")

    async def ingest(self, arg: str, replied_text: str | None = None) -> Reply:
        content = arg.strip() or (replied_text or "").strip()
        if not content:
            return Reply.of("Send /ingest with a link or the article's text, or reply /ingest to a message.")
        if len(content) > self.services.settings.max_message_chars:
            return Reply.of(
                f"That is too long to paste ({len(content):,} characters; the limit is "
                f"{self.services.settings.max_message_chars:,}). Send a link instead."
            )
        if URL.fullmatch(content):
            report = await self.ingest_url(content)
        else:
            report = await ingest(self.services, [from_text(content, "message")])
        return self._ingest_reply(report)

    async def ingest_url(self, url: str) -> Report:
        url = without_userinfo(url)  # never stored, nor shown in a failure's line
        async with self.services.session() as session:
            known = await queries.article_by_url(session, canonical_url(url))
        if known is not None:
            return Report(duplicates=[Stored(known.id, known.title, [], duplicate=True)])
        items = await from_url(self.services.fetcher, url)
        return await ingest(self.services, items, limit=self.services.settings.chat_ingest_limit)

    @staticmethod
    def _ingest_reply(report: Report) -> Reply:
        blocks: list[str] = []
        for item in report.new[:10]:
            blocks += replies.stored(item.id, item.title, item.entities, duplicate=False)
            if item.truncated:
                blocks.append(f"The text was too long: I kept its first {report.max_chars:,} characters.")
        for item in report.duplicates[:5]:
            if item.id:
                blocks += replies.stored(item.id, item.title, [], duplicate=True)
        for failure in report.failed[:5]:
            blocks.append(f"Could not store {esc(failure.origin)}: {esc(failure.reason)}")
        if len(report.new) + len(report.duplicates) + len(report.failed) > 1:
            blocks.append(report.line())
        if report.capped:
            blocks.append(
                f"That link has {report.offered:,} articles; I read only the first {report.limit:,}. "
                "To follow all of it, ask an operator to add it as a feed (/feed add)."
            )
        return Reply.of(*(blocks or ["Nothing to store there."]))
