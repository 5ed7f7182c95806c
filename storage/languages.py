"""Rows of the chats' languages: the one chosen with /language, or the one noted at /subscribe."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatLanguage
from storage.writes import insert_for


async def chat_language(session: AsyncSession, chat_id: int) -> ChatLanguage | None:
    return await session.get(ChatLanguage, chat_id)


async def chat_languages(session: AsyncSession, chat_ids: Iterable[int]) -> dict[int, str]:
    """Each chat's stored language (a chat with none is left out)."""
    wanted = sorted(set(chat_ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(ChatLanguage.chat_id, ChatLanguage.language).where(ChatLanguage.chat_id.in_(wanted))
    )
    return {chat_id: language for chat_id, language in rows}


async def set_chat_language(session: AsyncSession, chat_id: int, language: str, now: datetime, *, chosen: bool) -> None:
    """Store the chat's language. A noted one (`chosen` False) never replaces a chosen one, and
    two writers at once both succeed (ON CONFLICT), the later one's language kept."""
    insert = insert_for(session)
    values = {"chat_id": chat_id, "language": language, "chosen": chosen, "updated_at": now}
    statement = insert(ChatLanguage).values(**values)
    update = {"language": language, "updated_at": now, "chosen": statement.excluded.chosen}
    where = None if chosen else ChatLanguage.chosen.is_(False)
    await session.execute(statement.on_conflict_do_update(index_elements=["chat_id"], set_=update, where=where))
