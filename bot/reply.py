"""What the chat core answers (Reply, with choices), and who asks from where (Caller, Where)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.render.html import paginate


@dataclass
class Choice:
    label: str
    command: str  # sent back as if the user typed it (callback data in Telegram)


@dataclass
class Reply:
    messages: list[str]
    choices: list[Choice] = field(default_factory=list)
    image: bytes | None = None  # a PNG sent before the messages; the first message is its caption

    @classmethod
    def of(cls, *blocks: str, choices: list[Choice] | None = None, image: bytes | None = None) -> Reply:
        return cls(paginate(list(blocks)), choices or [], image)


@dataclass(frozen=True)
class Caller:
    """Who sent the command: operators (ADMIN_USER_IDS, or the local console) may change feeds."""

    user_id: int | None
    admin: bool
    manages_chat: bool = True  # may change this chat's brief: private chats, group administrators


CONSOLE = Caller(None, admin=True)


@dataclass(frozen=True)
class Where:
    """The chat (and forum topic) a command came from: where a brief is to be delivered."""

    chat_id: int
    thread_id: int = 0
    chat_type: str = "private"
    title: str = ""
