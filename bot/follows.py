"""/follow, /unfollow, /following: alerts to a chat when a new article mentions an entity."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat_language import ChatLanguages
from bot.choose import resolve_or_choose
from bot.i18n import _
from bot.render.html import bold, esc
from bot.reply import Reply, Where
from bot.services import Services
from storage import briefs as brief_rows


class Follows:
    """What a chat follows. The table's guards have run: there is a chat, and the caller may
    change what it receives."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.languages = ChatLanguages(services)

    async def follow(self, query: str, where: Where) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of(_("Follow whom or what? For example: /follow Lavrov"))
        picked = await resolve_or_choose(self.services, query, "follow")
        if picked.ask is not None:
            return picked.ask
        if picked.hit is None:
            return Reply.of(
                _("I have not read about {name} yet, so I cannot follow it.").format(name=bold(query[:100]))
            )
        name = picked.hit.name
        async with self.services.transaction() as session:
            added = await brief_rows.follow(session, where.chat_id, where.thread_id, picked.hit.id, datetime.now(UTC))
        await self.languages.note(where.chat_id)  # its alerts come in the language of whoever asked for them
        if not added:
            reply = Reply.of(_("Already following {name}.").format(name=bold(name)))
        else:
            reply = Reply.of(
                _("Following {name}: I will tell you when a new article mentions them. /following lists all.").format(
                    name=bold(name)
                )
            )
        reply.choices += picked.also  # another of the name is one tap away
        return reply

    async def unfollow(self, query: str, where: Where) -> Reply:
        hits = (await resolve_or_choose(self.services, query.strip(), "who")).hits if query.strip() else []
        if not hits:
            return Reply.of(_("Unfollow whom? /following lists what this chat follows."))
        ids = [entity_id for hit in hits for entity_id in hit.ids]
        name = hits[0].name
        async with self.services.transaction() as session:
            removed = await brief_rows.unfollow(session, where.chat_id, where.thread_id, ids)
        answer = _("No more alerts about {name}.") if removed else _("This chat does not follow {name}.")
        return Reply.of(answer.format(name=bold(name)))

    async def following(self, where: Where) -> Reply:
        async with self.services.session() as session:
            names = await brief_rows.following(session, where.chat_id, where.thread_id)
        if not names:
            return Reply.of(_("This chat follows nobody yet. /follow Lavrov alerts you to new articles about him."))
        return Reply.of(bold(_("Following")) + ": " + esc(", ".join(names)))
