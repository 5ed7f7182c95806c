"""The one resolve-or-choose step of /who, /status, /trend and /follow: the entity a name means,
the others of that name as buttons, or the question which one is meant."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.i18n import _
from bot.nlp.ru_query import is_russian, normal_query
from bot.render import replies
from bot.render.html import esc
from bot.reply import Choice, Reply
from bot.services import Services
from bot.user_input import ENTITY_ID, is_id, user_number
from storage import queries

MAX_CHOICES = 12  # buttons offered for an ambiguous name
MAX_ALSO = 5  # others of the same name offered under a direct answer


@dataclass
class Picked:
    """A name resolved: the entity answered (None: nothing matched, or the user must choose
    first), the others of that name, the choice to ask (`ask`), and the others as buttons."""

    hit: queries.EntityHit | None
    others: list[queries.EntityHit]
    ask: Reply | None
    also: list[Choice] = field(default_factory=list)

    @property
    def hits(self) -> list[queries.EntityHit]:
        return ([self.hit] if self.hit else []) + self.others


async def resolve_or_choose(services: Services, query: str, command: str, people_first: bool = False) -> Picked:
    """The entity meant (the prominent one, see queries.prominent) with the others as buttons
    that run `command` on them, or, when several are comparably prominent, the choice to ask
    first. "#12" is that one entity. `people_first`: a question about who (/who, inline who),
    where a person bearing the name comes before a song or a place of that name."""
    async with services.session() as session:
        match = ENTITY_ID.match(query)
        if match:
            entity_id = user_number(match.group(1))
            hit = await queries.entity_by_id(session, entity_id) if is_id(entity_id) else None
            return Picked(hit, [], None)
        resolution = await queries.resolve(session, query, people_first)
        if resolution.hit is None and not resolution.others and is_russian(query):
            # "Зеленского", "в Киеве": names are stored in the nominative (the first query loads
            # the Russian dictionary: off the event loop).
            normal = await asyncio.to_thread(normal_query, query)
            if normal != query:
                resolution = await queries.resolve(session, normal, people_first)
    if resolution.hit is None and resolution.others:
        others = resolution.others[:MAX_CHOICES]
        ask = Reply.of(_("Which {name} do you mean?").format(name=esc(query[:100])), choices=buttons(others, command))
        return Picked(None, resolution.others, ask)
    return Picked(resolution.hit, resolution.others, None, buttons(resolution.others[:MAX_ALSO], command))


def buttons(hits: list[queries.EntityHit], command: str) -> list[Choice]:
    """One button per entity, running `/command #id` on it."""
    return [
        Choice(
            f"{h.name} ({replies.kind_word(h.kind)}, {replies.articles_phrase(h.articles)})",
            f"/{command} #{h.id}",
        )
        for h in hits
    ]
