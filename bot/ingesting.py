"""Storing what users send: /ingest, a link sent as a plain message, a file, a forwarded post."""

from __future__ import annotations

from bot.i18n import _
from bot.ingest.documents import READABLE, document_kind, from_document, max_document_bytes, size_refusal
from bot.ingest.extraction import extracted
from bot.ingest.forwards import Forwarded, from_forward, is_public_post, link_only
from bot.ingest.pipeline import MIN_TEXT_CHARS, Report, Stored, ingest
from bot.ingest.sources import from_text, from_url
from bot.ingest.text import canonical_url, url_problem
from bot.render import replies
from bot.render.html import esc
from bot.reply import Reply
from bot.services import Services
from bot.user_input import URL
from domain.sources import Failure
from domain.text import without_userinfo
from storage import queries


def _counts(report: Report) -> str:
    """ "3 new, 1 duplicates, 0 failed" (Report.line) in the reader's language."""
    counts = _("{new} new, {duplicates} duplicates, {failed} failed").format(
        new=len(report.new), duplicates=len(report.duplicates), failed=len(report.failed)
    )
    if report.truncated:
        counts += _("; {count} cut to their first {limit} characters").format(
            count=len(report.truncated), limit=f"{report.max_chars:,}"
        )
    return counts


class Ingesting:
    """Articles from a chat: a link, pasted text, or the message replied to."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def plain_text(self, text: str) -> Reply:
        """A message that is no command: a link is stored, anything else gets a pointer."""
        match = URL.search(text)
        if match:
            return await self.ingest(match.group(0))
        return Reply.of(_("Send me a link to store it, or ask me something: /who, /status, /search. /help lists all."))

    async def ingest(self, arg: str, replied_text: str | None = None) -> Reply:
        content = arg.strip() or (replied_text or "").strip()
        if not content:
            return Reply.of(_("Send /ingest with a link or the article's text, or reply /ingest to a message."))
        if len(content) > self.services.settings.max_message_chars:
            return Reply.of(
                _("That is too long to paste ({length} characters; the limit is {limit}). Send a link instead.").format(
                    length=f"{len(content):,}", limit=f"{self.services.settings.max_message_chars:,}"
                )
            )
        if URL.fullmatch(content):
            report = await self.ingest_url(content)
        else:
            report = await ingest(self.services, [from_text(content, _("message"))])
        return self._ingest_reply(report)

    async def ingest_url(self, url: str) -> Report:
        url = without_userinfo(url)  # never stored, nor shown in a failure's line
        if problem := url_problem(url):
            return Report(failed=[Failure(url, problem)])
        async with self.services.session() as session:
            known = await queries.article_by_url(session, canonical_url(url))
        if known is not None:
            return Report(duplicates=[Stored(known.id, known.title, [], duplicate=True)])
        items = await from_url(self.services.fetcher, url)
        return await ingest(self.services, items, limit=self.services.settings.chat_ingest_limit)

    def document_refusal(self, file_name: str | None, mime_type: str | None, size: int | None) -> Reply | None:
        """Why a file sent in a chat is not read, judged before it is downloaded; None to read it."""
        name = file_name or _("that file")
        if document_kind(file_name, mime_type) is None:
            return Reply.of(_("I cannot read {name}: I read {kinds} files.").format(name=esc(name), kinds=_(READABLE)))
        too_big = size_refusal(size, self.document_limit)
        return Reply.of(_("I cannot read {name}: {why}.").format(name=esc(name), why=too_big)) if too_big else None

    @property
    def document_limit(self) -> int:
        return max_document_bytes(self.services.settings.fetch_max_bytes)

    async def document(self, data: bytes, file_name: str | None, mime_type: str | None) -> Reply:
        """A file sent in a chat (.txt, .md, .html, .pdf), stored like a link's article."""
        refusal = self.document_refusal(file_name, mime_type, len(data))  # the bytes, not the claim
        if refusal is not None:
            return refusal
        kind = document_kind(file_name, mime_type) or "txt"
        # Extracting a page or a PDF takes seconds: off the event loop.
        items = await extracted(from_document, data, file_name or f"the {kind} file", kind)
        return self._ingest_reply(await ingest(self.services, items, limit=self.services.settings.chat_ingest_limit))

    async def forwarded(self, post: Forwarded) -> Reply:
        """A forwarded post: a public channel's stored with the channel as source; a post that is only a
        link, by the link; any other refused."""
        text = post.text.strip()
        if not text:
            return Reply.of(_("That post has no text to store."))
        link = link_only(text, MIN_TEXT_CHARS)
        if link is not None:
            return await self.ingest(link)  # the linked page, as if the link were pasted
        if not is_public_post(post):
            # A person's message or a private channel's post would be shown to every user of the
            # shared store (/search, /latest, inline, briefs): the user may paste it on purpose.
            return Reply.of(
                _("I only store posts forwarded from public channels; paste the text with /ingest to store it.")
            )
        return self._ingest_reply(await ingest(self.services, [from_forward(post)]))

    @staticmethod
    def _ingest_reply(report: Report) -> Reply:
        blocks: list[str] = []
        for item in report.new[:10]:
            blocks += replies.stored(item.id, item.title, item.entities, duplicate=False)
            if item.truncated:
                blocks.append(
                    _("The text was too long: I kept its first {count} characters.").format(
                        count=f"{report.max_chars:,}"
                    )
                )
        for item in report.duplicates[:5]:
            if item.id:
                blocks += replies.stored(item.id, item.title, [], duplicate=True)
        for failure in report.failed[:5]:
            blocks.append(
                _("Could not store {origin}: {reason}").format(origin=esc(failure.origin), reason=esc(failure.reason))
            )
        if len(report.new) + len(report.duplicates) + len(report.failed) > 1:
            blocks.append(_counts(report))
        if report.capped:
            blocks.append(
                _(
                    "That link has {count} articles; I read only the first {limit}. "
                    "To follow all of it, ask an operator to add it as a feed (/feed add)."
                ).format(count=f"{report.offered:,}", limit=f"{report.limit:,}")
            )
        return Reply.of(*(blocks or [_("Nothing to store there.")]))
