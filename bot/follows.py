"""/follow, /unfollow, /following: alerts to a chat when a new article mentions an entity."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.choose import resolve_or_choose
from bot.render.html import bold, esc
from bot.reply import Reply, Where
from bot.services import Services
from storage import briefs as brief_rows


class Follows:
    """What a chat follows. The table's guards have run: there is a chat, and the caller may
    change what it receives."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def follow(self, query: str, where: Where) -> Reply:
        query = query.strip()
        if not query:
            return Reply.of("Follow whom or what? For example: /follow Lavrov")
        picked = await resolve_or_choose(self.services, query, "follow")
        if picked.ask is not None:
            return picked.ask
        if picked.hit is None:
            return Reply.of(f"I have not read about {bold(query[:100])} yet, so I cannot follow it.")
        name = picked.hit.name
        async with self.services.transaction() as session:
            added = await brief_rows.follow(session, where.chat_id, where.thread_id, picked.hit.id, datetime.now(UTC))
        if not added:
            reply = Reply.of(f"Already following {bold(name)}.")
        else:
            reply = Reply.of(
                f"Following {bold(name)}: I will tell you when a new article mentions them. /following lists all."
            )
        reply.choices += picked.also  # another of the name is one tap away
        return reply

    async def unfollow(self, query: str, where: Where) -> Reply:
        hits = (await resolve_or_choose(self.services, query.strip(), "who")).hits if query.strip() else []
        if not hits:
            return Reply.of("Unfollow whom? /following lists what this chat follows.")
        ids = [entity_id for hit in hits for entity_id in hit.ids]
        name = hits[0].name
        async with self.services.transaction() as session:
            removed = await brief_rows.unfollow(session, where.chat_id, where.thread_id, ids)
        return Reply.of(
            f"No more alerts about {bold(name)}." if removed else f"This chat does not follow {bold(name)}."
        )

    async def following(self, where: Where) -> Reply:
        async with self.services.session() as session:
            names = await brief_rows.following(session, where.chat_id, where.thread_id)
        if not names:
            return Reply.of("This chat follows nobody yet. /follow Lavrov alerts you to new articles about him.")
        return Reply.of(bold("Following") + ": " + esc(", ".join(names)))
